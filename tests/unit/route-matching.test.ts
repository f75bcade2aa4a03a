import { createRequire } from "node:module";
import type { AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { isAt } from "../../app/components/app-layout";

// The server's route matching, as patched (patches/@remix-run+router+1.23.3.patch, decision 013):
// the CommonJS build that Node loads keeps each route array's ranked branches, its answers by path
// and each compiled path. Remix and React Router keep the route arrays they build for a page
// (patches/@remix-run+react+2.17.5.patch, patches/react-router-dom+6.30.4.patch), so what is kept
// serves every page.
const require = createRequire(import.meta.url);
const { matchRoutes, matchPath } = require("@remix-run/router") as typeof import("@remix-run/router");
const { cachedServerRoutes } = require("@remix-run/react/dist/routes.js") as {
  cachedServerRoutes: (manifest: object, modules: Record<string, object>, future: object, isSpaMode: boolean) => Route[];
};
const { createStaticRouter } = require("react-router-dom/server") as typeof import("react-router-dom/server");

type Route = AgnosticRouteObject;
const tree = (): Route[] => [
  {
    id: "root",
    path: "/",
    children: [
      { id: "home", index: true },
      { id: "directory", path: "organisations" },
      { id: "new", path: "organisations/new" },
      { id: "profile", path: "organisations/:slug" },
      { id: "offering", path: "organisations/:slug/offerings/:offeringId" },
      { id: "missing", path: "*" },
    ],
  },
];
const ids = (routes: Route[], path: string) => matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

describe("route matching on the server", () => {
  it("ranks as React Router does: a static segment before a parameter, the splat last, and again on the next call", () => {
    const routes = tree();
    for (let round = 0; round < 2; round++) {
      expect(ids(routes, "/")).toEqual(["root", "home"]);
      expect(ids(routes, "/organisations")).toEqual(["root", "directory"]);
      expect(ids(routes, "/organisations/new")).toEqual(["root", "new"]);
      expect(ids(routes, "/Organisations/Fontanhuset-lund/")).toEqual(["root", "profile"]);
      expect(matchRoutes(routes, "/organisations/emmaus/offerings/7")?.at(-1)?.params).toEqual({ slug: "emmaus", offeringId: "7" });
      expect(ids(routes, "/nothing/here")).toEqual(["root", "missing"]);
    }
  });

  it("ranks a route array once: the server's route arrays are never changed in place", () => {
    const routes = tree();
    expect(ids(routes, "/meetings")).toEqual(["root", "missing"]);
    const children = routes[0].children!;
    children.push({ id: "meetings", path: "meetings" });
    // The array's ranking was kept, so the route added in place is not seen; a new array is ranked anew.
    expect(ids(routes, "/meetings")).toEqual(["root", "missing"]);
    expect(ids([{ id: "root", path: "/", children: [...children] }], "/meetings")).toEqual(["root", "meetings"]);
  });

  it("answers a path again from what it kept, with copies each caller may change", () => {
    const routes = tree();
    const first = matchRoutes(routes, "/organisations/emmaus/offerings/7")!;
    // The matches of one answer share their parameters, as React Router's own answers do.
    expect(first[0].params).toBe(first[1].params);
    const changed = first[1].params as Record<string, string | undefined>;
    changed.slug = "changed";
    first.pop();
    const again = matchRoutes(routes, "/organisations/emmaus/offerings/7")!;
    expect(again.map((m) => m.route.id)).toEqual(["root", "offering"]);
    expect(again[1].params).toEqual({ slug: "emmaus", offeringId: "7" });
    expect(again[0].params).toBe(again[1].params);
    expect(again[1].params).not.toBe(changed);
    expect(matchRoutes(routes, "/nothing/here")?.at(-1)?.params).toEqual({ "*": "nothing/here" });
    expect(matchRoutes(routes, "/nothing/there")?.at(-1)?.params).toEqual({ "*": "nothing/there" });
  });

  it("gives every match its own parameters, though the compiled path is shared", () => {
    const first = matchPath({ path: "/organisations/:slug" }, "/organisations/emmaus");
    const second = matchPath({ path: "/organisations/:slug" }, "/organisations/iris-kraft");
    expect(first?.params).toEqual({ slug: "emmaus" });
    expect(second?.params).toEqual({ slug: "iris-kraft" });
    expect(matchPath({ path: "/organisations/:slug", end: false }, "/organisations/emmaus/offerings")?.pathnameBase).toBe("/organisations/emmaus");
    expect(matchPath({ path: "/organisations/:slug" }, "/organisations/emmaus/offerings")).toBeNull();
  });
});

describe("the route objects a page is rendered with", () => {
  const manifest = {
    root: { id: "root", path: "", hasLoader: true },
    "routes/organisations._index": { id: "routes/organisations._index", parentId: "root", path: "organisations", index: true },
  };
  const Root = () => null;
  const Directory = () => null;
  const modules = () => ({ root: { default: Root }, "routes/organisations._index": { default: Directory } });

  it("are made once per build: Remix hands over a new object of the same route modules with every page", () => {
    const kept = modules();
    const routes = cachedServerRoutes(manifest, kept, {}, false);
    expect(cachedServerRoutes(manifest, { ...kept }, {}, false)).toBe(routes);
    expect(routes[0].children?.[0]).toMatchObject({ id: "routes/organisations._index", path: "organisations", Component: Directory });
    // A new build of one module (the development server) makes new routes.
    const Rebuilt = () => null;
    const rebuilt = cachedServerRoutes(manifest, { ...kept, "routes/organisations._index": { default: Rebuilt } }, {}, false);
    expect(rebuilt).not.toBe(routes);
    expect(rebuilt[0].children?.[0]).toMatchObject({ Component: Rebuilt });
  });

  it("become React Router's data routes once per route array", () => {
    const routes = cachedServerRoutes(manifest, modules(), {}, false);
    const context = { matches: [], location: { pathname: "/organisations" } } as never;
    const router = createStaticRouter(routes, context);
    expect(createStaticRouter(routes, context).routes).toBe(router.routes);
    expect(router.routes[0].children?.[0].id).toBe("routes/organisations._index");
    expect(createStaticRouter(cachedServerRoutes(manifest, modules(), {}, true), context).routes).not.toBe(router.routes);
  });
});

describe("the menu's current page (app/components/app-layout.tsx)", () => {
  it("marks a link as NavLink did: its page and the pages below it, in any letter case", () => {
    expect(isAt("/organisations", "/organisations")).toBe(true);
    expect(isAt("/organisations/new", "/organisations")).toBe(true);
    expect(isAt("/Organisations/Fontanhuset-lund", "/organisations")).toBe(true);
    expect(isAt("/organisations/", "/organisations")).toBe(true);
    expect(isAt("/organisationsx", "/organisations")).toBe(false);
    expect(isAt("/requests", "/organisations")).toBe(false);
    expect(isAt("/coordinator/audit", "/coordinator")).toBe(true);
    expect(isAt("/coordinator", "/coordinator/audit")).toBe(false);
  });
});
