import { Alert, Anchor, Button, Stack } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/reset-password.$token";
import type { ServerArgs } from "../utils/route-args";
import { AuthCard, NewPasswordInput } from "../components/auth-card";
import { db } from "../utils/db.server";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm } from "../components/form-fields";
import { isResetTokenValid, resetPassword } from "../models/account.server";
import { getZodConstraint } from "@conform-to/zod/v3";
import { parseSubmission } from "../utils/forms";
import { resetPasswordSchema } from "../forms/account-forms";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { takeRateLimit } from "../models/rate-limit.server";
import { clientAddress } from "../utils/client-address.server";
import { hashingBusy, orHashingBusy } from "../utils/hashing-budget.server";
import { hashingBusyAnswer } from "../utils/http.server";
import { knownDeviceCookie } from "../utils/known-device.server";
import { securityMessages } from "../locales/security";
import { formsMessages } from "../locales/forms";
import { signInMessages } from "../locales/sign-in";
import { accountMessages } from "../locales/account";
import { messagesHandle, type MessageKey } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, signInMessages, accountMessages, securityMessages);

export const meta = titleMeta("account.resetTitle");

// The token is in the address: links on this page must not pass it on to another site.
export const headers = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ params }: ServerArgs<Route.LoaderArgs>) {
  return { valid: await isResetTokenValid({ db: db(), token: params.token ?? "" }) };
}

/** Attempts per client address, counted before anything else is looked at. */
const resetAttemptsPerAddress = 10;
const resetWindowMs = 15 * 60 * 1000;

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const submission = parseSubmission(await readFormData(request), resetPasswordSchema);
  // The new password never travels back to the page.
  const refuse = (key: MessageKey, status: number) => data(submission.reply({ formErrors: [{ key }], hideFields: ["password"] }), { status });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  const allowed = await takeRateLimit({ db: db(), key: `reset:ip:${clientAddress(request)}`, limit: resetAttemptsPerAddress, windowMs: resetWindowMs });
  if (!allowed) return refuse("security.resetThrottled", 429);
  const result = await orHashingBusy(() => resetPassword({ db: db(), token: params.token ?? "", password: submission.value.password }));
  if (result === hashingBusy) return hashingBusyAnswer(submission.reply({ formErrors: [{ key: "security.busy" }], hideFields: ["password"] }));
  if (!result.ok) return refuse("account.resetInvalid", 400);
  // This browser may log in even while failures on the account from elsewhere block others.
  return redirectWithToast("/login", { key: "account.resetDone" }, { "Set-Cookie": knownDeviceCookie(result.deviceToken, request) });
}

const constraint = getZodConstraint(resetPasswordSchema);

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const { form, fields } = useSchemaForm({ id: "reset", constraint, lastResult });
  const field = useSchemaFields("reset");
  const errors = useReplyMessages(lastResult);
  return (
    <AuthCard title={t("account.resetTitle")}>
      {valid ? (
        <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
          <FormErrorSummary errors={errors} idPrefix="reset" labels={{ password: t("account.newPassword") }} />
          <Stack gap="md">
            <NewPasswordInput {...field(fields.password)} label={t("account.newPassword")} />
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("account.resetButton")}
            </Button>
          </Stack>
        </Form>
      ) : (
        <Alert color="red" variant="light" role="alert">
          {t("account.resetInvalid")}
        </Alert>
      )}
      <Anchor component={Link} to="/forgot-password" mt="md" display="block">
        {t("account.requestNewLink")}
      </Anchor>
    </AuthCard>
  );
}
