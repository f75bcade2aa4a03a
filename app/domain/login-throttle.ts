/**
 * The login throttle's rules (decision 002), kept free of I/O so they can be tested directly.
 * - per account and address: a hard block after `pairLimit` failures in the window;
 * - per address across accounts (password spraying): a hard block after `addressLimit`;
 * - per account alone: never a block, only a growing delay, so nobody can lock another person out.
 */
export const throttleWindowMs = 15 * 60 * 1000;
export const pairLimit = 10;
export const addressLimit = 30;
/** Failures on one account (from anywhere) before answers start to slow down. */
export const delayAfter = 5;
export const maxDelayMs = 3000;

/** How long a login for an account waits before its password is checked. */
export function accountDelayMs(recentAccountFailures: number): number {
  if (recentAccountFailures < delayAfter) return 0;
  return Math.min(maxDelayMs, 250 * 2 ** (recentAccountFailures - delayAfter));
}

export function throttleKeys(email: string, address: string) {
  const account = email.trim().toLowerCase();
  return {
    pair: `login:pair:${account}|${address}`,
    address: `login:ip:${address}`,
    account: `login:account:${account}`,
  };
}
