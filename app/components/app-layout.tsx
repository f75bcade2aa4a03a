import { Alert } from "mantine-parts/components/Alert/Alert";
import { Anchor } from "mantine-parts/components/Anchor/Anchor";
import { Button } from "mantine-parts/components/Button/Button";
import { Container } from "mantine-parts/components/Container/Container";
import { Group } from "mantine-parts/components/Group/Group";
import { Text } from "mantine-parts/components/Text/Text";
import { Box } from "mantine-parts/core/Box/Box";
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
  // Plain links (styled in app.css): the menu is rendered twice, once per header, on every page.
  const navLink = (to: string, label: string) => (
    <NavLink key={to} to={to} prefetch="intent" className="nav-link">
      {label}
    </NavLink>
  );
  const links = [
    navLink("/organisations", t("nav.directory")),
    navLink("/requests", t("nav.requests")),
    user && navLink("/bids", t("nav.bids")),
    navLink("/meetings", t("nav.meetings")),
    // Buyers act for a buyer organisation; a member's registration and join forms are not theirs.
    user && !isBuyer && navLink("/organisations/new", waiting ? t("nav.myOrganisationsWaiting", { count: waiting }) : t("nav.myOrganisations")),
    user && navLink("/account", t("nav.account")),
    user?.roles.includes("coordinator") && navLink("/coordinator", t("nav.coordinator")),
    (user?.roles.includes("coordinator") || user?.roles.includes("buyer")) && navLink("/pilot", t("nav.pilot")),
    user?.roles.includes("admin") && navLink("/admin", t("nav.admin")),
    user?.roles.includes("coordinator") && navLink("/coordinator/audit", t("nav.audit")),
    !user && navLink("/login", t("nav.login")),
    !user && navLink("/signup", t("nav.signup")),
  ];
  const languageSwitch = (
    <Form method="post" action="/lang">
      <input type="hidden" name="lang" value={locale === "sv" ? "en" : "sv"} />
      <input type="hidden" name="redirectTo" value={here} />
      <Button type="submit" variant="subtle" size="xs" lang={locale === "sv" ? "en" : "sv"}>
        {t("nav.languageSwitch")}
      </Button>
    </Form>
  );
  const bell = user && (
    <Anchor component={Link} to="/notifications" size="sm" className="bell" aria-label={t("nav.unread", { count: data?.unreadNotifications ?? 0 })}>
      <BellIcon />
      <span aria-hidden="true">{data?.unreadNotifications ?? 0}</span>
    </Anchor>
  );
  const logout = user && (
    <Form method="post" action="/logout">
      <Text span size="sm" mr="xs">
        {t("nav.signedInAs", { name: user.name })}
      </Text>
      <Button type="submit" variant="default" size="xs">
        {t("nav.logout")}
      </Button>
    </Form>
  );

  return (
    <>
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <Box component="header" py="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size="lg">
          {/*
            Two headers, one shown at a time by app.css: on a wide screen the whole menu in a row;
            on a phone the name, the bell and a "Meny" disclosure (<details>, so it opens without
            JavaScript) holding the same links, the language switch and logging out.
          */}
          <Group justify="space-between" wrap="wrap" gap="sm" className="header-wide">
            <Anchor component={Link} to="/" fw={700} fz="lg" c="blue.9" underline="never">
              {t("app.name")}
            </Anchor>
            <Group component="nav" aria-label={t("nav.main")} gap="md" wrap="wrap">
              {links}
            </Group>
            <Group gap="xs" wrap="wrap">
              {languageSwitch}
              {bell}
              {logout}
            </Group>
          </Group>
          <div className="header-narrow">
            <div className="header-narrow-bar">
              <Anchor component={Link} to="/" fw={700} fz="lg" c="blue.9" underline="never">
                {t("app.name")}
              </Anchor>
              {bell}
            </div>
            <details className="nav-menu">
              <summary>{t("nav.menu")}</summary>
              <nav aria-label={t("nav.main")} className="nav-menu-links">
                {links}
              </nav>
              <div className="nav-menu-tools">
                {languageSwitch}
                {logout}
              </div>
            </details>
          </div>
        </Container>
      </Box>
      <Container size="lg" component="main" id="main" py="lg" tabIndex={-1}>
        {toast && (
          <Alert role="status" color="green" variant="light" mb="md" title={null}>
            <Text c="dark.9">{toast}</Text>
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
              {t("footer.privacy")}
            </Anchor>
            <Anchor component={Link} to="/accessibility" size="sm">
              {t("footer.accessibility")}
            </Anchor>
          </Group>
        </Container>
      </Box>
    </>
  );
}

/** A bell, drawn rather than an emoji, which not every phone's fonts have. */
function BellIcon() {
  return (
    <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
