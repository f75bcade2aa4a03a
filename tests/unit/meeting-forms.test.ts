import { describe, expect, it } from "vitest";
import { emptyMeetingValues, isHttpUrl, type MeetingFormValues } from "../../app/utils/meeting-forms";
import { parseMeeting } from "../support/meeting-form";

const valid = (overrides: Partial<MeetingFormValues> = {}): MeetingFormValues => ({
  ...emptyMeetingValues(),
  title: "Nätverksmöte",
  startsAt: "2027-03-27T10:00",
  endsAt: "2027-03-27T12:00",
  registrationDeadline: "2027-03-20T12:00",
  place: "Stadshallen",
  capacity: "25",
  conveners: ["3"],
  ...overrides,
});

describe("the meeting form", () => {
  it("accepts a complete meeting and converts Lund times to UTC", () => {
    const result = parseMeeting(valid());
    expect(result).toMatchObject({ ok: true, data: { startsAt: "2027-03-27T09:00:00.000Z", capacity: 25, convenerIds: [3], onlineUrl: null, agenda: [] } });
  });

  it("says what is wrong, field by field", () => {
    const result = parseMeeting(
      valid({ endsAt: "2027-03-27T10:00", registrationDeadline: "2027-03-28T09:00", capacity: "0", onlineUrl: "javascript:alert(1)", conveners: [] }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        endsAt: { key: "meetings.form.endAfterStart" },
        registrationDeadline: { key: "meetings.form.deadlineBeforeStart" },
        capacity: { key: "meetings.form.places" },
        onlineUrl: { key: "meetings.form.url" },
        conveners: { key: "meetings.form.convenersRequired" },
      },
    });
  });

  it("takes unlimited places instead of a number, and needs a place or a link", () => {
    expect(parseMeeting(valid({ capacity: "", unlimited: "on" }))).toMatchObject({ ok: true, data: { capacity: null } });
    expect(parseMeeting(valid({ capacity: "-3" }))).toMatchObject({ ok: false, errors: { capacity: { key: "meetings.form.places" } } });
    expect(parseMeeting(valid({ place: "" }))).toMatchObject({ ok: false, errors: { place: { key: "meetings.form.placeOrLink" } } });
    expect(parseMeeting(valid({ place: "", onlineUrl: "https://meet.example.org/a" }))).toMatchObject({ ok: true });
  });

  it("orders agenda rows by their order field, skips empty rows and checks each filled one", () => {
    const row = (position: string, title: string, minutes: string, jointBidId = "") => ({ position, title, minutes, requestId: "", jointBidId });
    const ok = parseMeeting(valid({ agenda: [row("2", "B", "10"), row("", "", ""), row("1", "A", "20", "4")] }));
    expect(ok).toMatchObject({
      ok: true,
      data: {
        agenda: [
          { title: "A", durationMinutes: 20, jointBidId: 4 },
          { title: "B", durationMinutes: 10, jointBidId: null },
        ],
      },
    });
    const bad = parseMeeting(valid({ agenda: [row("1", "", "10"), row("2", "C", "0"), row("3", "D", "5", "x")] }));
    expect(bad).toEqual({
      ok: false,
      errors: {
        "agenda[0].title": { key: "form.required" },
        "agenda[1].minutes": { key: "meetings.form.minutes" },
        "agenda[2].jointBidId": { key: "meetings.form.jointBidId" },
      },
    });
  });

  it("allows only http and https links", () => {
    expect(isHttpUrl("https://meet.example.org/x")).toBe(true);
    expect(isHttpUrl("http://example.org")).toBe(true);
    for (const bad of ["javascript:alert(1)", "ftp://example.org", "data:text/html,x", "example.org", "https://localhost"]) expect(isHttpUrl(bad)).toBe(false);
  });
});
