import { describe, expect, it } from "vitest";
import { emptyMeetingValues, isHttpUrl, parseMeetingForm, type MeetingFormValues } from "../../app/utils/meeting-forms";

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
    const result = parseMeetingForm(valid());
    expect(result).toMatchObject({ ok: true, data: { startsAt: "2027-03-27T09:00:00.000Z", capacity: 25, convenerIds: [3], onlineUrl: null, agenda: [] } });
  });

  it("says what is wrong, field by field", () => {
    const result = parseMeetingForm(
      valid({ endsAt: "2027-03-27T10:00", registrationDeadline: "2027-03-28T09:00", capacity: "0", onlineUrl: "javascript:alert(1)", conveners: [] }),
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        endsAt: "meetings.form.endAfterStart",
        registrationDeadline: "meetings.form.deadlineBeforeStart",
        capacity: "meetings.form.places",
        onlineUrl: "meetings.form.url",
        conveners: "meetings.form.convenersRequired",
      },
    });
  });

  it("takes unlimited places instead of a number, and needs a place or a link", () => {
    expect(parseMeetingForm(valid({ capacity: "", unlimited: true }))).toMatchObject({ ok: true, data: { capacity: null } });
    expect(parseMeetingForm(valid({ capacity: "-3" }))).toMatchObject({ ok: false, errors: { capacity: "meetings.form.places" } });
    expect(parseMeetingForm(valid({ place: "" }))).toMatchObject({ ok: false, errors: { place: "meetings.form.placeOrLink" } });
    expect(parseMeetingForm(valid({ place: "", onlineUrl: "https://meet.example.org/a" }))).toMatchObject({ ok: true });
  });

  it("orders agenda rows by their order field, skips empty rows and checks each filled one", () => {
    const row = (position: string, title: string, minutes: string, jointBidId = "") => ({ position, title, minutes, requestId: "", jointBidId });
    const ok = parseMeetingForm(valid({ agenda: [row("2", "B", "10"), row("", "", ""), row("1", "A", "20", "4")] }));
    expect(ok).toMatchObject({
      ok: true,
      data: {
        agenda: [
          { title: "A", durationMinutes: 20, jointBidId: 4 },
          { title: "B", durationMinutes: 10, jointBidId: null },
        ],
      },
    });
    const bad = parseMeetingForm(valid({ agenda: [row("1", "", "10"), row("2", "C", "0"), row("3", "D", "5", "x")] }));
    expect(bad).toEqual({
      ok: false,
      errors: { "agendaTitle.0": "form.required", "agendaMinutes.1": "meetings.form.minutes", "agendaJointBidId.2": "meetings.form.jointBidId" },
    });
  });

  it("allows only http and https links", () => {
    expect(isHttpUrl("https://meet.example.org/x")).toBe(true);
    expect(isHttpUrl("http://example.org")).toBe(true);
    for (const bad of ["javascript:alert(1)", "ftp://example.org", "data:text/html,x", "example.org", "https://localhost"]) expect(isHttpUrl(bad)).toBe(false);
  });
});
