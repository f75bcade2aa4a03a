import { matchPath, matchRoutes, type RouteObject } from "react-router";
import { describe, expect, it } from "vitest";
import { isAt } from "../../app/components/app-layout";

// The server's route matching is React Router's own (decision 001): the app relies on its ranking
// for paths such as /organisations/new beside /organisations/:slug.
type Route = RouteObject;
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
