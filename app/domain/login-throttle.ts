/**
 * The login throttle's rules (decision 002), kept free of I/O so they can be tested directly.
 * Every attempt is counted before its password is checked, so these are limits on checks:
 * - per account and address: a hard block after `pairLimit` failures in the window;
 * - per address across accounts (password spraying): a hard block after `addressLimit`;
 * - per account from everywhere (guessing from many addresses): a block after `accountLimit`
 *   for every browser the account has not logged in from before, and a growing delay before that.
 *   A known browser (its cookie, see app/models/login-throttle.server.ts) is never blocked or
 *   delayed by the account's count, so failures made on purpose cannot lock the owner out.
 */
export const throttleWindowMs = 15 * 60 * 1000;
export const pairLimit = 10;
export const addressLimit = 30;
/** Password checks on one account per window from browsers it has not logged in from: 80 an hour. */
export const accountLimit = 20;
/** How long a browser stays known after a login (or a password reset) from it. */
export const knownDeviceLifetimeMs = 180 * 24 * 60 * 60 * 1000;
/** Failures on one account (from anywhere) before answers start to slow down. */
export const delayAfter = 5;
export const maxDelayMs = 3000;

/** How long a login for an account waits before its password is checked. */
export function accountDelayMs(recentAccountFailures: number): number {
  if (recentAccountFailures < delayAfter) return 0;
  return Math.min(maxDelayMs, 250 * 2 ** (recentAccountFailures - delayAfter));
}

export type ThrottleVerdict = { ok: true; delayMs: number } | { ok: false; error: "throttled" | "accountThrottled" };

/** Whether an attempt may be checked, from the failures counted before it in the window. */
export function throttleVerdict({
  pair,
  address,
  account,
  knownDevice,
}: {
  pair: number;
  address: number;
  account: number;
  /** The browser has logged in to this account before. */
  knownDevice: boolean;
}): ThrottleVerdict {
  if (pair >= pairLimit || address >= addressLimit) return { ok: false, error: "throttled" };
  if (knownDevice) return { ok: true, delayMs: 0 };
  if (account >= accountLimit) return { ok: false, error: "accountThrottled" };
  return { ok: true, delayMs: accountDelayMs(account) };
}

export function throttleKeys(email: string, address: string) {
  const account = email.trim().toLowerCase();
  return {
    pair: `login:pair:${account}|${address}`,
    address: `login:ip:${address}`,
    account: `login:account:${account}`,
  };
}
