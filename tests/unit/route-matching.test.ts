import { createRequire } from "node:module";
import type { AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { isAt } from "../../app/components/app-layout";

// The server's route matching, as patched (patches/@remix-run+router+1.23.3.patch, decision 013):
// the CommonJS build that Node loads keeps each route array's ranked branches and each compiled path.
const require = createRequire(import.meta.url);
const { matchRoutes, matchPath } = require("@remix-run/router") as typeof import("@remix-run/router");

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

  it("gives every match its own parameters, though the compiled path is shared", () => {
    const first = matchPath({ path: "/organisations/:slug" }, "/organisations/emmaus");
    const second = matchPath({ path: "/organisations/:slug" }, "/organisations/iris-kraft");
    expect(first?.params).toEqual({ slug: "emmaus" });
    expect(second?.params).toEqual({ slug: "iris-kraft" });
    expect(matchPath({ path: "/organisations/:slug", end: false }, "/organisations/emmaus/offerings")?.pathnameBase).toBe("/organisations/emmaus");
    expect(matchPath({ path: "/organisations/:slug" }, "/organisations/emmaus/offerings")).toBeNull();
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
