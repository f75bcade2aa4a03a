import { Anchor } from "mantine-parts/components/Anchor/Anchor";
import { Button } from "mantine-parts/components/Button/Button";
import { Stack } from "mantine-parts/components/Stack/Stack";
import { Text } from "mantine-parts/components/Text/Text";
import { Title } from "mantine-parts/components/Title/Title";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SectionCard } from "../components/section-card";
import { requireUser } from "../utils/auth.server";
import { countSessionsOf, destroySession, endAllSessionsOf } from "../utils/session.server";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(securityMessages);

export const meta = titleMeta("security.accountTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { sessions: await countSessionsOf(user.id), verified: user.emailVerified };
}

/** "Log out everywhere": every session of the account ends, this one included. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await endAllSessionsOf(user.id);
  return redirectWithToast("/login", { key: "security.loggedOutEverywhere" }, { "Set-Cookie": await destroySession(request) });
}

export default function AccountSecurity() {
  const { sessions, verified } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <Stack gap="lg" maw={760}>
      <Title order={1}>{t("security.accountTitle")}</Title>
      {!verified && (
        <Anchor component={Link} to="/account/verify">
          {t("security.verifyTitle")}
        </Anchor>
      )}
      <SectionCard title={t("security.sessionsTitle")}>
        <Text mb="md">{t("security.sessionsCount", { count: sessions })}</Text>
        <Form method="post">
          <Button type="submit" variant="outline">
            {t("security.logoutEverywhere")}
          </Button>
        </Form>
      </SectionCard>
      <SectionCard title={t("security.exportTitle")}>
        <Text mb="md">{t("security.exportIntro")}</Text>
        <Anchor href="/account/export" download>
          {t("security.exportDownload")}
        </Anchor>
      </SectionCard>
      <SectionCard title={t("security.deleteTitle")}>
        <Text mb="md">{t("security.deleteIntro")}</Text>
        <Anchor component={Link} to="/account/delete">
          {t("security.deleteTitle")}
        </Anchor>
      </SectionCard>
    </Stack>
  );
}
