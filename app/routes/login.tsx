import { Anchor, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { Form, Link, data, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import type { ServerArgs } from "../utils/route-args";
import { AuthCard } from "../components/auth-card";
import { db } from "../utils/db.server";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm } from "../components/form-fields";
import { clearLoginFailures, rememberDevice, reserveLoginAttempt } from "../models/login-throttle.server";
import { knownDeviceCookie, knownDeviceToken } from "../utils/known-device.server";
import { releaseRateEvents } from "../models/rate-limit.server";
import { hashingBusy, orHashingBusy } from "../utils/hashing-budget.server";
import { hashingBusyAnswer } from "../utils/http.server";
import { waitBeforePasswordCheck } from "../utils/login-delay.server";
import { verifyLogin } from "../models/user.server";
import { getCurrentUser, safeRedirectPath } from "../utils/auth.server";
import { clientAddress } from "../utils/client-address.server";
import { getZodConstraint } from "@conform-to/zod/v3";
import { loginSchema, parseSubmission } from "../utils/forms";
import { createUserSession } from "../utils/session.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { formsMessages } from "../locales/forms";
import { signInMessages } from "../locales/sign-in";
import { accountMessages } from "../locales/account";
import { securityMessages } from "../locales/security";
import { messagesHandle, type MessageKey } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, signInMessages, accountMessages, securityMessages);

export const meta = titleMeta("auth.loginTitle");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  if (await getCurrentUser(request)) throw redirect("/");
  return null;
}

/** The password never travels back to the page. */
const hideFields = ["password"];

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const submission = parseSubmission(await readFormData(request), loginSchema);
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const refuse = (key: MessageKey, status: number) => data(submission.reply({ formErrors: [{ key }], hideFields }), { status });
  const { email, password, redirectTo } = submission.value;
  const address = clientAddress(request);
  const reservation = await reserveLoginAttempt({ db: db(), email, address, deviceToken: knownDeviceToken(request) });
  if (!reservation.ok) return refuse(reservation.error === "accountThrottled" ? "auth.accountThrottled" : "auth.throttled", 429);
  // Failures on this account from elsewhere slow its logins from unknown browsers down.
  await waitBeforePasswordCheck(reservation.delayMs);
  const userId = await orHashingBusy(() => verifyLogin({ db: db(), email, password }));
  if (userId === hashingBusy) {
    await releaseRateEvents({ db: db(), eventIds: reservation.eventIds });
    return hashingBusyAnswer(submission.reply({ formErrors: [{ key: "security.busy" }], hideFields }));
  }
  // A failure keeps its reservation: it was counted before the password was checked.
  // The same answer whether or not the account exists.
  if (!userId) return refuse("auth.invalidCredentials", 400);
  await clearLoginFailures({ db: db(), email, address, eventIds: reservation.eventIds });
  const headers = new Headers({ "Set-Cookie": await createUserSession(userId, request) });
  if (!reservation.knownDevice) headers.append("Set-Cookie", knownDeviceCookie(await rememberDevice({ db: db(), userId }), request));
  return redirect(safeRedirectPath(redirectTo), { headers });
}

const constraint = getZodConstraint(loginSchema);

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useI18n();
  const { form, fields } = useSchemaForm({ id: "login", constraint, lastResult });
  const field = useSchemaFields("login");
  const errors = useReplyMessages(lastResult);
  return (
    <AuthCard title={t("auth.loginTitle")}>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <FormErrorSummary errors={errors} idPrefix="login" labels={{ email: t("auth.email"), password: t("auth.password") }} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Stack gap="md">
          <TextInput {...field(fields.email)} type="email" label={t("auth.email")} autoComplete="email" />
          <PasswordInput {...field(fields.password)} label={t("auth.password")} autoComplete="current-password" />
          <Button type="submit" loading={navigation.state === "submitting"}>
            {t("auth.login")}
          </Button>
          <Anchor component={Link} to="/forgot-password">
            {t("account.forgotLink")}
          </Anchor>
          <Anchor component={Link} to="/signup">
            {t("auth.noAccount")}
          </Anchor>
        </Stack>
      </Form>
    </AuthCard>
  );
}
