import { Anchor, Button, Checkbox, List, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/account";
import type { ServerArgs } from "../utils/route-args";
import { NewPasswordInput } from "../components/auth-card";
import { db } from "../utils/db.server";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { changePassword, getAccount } from "../models/account.server";
import { setEmailNotifications } from "../models/notification.server";
import { requireUser } from "../utils/auth.server";
import { getZodConstraint } from "@conform-to/zod/v3";
import { parseSubmission } from "../utils/forms";
import { changePasswordSchema } from "../forms/account-forms";
import type { FormMessage } from "../utils/forms";
import { dispatchIntent, hashingBusyAnswer, notFound, orNotFound } from "../utils/http.server";
import { hashingBusy, orHashingBusy } from "../utils/hashing-budget.server";
import { titleMeta } from "../utils/meta";
import { getSession } from "../utils/session.server";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { formsMessages } from "../locales/forms";
import { signInMessages } from "../locales/sign-in";
import { accountMessages } from "../locales/account";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, signInMessages, accountMessages, securityMessages);

export const meta = titleMeta("account.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const account = orNotFound(await getAccount({ db: db(), userId: user.id }));
  return { name: account.name, email: account.email, emailNotifications: account.emailNotifications };
}

/**
 * The account page: one section per concern (password, notifications), each its own form and
 * intent, and the links to every privacy feature (data export, sessions and "log out everywhere",
 * account deletion, the privacy statement), which have pages of their own.
 */
export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  return dispatchIntent(formData, {
    changePassword: async () => {
      const submission = parseSubmission(formData, changePasswordSchema);
      // Passwords never travel back to the page.
      const reply = (formErrors?: FormMessage[], fieldErrors?: Record<string, FormMessage[]>) => ({
        form: "password" as const,
        reply: submission.reply({ formErrors, fieldErrors, hideFields: ["currentPassword", "newPassword"] }),
      });
      if (submission.status !== "success") return data(reply(), { status: 400 });
      const session = await getSession(request);
      if (!session) throw notFound();
      const result = await orHashingBusy(() =>
        changePassword({
          db: db(),
          userId: user.id,
          currentPassword: submission.value.currentPassword,
          newPassword: submission.value.newPassword,
          keepSessionId: session.sessionId,
        }),
      );
      if (result === hashingBusy) return hashingBusyAnswer(reply([{ key: "security.busy" }]));
      if (!result.ok) {
        if (result.error.kind === "notFound") throw notFound();
        return data(reply(undefined, { currentPassword: [{ key: "account.wrongPassword" }] }), { status: 400 });
      }
      return redirectWithToast("/account", { key: "account.passwordChanged" });
    },
    emailNotifications: async () => {
      await setEmailNotifications({ db: db(), userId: user.id, enabled: formData.get("emailNotifications") === "on" });
      return redirectWithToast("/account", { key: "account.notificationsSaved" });
    },
  });
}

const constraint = getZodConstraint(changePasswordSchema);

export default function Account() {
  const { name, email, emailNotifications } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const lastResult = actionData?.form === "password" ? actionData.reply : undefined;
  const { form, fields } = useSchemaForm({ id: "account", constraint, lastResult });
  const field = useSchemaFields("account");
  const passwordErrors = useReplyMessages(lastResult);
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Stack gap="xl" maw={720}>
      <Stack gap={4}>
        <Title order={1}>{t("account.title")}</Title>
        <Text>{t("account.intro", { name, email })}</Text>
      </Stack>

      <SectionCard title={t("account.passwordSection")}>
        <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
          <FormErrorSummary
            errors={passwordErrors}
            idPrefix="account"
            labels={{ currentPassword: t("account.currentPassword"), newPassword: t("account.newPassword") }}
          />
          <Stack gap="md" maw={420}>
            <Text size="sm">{t("account.otherSessionsEnd")}</Text>
            <PasswordInput {...field(fields.currentPassword)} label={t("account.currentPassword")} autoComplete="current-password" />
            <NewPasswordInput {...field(fields.newPassword)} label={t("account.newPassword")} />
            <Button type="submit" name="intent" value="changePassword" loading={busy("changePassword")} style={{ alignSelf: "flex-start" }}>
              {t("account.changePassword")}
            </Button>
          </Stack>
        </Form>
      </SectionCard>

      <SectionCard title={t("account.notificationsSection")}>
        <Form method="post">
          <Stack gap="md">
            <Checkbox
              name="emailNotifications"
              label={t("account.emailNotifications")}
              description={t("account.emailNotificationsHint")}
              defaultChecked={emailNotifications}
              key={String(emailNotifications)}
            />
            <Button
              type="submit"
              name="intent"
              value="emailNotifications"
              variant="outline"
              loading={busy("emailNotifications")}
              style={{ alignSelf: "flex-start" }}
            >
              {t("account.saveNotifications")}
            </Button>
          </Stack>
        </Form>
      </SectionCard>

      <SectionCard title={t("account.privacySection")}>
        <Text mb="xs">{t("account.privacyIntro")}</Text>
        <List spacing="xs">
          <List.Item>
            <Anchor href="/account/export" download>
              {t("account.exportLink")}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to="/account/sessions">
              {t("account.sessionsLink")}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to="/account/delete">
              {t("account.deleteLink")}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to="/privacy">
              {t("account.privacyLink")}
            </Anchor>
          </List.Item>
        </List>
      </SectionCard>
    </Stack>
  );
}
