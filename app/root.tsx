import "@mantine/core/styles.css";
// The theme's variables and Mantine's global classes, written once (npm run theme:css), not into every page.
import "./styles/mantine-theme.css";
import "./styles/app.css";
import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from "@mantine/core";
import { useEffect } from "react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, data, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import type { ServerArgs } from "./utils/route-args";
import type { RootData } from "./utils/root-data";
import { AppLayout } from "./components/app-layout";
import { ErrorPage } from "./components/error-page";
import { theme } from "./theme";
import { getFrameCounts } from "./models/page-frame.server";
import { getCurrentSession } from "./utils/auth.server";
import { useNonce } from "./utils/nonce";
import { db } from "./utils/db.server";
import { localeFromRequest } from "./utils/locale.server";
import { serverTranslator } from "./utils/messages.server";
import { clearToastCookie, hasToastCookie, readToast } from "./utils/toast.server";

// The stylesheets imported above are linked by <Links /> (React Router's Vite plugin).
export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export const meta: Route.MetaFunction = () => [
  { title: "Social Trade Lund" },
  { name: "description", content: "Lunds nätverk av sociala företag – Lund's network of social enterprises" },
];

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const locale = localeFromRequest(request);
  const session = await getCurrentSession(request);
  const user = session?.user ?? null;
  const toast = readToast(request);
  // The toast may come from any part of the product, so its text is made here, from every
  // catalogue, not by the page (which has only its own).
  const toastText = toast ? serverTranslator(locale)(toast.key, toast.vars) : null;
  // The bell's count, and the join requests waiting for an owner wherever they land (the menu).
  const counts = user ? await getFrameCounts({ db: db(), userId: user.id }) : null;
  const headers = new Headers();
  // A bad toast cookie is dropped too, so it cannot break every page until it expires.
  if (hasToastCookie(request)) headers.append("Set-Cookie", clearToastCookie());
  if (session?.setCookie) headers.append("Set-Cookie", session.setCookie);
  return data<RootData>(
    {
      locale,
      user: user ? { id: user.id, name: user.name, email: user.email, roles: user.roles } : null,
      unreadNotifications: counts?.unreadNotifications ?? 0,
      toast: toastText,
      waitingJoinRequests: counts?.waitingJoinRequests ?? 0,
      requestId: request.headers.get("x-request-id"),
    },
    { headers },
  );
}

// The root data carries the toast and the request's error reference, so it is read on every request.
export const shouldRevalidate = () => true;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  // Set once React has hydrated the page: what the end-to-end tests wait for before they act,
  // instead of waiting for the network to fall quiet.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    // Mantine's styles hang off data-mantine-color-scheme on <html>. Rendered by the server, so the
    // page looks the same before hydration and without JavaScript (no white text on nothing).
    <html lang={data?.locale ?? "sv"} {...mantineHtmlProps}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <ColorSchemeScript defaultColorScheme="light" nonce={nonce} />
      </head>
      <body>
        <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false} withGlobalClasses={false}>
          {children}
        </MantineProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = isRouteErrorResponse(error) ? (error.data as { reason?: string } | null)?.reason : undefined;
  const page = <ErrorPage status={status} reason={reason} reference={data?.requestId ?? null} />;
  // Without the root data the layout cannot know the user or language; show the message alone.
  return data ? <AppLayout>{page}</AppLayout> : page;
}
