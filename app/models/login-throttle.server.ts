import type { DB } from "../../db/client.server";

/** After this many failures within the window, for one account or one address, logins wait. */
export const maxFailures = 10;
export const windowMs = 15 * 60 * 1000;

function keys(email: string, address: string): string[] {
  return [`email:${email.trim().toLowerCase()}`, `ip:${address}`];
}

export async function isLoginThrottled({ db, email, address, now = Date.now() }: { db: DB; email: string; address: string; now?: number }) {
  const rows = await db
    .selectFrom("login_failure")
    .select(["key", (eb) => eb.fn.countAll<number>().as("n")])
    .where("key", "in", keys(email, address))
    .where("failed_at", ">", now - windowMs)
    .groupBy("key")
    .execute();
  return rows.some((r) => Number(r.n) >= maxFailures);
}

export async function recordLoginFailure({ db, email, address, now = Date.now() }: { db: DB; email: string; address: string; now?: number }) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("login_failure").values(keys(email, address).map((key) => ({ key, failed_at: now }))).execute();
    await trx.deleteFrom("login_failure").where("failed_at", "<=", now - windowMs).execute();
  });
}

export async function clearLoginFailures({ db, email }: { db: DB; email: string }) {
  await db.deleteFrom("login_failure").where("key", "=", `email:${email.trim().toLowerCase()}`).execute();
}
