import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../db/client.server";
import * as editOrganisation from "../../app/routes/organisations.$slug_.edit";
import { formatNumber } from "../../app/utils/i18n";
import { formsMessages } from "../../app/locales/forms";
import { openDemoDatabase } from "./support/app-database";
import { formRequest, sessionCookieFor } from "./support/requests";
import { controlsByName, renderPage, type PageRoute } from "../support/render-page";

/**
 * A form sent by a browser without JavaScript that fails on the server comes back as the page the
 * server renders: the message at the field, in the reader's language with its limit written as
 * the page writes numbers, and everything typed still in the form.
 */

let db: DB;
let close: () => Promise<void>;
let cookie: string;
const slug = "fontanhuset-lund";
const route: PageRoute = {
  path: "organisations/:slug/edit",
  Component: editOrganisation.default,
  loader: editOrganisation.loader as PageRoute["loader"],
  action: editOrganisation.action as PageRoute["action"],
  handle: editOrganisation.handle,
};

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  cookie = await sessionCookieFor(db, "member@example.org");
});
afterAll(() => close());

const unescape = (html: string) => html.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");

describe("a profile description longer than its limit, sent without JavaScript", () => {
  it.each(["sv", "en"] as const)("comes back translated (%s), with the limit and what was typed", async (locale) => {
    const before = await db.selectFrom("organisation").select(["org_number", "description"]).where("slug", "=", slug).executeTakeFirstOrThrow();
    const description = "Vi lagar cyklar och serverar lunch. ".repeat(120);
    expect(description.length).toBeGreaterThan(4000);
    const { status, html } = await renderPage(
      route,
      formRequest(
        `/organisations/${slug}/edit`,
        {
          intent: "profile",
          name: "Fontänhuset Lund (nytt namn)",
          orgNumber: before.org_number,
          kind: "work_integrating",
          description,
          contactEmail: "hej@fontanhuset.example",
          serviceAreas: ["Lund", "Malmö"],
          targetGroups: "unga vuxna",
          workforceShare: "",
          workforceShareDate: "",
        },
        cookie,
      ),
      locale,
    );
    expect(status).toBe(400);
    const text = unescape(html);
    const tooLong = formsMessages[locale]["form.tooLong"].replace("{max}", formatNumber(locale, 4000));
    expect(text).toContain(tooLong);
    // The message is the description's: Mantine ties it to the textarea by aria-describedby.
    const textarea = controlsByName(html).get("description")![0];
    expect(textarea.attributes["aria-invalid"]).toBe("true");
    expect(text).toMatch(new RegExp(`id="${textarea.attributes.id}-error"[^>]*>${tooLong.replace(/[.()]/g, "\\$&")}<`));
    // Everything typed is back in the form.
    expect(text).toContain(`>${description}</textarea>`);
    const controls = controlsByName(text);
    expect(controls.get("name")![0].attributes.value).toBe("Fontänhuset Lund (nytt namn)");
    expect(controls.get("contactEmail")![0].attributes.value).toBe("hej@fontanhuset.example");
    expect(controls.get("targetGroups")![0].attributes.value).toBe("unga vuxna");
    const ticked = controls
      .get("serviceAreas")!
      .filter((box) => "checked" in box.attributes)
      .map((box) => box.attributes.value);
    expect(ticked).toEqual(["Lund", "Malmö"]);
    // And nothing was saved.
    const after = await db.selectFrom("organisation").select(["name", "description"]).where("slug", "=", slug).executeTakeFirstOrThrow();
    expect(after.description).toBe(before.description);
    expect(after.name).not.toBe("Fontänhuset Lund (nytt namn)");
  });
});
