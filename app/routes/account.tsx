import { Anchor, Button, Checkbox, List, PasswordInput, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/account";
import type { ServerArgs } from "../utils/route-args";
import { NewPasswordInput } from "../components/auth-card";
import { z } from "zod";
import { db } from "../utils/db.server";
import { FormErrorSummary, useFieldError } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { changePassword, getAccount } from "../models/account.server";
import { setEmailNotifications } from "../models/notification.server";
import { requireUser } from "../utils/auth.server";
import { formObject, parseForm, password } from "../utils/forms";
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

const changePasswordSchema = z.object({
  currentPassword: z.string({ required_error: "form.required" }).min(1, "form.required").max(1024),
  newPassword: password,
});

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const account = orNotFound(await getAccount({ db: db(), userId: user.id }));
  return { name: account.name, email: account.email, emailNotifications: account.email_notifications };
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
      const parsed = parseForm(changePasswordSchema, formObject(formData));
      if (!parsed.ok) return data({ form: "password" as const, errors: parsed.errors }, { status: 400 });
      const session = await getSession(request);
      if (!session) throw notFound();
      const result = await orHashingBusy(() =>
        changePassword({
          db: db(),
          userId: user.id,
          currentPassword: parsed.data.currentPassword,
          newPassword: parsed.data.newPassword,
          keepSessionId: session.sessionId,
        }),
      );
      if (result === hashingBusy) return hashingBusyAnswer({ form: "password" as const });
      if (!result.ok) {
        if (result.error === "notFound") throw notFound();
        return data({ form: "password" as const, errors: { currentPassword: "account.wrongPassword" } }, { status: 400 });
      }
      return redirectWithToast("/account", { key: "account.passwordChanged" });
    },
    emailNotifications: async () => {
      await setEmailNotifications({ db: db(), userId: user.id, enabled: formData.get("emailNotifications") === "on" });
      return redirectWithToast("/account", { key: "account.notificationsSaved" });
    },
  });
}

export default function Account() {
  const { name, email, emailNotifications } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useI18n();
  const passwordErrors = actionData?.form === "password" ? actionData.errors : undefined;
  const error = useFieldError(passwordErrors);
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <Stack gap="xl" maw={720}>
      <Stack gap={4}>
        <Title order={1}>{t("account.title")}</Title>
        <Text>{t("account.intro", { name, email })}</Text>
      </Stack>

      <SectionCard title={t("account.passwordSection")}>
        <Form method="post" noValidate>
          <FormErrorSummary
            errors={passwordErrors}
            idPrefix="account"
            labels={{ currentPassword: t("account.currentPassword"), newPassword: t("account.newPassword") }}
          />
          <Stack gap="md" maw={420}>
            <Text size="sm">{t("account.otherSessionsEnd")}</Text>
            <PasswordInput
              id="account-currentPassword"
              name="currentPassword"
              label={t("account.currentPassword")}
              autoComplete="current-password"
              required
              error={error("currentPassword")}
            />
            <NewPasswordInput id="account-newPassword" name="newPassword" label={t("account.newPassword")} error={error("newPassword")} />
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
            <Button type="submit" name="intent" value="emailNotifications" variant="outline" loading={busy("emailNotifications")} style={{ alignSelf: "flex-start" }}>
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
