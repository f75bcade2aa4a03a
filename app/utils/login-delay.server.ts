/**
 * The wait a login makes before its password is checked once its account has failed often (the
 * throttle's per-account delay, app/domain/login-throttle.ts, up to 3 s): at full length, or scaled
 * by LOGIN_DELAY_SCALE (0 to 1) in a test run, where hundreds of failed logins would otherwise wait
 * minutes. As with SCRYPT_LOG2_COST, only a test run may ask: a process under Vitest (and the test
 * servers it starts, which inherit VITEST) or with NODE_ENV=test, so a server never shortens the
 * delay by a stray setting. The throttle's counts and limits are never scaled.
 */
export function loginDelayScale(env: Record<string, string | undefined>): number {
  const asked = env.LOGIN_DELAY_SCALE;
  if (asked === undefined || asked === "" || (env.NODE_ENV !== "test" && env.VITEST !== "true")) return 1;
  const scale = Number(asked);
  if (!Number.isFinite(scale) || scale < 0 || scale > 1) throw new Error(`LOGIN_DELAY_SCALE must be a number from 0 to 1 (got "${asked}").`);
  return scale;
}

const scale = loginDelayScale(process.env);

export function waitBeforePasswordCheck(delayMs: number): Promise<void> {
  const ms = delayMs * scale;
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
