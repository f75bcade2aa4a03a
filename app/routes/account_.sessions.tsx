import { Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/account_.sessions";
import type { ServerArgs } from "../utils/route-args";
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

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  return { sessions: await countSessionsOf(user.id), verified: user.emailVerified };
}

/** "Log out everywhere": every session of the account ends, this one included. */
export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUser(request);
  await endAllSessionsOf(user.id);
  return redirectWithToast("/login", { key: "security.loggedOutEverywhere" }, { "Set-Cookie": await destroySession(request) });
}

export default function AccountSecurity() {
  const { sessions, verified } = useLoaderData<typeof loader>();
  const { t, counted } = useI18n();
  return (
    <Stack gap="lg" maw={760}>
      <Title order={1}>{t("security.accountTitle")}</Title>
      {!verified && (
        <Anchor component={Link} to="/account/verify">
          {t("security.verifyTitle")}
        </Anchor>
      )}
      <SectionCard title={t("security.sessionsTitle")}>
        <Text mb="md">{counted("security.sessionsCount", sessions)}</Text>
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
