import { Alert, Anchor, Box, Button, Container, Group, Text } from "@mantine/core";
import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { loader as rootLoader } from "../root";
import { useI18n } from "../utils/use-i18n";

export function AppLayout({ children }: { children: React.ReactNode }) {
  const { t, locale } = useI18n();
  const data = useRouteLoaderData<typeof rootLoader>("root");
  const user = data?.user ?? null;
  const toast = data?.toast ?? null;
  const location = useLocation();
  const here = location.pathname + location.search;
  const isBuyer = user?.roles.includes("buyer") ?? false;
  const waiting = data?.waitingJoinRequests?.total ?? 0;
  const navLink = (to: string, label: string) => (
    <Anchor component={NavLink} to={to} prefetch="intent" fw={500} c="dark.8" underline="hover">
      {label}
    </Anchor>
  );

  return (
    <>
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <Box component="header" py="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size="lg">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Anchor component={Link} to="/" fw={700} fz="lg" c="blue.9" underline="never">
              {t("app.name")}
            </Anchor>
            <Group component="nav" aria-label={t("nav.main")} gap="md" wrap="wrap">
              {navLink("/organisations", t("nav.directory"))}
              {navLink("/requests", t("requests.nav"))}
              {user && navLink("/bids", t("nav.bids"))}
              {navLink("/meetings", t("nav.meetings"))}
              {/* Buyers act for a buyer organisation; a member's registration and join forms are not theirs. */}
              {user && !isBuyer && navLink("/organisations/new", waiting ? t("nav.myOrganisationsWaiting", { count: waiting }) : t("nav.myOrganisations"))}
              {user && navLink("/account", t("nav.account"))}
              {user?.roles.includes("coordinator") && navLink("/coordinator", t("nav.coordinator"))}
              {(user?.roles.includes("coordinator") || user?.roles.includes("buyer")) && navLink("/pilot", t("nav.pilot"))}
              {user?.roles.includes("admin") && navLink("/admin", t("nav.admin"))}
              {user?.roles.includes("coordinator") && navLink("/coordinator/audit", t("security.auditLink"))}
              {!user && navLink("/login", t("nav.login"))}
              {!user && navLink("/signup", t("nav.signup"))}
            </Group>
            <Group gap="xs" wrap="wrap">
              <Form method="post" action="/lang">
                <input type="hidden" name="lang" value={locale === "sv" ? "en" : "sv"} />
                <input type="hidden" name="redirectTo" value={here} />
                <Button type="submit" variant="subtle" size="xs" lang={locale === "sv" ? "en" : "sv"}>
                  {t("nav.languageSwitch")}
                </Button>
              </Form>
              {user && (
                <Anchor component={Link} to="/notifications" size="sm" aria-label={t("requests.bell.unread", { count: data?.unreadNotifications ?? 0 })}>
                  <span aria-hidden="true">🔔 {data?.unreadNotifications ?? 0}</span>
                </Anchor>
              )}
              {user && (
                <Form method="post" action="/logout">
                  <Text span size="sm" mr="xs">
                    {t("nav.signedInAs", { name: user.name })}
                  </Text>
                  <Button type="submit" variant="default" size="xs">
                    {t("nav.logout")}
                  </Button>
                </Form>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="lg" component="main" id="main" py="lg" tabIndex={-1}>
        {toast && (
          <Alert role="status" color="green" variant="light" mb="md" title={null}>
            <Text c="dark.9">{t(toast.key, toast.vars)}</Text>
          </Alert>
        )}
        {children}
      </Container>
      <Box component="footer" py="lg" mt="xl" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size="lg">
          <Text size="sm" c="dimmed">
            {t("footer.text")}
          </Text>
          <Group gap="md" mt="xs" wrap="wrap">
            <Anchor component={Link} to="/privacy" size="sm">
              {t("security.footerPrivacy")}
            </Anchor>
            <Anchor component={Link} to="/accessibility" size="sm">
              {t("security.footerAccessibility")}
            </Anchor>
          </Group>
        </Container>
      </Box>
    </>
  );
}
