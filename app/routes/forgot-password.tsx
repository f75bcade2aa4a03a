import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { Form, Link, data, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/forgot-password";
import type { ServerArgs } from "../utils/route-args";
import { AuthCard } from "../components/auth-card";
import { z } from "zod";
import { db } from "../utils/db.server";
import { FormErrorSummary, useFieldError } from "../components/form-fields";
import { requestPasswordReset } from "../models/account.server";
import { email, formObject, parseForm } from "../utils/forms";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { formsMessages } from "../locales/forms";
import { signInMessages } from "../locales/sign-in";
import { accountMessages } from "../locales/account";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, signInMessages, accountMessages);

export const meta = titleMeta("account.forgotTitle");

const forgotSchema = z.object({ email });

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const input = formObject(await readFormData(request));
  const parsed = parseForm(forgotSchema, input);
  if (!parsed.ok) return data({ sent: false as const, errors: parsed.errors, email: String(input.email ?? "") }, { status: 400 });
  await requestPasswordReset({ db: db(), email: parsed.data.email });
  // The same answer whether or not the address has an account.
  return { sent: true as const };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const errors = actionData && !actionData.sent ? actionData.errors : undefined;
  const error = useFieldError(errors);
  return (
    <AuthCard title={t("account.forgotTitle")}>
      {actionData?.sent ? (
        <Alert color="green" variant="light" role="status" tabIndex={-1} autoFocus>
          <Text c="dark.9">{t("account.linkSent")}</Text>
        </Alert>
      ) : (
        <Form method="post" noValidate>
          <FormErrorSummary errors={errors} idPrefix="forgot" labels={{ email: t("auth.email") }} />
          <Stack gap="md">
            <Text>{t("account.forgotIntro")}</Text>
            <TextInput
              id="forgot-email"
              name="email"
              type="email"
              label={t("auth.email")}
              autoComplete="email"
              required
              defaultValue={actionData && !actionData.sent ? actionData.email : ""}
              error={error("email")}
            />
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
