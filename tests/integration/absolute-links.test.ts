/**
 * Absolute links come from PUBLIC_URL alone (decision 020): a request sent with someone else's
 * Host header must not put that host into the calendar feed, a meeting's calendar file or the
 * OCDS package, which calendar programs and open-data readers follow later.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loader as meetingCalendarLoader } from "../../app/routes/meetings.$id_.calendar[.]ics";
import { loader as meetingsFeedLoader } from "../../app/routes/meetings[.]ics";
import { loader as ocdsPackageLoader } from "../../app/routes/requests.ocds[.]json";
import type { DB } from "../../db/client.server";
import { openDemoDatabase } from "./support/app-database";

let db: DB;
let close: () => Promise<void>;
beforeAll(async () => {
  vi.stubEnv("PUBLIC_URL", "https://stl.example/");
  ({ db, close } = await openDemoDatabase());
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await close();
});

/** A GET as a sender who controls the Host header would send it. */
function hostileRequest(path: string): Request {
  return new Request(`http://evil.example${path}`, { headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example" } });
}

/**
 * The loaders are called with the whole route argument, as the framework calls them, whatever of
 * it they read: a loader that reads the request must not be able to get at the hostile host.
 */
type AnyLoader = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
const call = (loader: unknown, path: string, params: Record<string, string> = {}) =>
  (loader as AnyLoader)({ request: hostileRequest(path), params, context: {} }) as Promise<Response>;

/** Every absolute http(s) address in a text, with iCalendar's folded lines joined first. */
function addresses(text: string): string[] {
  return [...text.replace(/\r?\n[ \t]/g, "").matchAll(/https?:\/\/[^\s"\\,;]+/g)].map((m) => m[0]);
}

describe("links that leave the site", () => {
  it("in the meetings feed and a meeting's calendar file lead to PUBLIC_URL, never to the request's host", async () => {
    const meeting = await db.selectFrom("meeting").select("id").where("status", "=", "scheduled").orderBy("id").executeTakeFirstOrThrow();
    for (const response of [
      await call(meetingsFeedLoader, "/meetings.ics"),
      await call(meetingCalendarLoader, `/meetings/${meeting.id}/calendar.ics`, { id: String(meeting.id) }),
    ]) {
      const text = await response.text();
      expect(text).not.toContain("evil.example");
      const own = addresses(text).filter((a) => a.startsWith("https://stl.example/meetings/"));
      expect(own.length).toBeGreaterThan(0);
      // One slash between the origin and the path, however PUBLIC_URL was written.
      for (const address of own) expect(address).toMatch(/^https:\/\/stl\.example\/meetings\/\d+$/);
    }
  });

  it("in the OCDS package name PUBLIC_URL as its address", async () => {
    const body = await (await call(ocdsPackageLoader, "/requests/ocds.json")).json();
    expect(body.uri).toBe("https://stl.example/requests/ocds.json");
    expect(JSON.stringify(body)).not.toContain("evil.example");
  });
});
