import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { Form, Link, data, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/forgot-password";
import type { ServerArgs } from "../utils/route-args";
import { AuthCard } from "../components/auth-card";
import { db } from "../utils/db.server";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm } from "../components/form-fields";
import { requestPasswordReset } from "../models/account.server";
import { getZodConstraint } from "@conform-to/zod/v3";
import { parseSubmission } from "../utils/forms";
import { forgotPasswordSchema } from "../forms/account-forms";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { formsMessages } from "../locales/forms";
import { signInMessages } from "../locales/sign-in";
import { accountMessages } from "../locales/account";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, signInMessages, accountMessages);

export const meta = titleMeta("account.forgotTitle");

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const submission = parseSubmission(await readFormData(request), forgotPasswordSchema);
  if (submission.status !== "success") return data({ sent: false as const, reply: submission.reply() }, { status: 400 });
  await requestPasswordReset({ db: db(), email: submission.value.email });
  // The same answer whether or not the address has an account.
  return { sent: true as const };
}

const constraint = getZodConstraint(forgotPasswordSchema);

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const lastResult = actionData && !actionData.sent ? actionData.reply : undefined;
  const { form, fields } = useSchemaForm({ id: "forgot", constraint, lastResult });
  const field = useSchemaFields("forgot");
  const errors = useReplyMessages(lastResult);
  return (
    <AuthCard title={t("account.forgotTitle")}>
      {actionData?.sent ? (
        <Alert color="green" variant="light" role="status" tabIndex={-1} autoFocus>
          <Text c="dark.9">{t("account.linkSent")}</Text>
        </Alert>
      ) : (
        <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
          <FormErrorSummary errors={errors} idPrefix="forgot" labels={{ email: t("auth.email") }} />
          <Stack gap="md">
            <Text>{t("account.forgotIntro")}</Text>
            <TextInput {...field(fields.email)} type="email" label={t("auth.email")} autoComplete="email" />
            <Button type="submit" loading={navigation.state === "submitting"}>
              {t("account.sendLink")}
            </Button>
          </Stack>
        </Form>
      )}
      <Anchor component={Link} to="/login" mt="md" display="block">
        {t("auth.haveAccount")}
      </Anchor>
    </AuthCard>
  );
}
