import { Alert, Text } from "@mantine/core";
import { Form, Link, useLocation, useRouteLoaderData } from "react-router";
import type { RootData } from "../utils/root-data";
import { menuOffers } from "../domain/permissions";
import { useI18n } from "../utils/use-i18n";

export function AppLayout({ children }: { children: React.ReactNode }) {
  const { t, locale, counted } = useI18n();
  const data = useRouteLoaderData<RootData>("root");
  const user = data?.user ?? null;
  const toast = data?.toast ?? null;
  const location = useLocation();
  const here = location.pathname + location.search;
  const waiting = data?.waitingJoinRequests ?? 0;
  // The frame of every page is plain markup styled in app.css (`.page-*`, `.nav-*`, `.header-*`):
  // it is rendered on every request, and the menu twice (once per header), so it stays light.
  const navLink = (to: string, label: string) => {
    // As NavLink decides it: this page or one below it.
    const active = isAt(location.pathname, to);
    return (
      <Link key={to} to={to} prefetch="intent" className={active ? "nav-link active" : "nav-link"} aria-current={active ? "page" : undefined}>
        {label}
      </Link>
    );
  };
  const links = [
    navLink("/organisations", t("nav.directory")),
    navLink("/requests", t("nav.requests")),
    user && navLink("/bids", t("nav.bids")),
    navLink("/meetings", t("nav.meetings")),
    // Buyers act for a buyer organisation; a member's registration and join forms are not theirs.
    user &&
      menuOffers(user, "menu.ownOrganisations") &&
      navLink("/organisations/new", waiting ? t("nav.myOrganisationsWaiting", { count: waiting }) : t("nav.myOrganisations")),
    user && navLink("/account", t("nav.account")),
    user && menuOffers(user, "coordinate") && navLink("/coordinator", t("nav.coordinator")),
    // The pilot's pages then ask pilot.read, which also needs an organisation that takes part.
    user && menuOffers(user, "menu.pilot") && navLink("/pilot", t("nav.pilot")),
    user && menuOffers(user, "administer") && navLink("/admin", t("nav.admin")),
    user && menuOffers(user, "coordinate") && navLink("/coordinator/audit", t("nav.audit")),
    !user && navLink("/login", t("nav.login")),
    !user && navLink("/signup", t("nav.signup")),
  ];
  const languageSwitch = (
    <Form method="post" action="/lang">
      <input type="hidden" name="lang" value={locale === "sv" ? "en" : "sv"} />
      <input type="hidden" name="redirectTo" value={here} />
      <button type="submit" className="header-button" lang={locale === "sv" ? "en" : "sv"}>
        {t("nav.languageSwitch")}
      </button>
    </Form>
  );
  const bell = user && (
    <Link to="/notifications" className="page-link bell" aria-label={counted("nav.unread", data?.unreadNotifications ?? 0)}>
      <BellIcon />
      <span aria-hidden="true">{data?.unreadNotifications ?? 0}</span>
    </Link>
  );
  const home = (
    <Link to="/" className="page-home">
      {t("app.name")}
    </Link>
  );
  const logout = user && (
    <Form method="post" action="/logout">
      <span className="header-signed-in">{t("nav.signedInAs", { name: user.name })}</span>
      <button type="submit" className="header-button header-button-outlined">
        {t("nav.logout")}
      </button>
    </Form>
  );

  return (
    <>
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <header className="page-header">
        <div className="page-width">
          {/*
            Two headers, one shown at a time by app.css: on a wide screen the whole menu in a row;
            on a phone the name, the bell and a "Meny" disclosure (<details>, so it opens without
            JavaScript) holding the same links, the language switch and logging out.
          */}
          <div className="header-wide">
            {home}
            <nav aria-label={t("nav.main")} className="page-row">
              {links}
            </nav>
            <div className="page-row page-row-tight">
              {languageSwitch}
              {bell}
              {logout}
            </div>
          </div>
          <div className="header-narrow">
            <div className="header-narrow-bar">
              {home}
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
        </div>
      </header>
      <main id="main" className="page-width page-main" tabIndex={-1}>
        {toast && (
          <Alert role="status" color="green" variant="light" mb="md" title={null}>
            <Text c="dark.9">{toast}</Text>
          </Alert>
        )}
        {children}
      </main>
      <footer className="page-footer">
        <div className="page-width">
          <p className="page-footer-text">{t("footer.text")}</p>
          <div className="page-row page-footer-links">
            <Link to="/privacy" className="page-link">
              {t("footer.privacy")}
            </Link>
            <Link to="/accessibility" className="page-link">
              {t("footer.accessibility")}
            </Link>
          </div>
        </div>
      </footer>
    </>
  );
}

/** Whether the menu's link to `to` is for this page or one below it (the rule of React Router's NavLink). */
export function isAt(pathname: string, to: string): boolean {
  const here = pathname.toLowerCase();
  return here === to || (here.startsWith(to) && here.charAt(to.length) === "/");
}

/** A bell, drawn rather than an emoji, which not every phone's fonts have. */
function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
