import type { DB } from "../../../db/client.server";
import { absoluteUrl } from "../../utils/origin.server";
import { noticeEmail } from "../../utils/notice-text.server";
import { emailUser, enqueueEmail, notifyUsers } from "../notification.server";

/**
 * Notices about a person's own account (decision 020). Each function is one event, decides who
 * hears what, and is called inside the transaction of the change.
 */

/** A new address to confirm: the link goes to that address, in the account's language. */
export async function emailAddressToConfirm({ db, userId, email, token }: { db: DB; userId: string; email: string; token: string }): Promise<void> {
  const user = await db.selectFrom("user").select("locale").where("id", "=", userId).executeTakeFirstOrThrow();
  await enqueueEmail({ db, to: email, ...noticeEmail(user.locale, { key: "security.verifyEmailMail", link: `/verify-email?token=${token}` }) });
}

/** A password reset link, asked for on "Glömt lösenordet?". */
export async function passwordResetRequested({ db, userId, token }: { db: DB; userId: string; token: string }): Promise<void> {
  await emailUser({ db, userId, message: { key: "account.resetEmailText", link: `/reset-password/${token}` } });
}

/**
 * The password was changed (on the account page or through a reset link): the person hears of it
 * under the bell and by e-mail whatever the e-mail setting, since it may not have been them, with
 * the way to take the account back.
 */
export async function passwordChanged({ db, userId, at }: { db: DB; userId: string; at: Date }): Promise<void> {
  await notifyUsers({
    db,
    userIds: [userId],
    emailWhateverTheSetting: true,
    message: {
      key: "account.passwordChangedNotice",
      vars: { at: { at: at.toISOString() } },
      details: [{ key: "account.passwordChangedNotYou", vars: { reset: absoluteUrl("/forgot-password") } }],
      link: "/account",
    },
  });
}
