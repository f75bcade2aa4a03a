import { MantineProvider } from "@mantine/core";
import { createElement, type ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { Outlet, StaticRouterProvider, createStaticHandler, createStaticRouter, type RouteObject } from "react-router";
import { theme } from "../../app/theme";

/** A page's route as a data router takes it: its loader and action, its component and handle. */
export interface PageRoute {
  path: string;
  Component: ComponentType;
  loader?: RouteObject["loader"];
  action?: RouteObject["action"];
  handle?: unknown;
}

/**
 * A page as the server renders it for a browser without JavaScript: the request (a GET, or the
 * POST of a form) runs the route's action and loader, and the page is rendered to HTML under a
 * root that gives it the language and Mantine, as the app's root does. No script runs.
 */
export async function renderPage(route: PageRoute, request: Request, locale: "sv" | "en" = "sv"): Promise<{ status: number; html: string }> {
  const routes: RouteObject[] = [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale }),
      Component: () => createElement(MantineProvider, { theme }, createElement(Outlet)),
      children: [{ id: "page", ...route }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(request);
  if (context instanceof Response) return { status: context.status, html: "" };
  const router = createStaticRouter(handler.dataRoutes, context);
  return { status: context.statusCode, html: renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false })) };
}

/** The form controls of rendered HTML by name: each one's tag and attributes (names in lower case, as HTML has them). */
export function controlsByName(html: string): Map<string, { tag: string; attributes: Record<string, string> }[]> {
  const controls = new Map<string, { tag: string; attributes: Record<string, string> }[]>();
  for (const [, tag, attributeText] of html.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
    const attributes: Record<string, string> = {};
    for (const [, name, value] of attributeText.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) attributes[name.toLowerCase()] = value ?? "";
    if (attributes.name === undefined) continue;
    controls.set(attributes.name, [...(controls.get(attributes.name) ?? []), { tag, attributes }]);
  }
  return controls;
}
