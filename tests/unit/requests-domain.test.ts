import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCoverage, percent, responseCoverage, type CountedResponse } from "../../app/domain/coverage";
import { csvCell, csvDateTime, csvFormat, toCsv } from "../../app/domain/csv";
import {
  availableActions,
  classifyChange,
  describeAmendment,
  deliveryCount,
  effectiveStatus,
  isOpenForResponses,
  nextStatus,
  timeLeft,
  weekView,
  type RequestContent,
} from "../../app/domain/request";
import { parseRequestListParams } from "../../app/domain/request-query";
import { stockholmToUtc, utcToStockholmFields } from "../../app/domain/lund-time";
import { requestSchema, withRoomForLines } from "../../app/forms/request-form";
import { responseSchema } from "../../app/forms/response-form";
import { parseSubmission } from "../../app/utils/forms";

describe("life cycle", () => {
  it("allows exactly draft → published → closed → awarded/cancelled, and cancelling drafts and open requests", () => {
    expect(nextStatus("draft", "publish")).toBe("published");
    expect(nextStatus("draft", "close")).toBeNull();
    expect(nextStatus("draft", "award")).toBeNull();
    expect(nextStatus("published", "close")).toBe("closed");
    expect(nextStatus("published", "award")).toBeNull();
    expect(nextStatus("closed", "award")).toBe("awarded");
    expect(nextStatus("closed", "cancel")).toBe("cancelled");
    expect(nextStatus("closed", "publish")).toBeNull();
    for (const action of ["publish", "close", "award", "cancel"] as const) {
      expect(nextStatus("awarded", action)).toBeNull();
      expect(nextStatus("cancelled", action)).toBeNull();
    }
  });

  it("treats a published request past its deadline as closed, to the second", () => {
    const request = { status: "published" as const, deadlineAt: "2027-01-01T11:00:00.000Z" };
    expect(effectiveStatus(request, new Date("2027-01-01T10:59:59.999Z"))).toBe("published");
    expect(effectiveStatus(request, new Date("2027-01-01T11:00:00.000Z"))).toBe("closed");
    expect(isOpenForResponses(request, new Date("2027-01-01T11:00:00.000Z"))).toBe(false);
    expect(availableActions(request, new Date("2027-02-01T00:00:00Z"))).toEqual(["award", "cancel"]);
    expect(isOpenForResponses({ status: "draft", deadlineAt: "2099-01-01T00:00:00Z" }, new Date())).toBe(false);
  });

  it("gives time left in days, hours and minutes, and none after the deadline", () => {
    expect(timeLeft("2027-01-03T12:30:00Z", new Date("2027-01-01T10:00:00Z"))).toEqual({ days: 2, hours: 2, minutes: 30 });
    expect(timeLeft("2027-01-01T10:00:00Z", new Date("2027-01-01T10:00:00Z"))).toBeNull();
  });
});

describe("corrections and amendments", () => {
  const base: RequestContent = {
    kind: "reserved",
    title: "Sallader",
    description: "",
    cpvCode: "55520000-1",
    periodFrom: "2027-01-11",
    periodTo: "2027-06-11",
    deadlineAt: "2026-12-01T11:00:00.000Z",
    contactName: "B",
    contactEmail: "b@example.org",
    contactPhone: null,
    demandLines: [{ id: 1, item: "Sallad", unit: "portions", quantity: 120, site: "Stadshuset", weekdays: [1, 2, 3, 4] }],
    questions: [],
  };
  it("calls wording a correction and quantities, sites, days and the deadline amendments", () => {
    expect(classifyChange(base, { ...base })).toBe("none");
    expect(classifyChange(base, { ...base, title: "Sallader!" })).toBe("correction");
    expect(classifyChange(base, { ...base, demandLines: [{ ...base.demandLines[0], item: "Sallad, dagens" }] })).toBe("correction");
    expect(classifyChange(base, { ...base, demandLines: [{ ...base.demandLines[0], quantity: 121 }] })).toBe("amendment");
    expect(classifyChange(base, { ...base, demandLines: [{ ...base.demandLines[0], site: "Kristallen" }] })).toBe("amendment");
    expect(classifyChange(base, { ...base, demandLines: [{ ...base.demandLines[0], weekdays: [1, 2, 3] }] })).toBe("amendment");
    expect(classifyChange(base, { ...base, deadlineAt: "2026-12-02T11:00:00.000Z" })).toBe("amendment");
    expect(classifyChange(base, { ...base, deadlineAt: "2026-12-01T12:00:00+01:00" })).toBe("none");
    expect(classifyChange(base, { ...base, demandLines: [] })).toBe("amendment");
    expect(classifyChange(base, { ...base, demandLines: [{ ...base.demandLines[0], cpvCode: "15894200-3" }] })).toBe("amendment");
  });

  it("says what an amendment changed, old → new, naming each line as it was", () => {
    const line = base.demandLines[0];
    const after: RequestContent = {
      ...base,
      deadlineAt: "2026-12-02T11:00:00.000Z",
      demandLines: [
        { ...line, item: "Sallad, dagens", quantity: line.quantity + 10, weekdays: [1, 2] },
        { id: null, item: "Soppa", unit: "portions", quantity: 20, site: "Kristallen", cpvCode: null, weekdays: [5] },
      ],
    };
    expect(describeAmendment(base, after)).toEqual([
      { field: "deadline", from: base.deadlineAt, to: "2026-12-02T11:00:00.000Z" },
      { field: "quantity", line: { item: line.item, site: line.site }, unit: line.unit, from: line.quantity, to: line.quantity + 10 },
      { field: "weekdays", line: { item: line.item, site: line.site }, from: [...line.weekdays].sort(), to: [1, 2] },
      { field: "lineAdded", line: { item: "Soppa", site: "Kristallen" }, unit: "portions", quantity: 20 },
    ]);
    expect(describeAmendment(after, base).map((c) => c.field)).toContain("lineRemoved");
    expect(describeAmendment(base, { ...base })).toEqual([]);
  });
});

describe("coverage", () => {
  const lines = [
    { id: 1, item: "Sallad", unit: "portions", quantity: 120, site: "Stadshuset", weekdays: [1, 2, 3, 4] },
    { id: 2, item: "Vegetarisk", unit: "portions", quantity: 60, site: "Kristallen", weekdays: [1, 2] },
    { id: 3, item: "Sallad", unit: "portions", quantity: 30, site: "Stadshuset", weekdays: [1] },
  ];
  it("adds offers per line, caps them at demand, and ignores responses that said no", () => {
    const result = computeCoverage(lines, [
      { interest: "yes", capacity: { 1: 60, 2: 80 } },
      { interest: "maybe", capacity: { 1: 36 } },
      { interest: "no", capacity: { 1: 500, 3: 500 } },
    ]);
    expect(result.lines.map((l) => [l.offered, percent(l.share), l.respondents])).toEqual([
      [96, 80, 2],
      [80, 100, 1],
      [0, 0, 0],
    ]);
    const monday = result.slots.find((s) => s.weekday === 1 && s.site === "Stadshuset")!;
    expect(monday).toMatchObject({ demand: 150, covered: 96 });
    expect(percent(monday.share)).toBe(64);
    expect(percent(result.slots.find((s) => s.weekday === 3 && s.site === "Stadshuset")!.share)).toBe(80);
    // Week: Stadshuset 4×120 + 30, Kristallen 2×60 = 630; covered 4×96 + 0 + 2×60 = 504.
    expect(result.overall).toBeCloseTo(504 / 630);
  });

  it("counts Ja, Kanske and Nej apart, and only eligible respondents for a reserved procurement", () => {
    const responses: CountedResponse[] = [
      { interest: "yes", capacity: { 1: 60 }, counts: true },
      { interest: "maybe", capacity: { 1: 30 }, counts: true },
      { interest: "yes", capacity: { 1: 30 }, counts: false },
      { interest: "no", capacity: {}, counts: true },
    ];
    const result = responseCoverage(lines, responses);
    expect(result.answers).toEqual({ yes: { counted: 1, uncounted: 1 }, maybe: { counted: 1, uncounted: 0 }, no: { counted: 1, uncounted: 0 } });
    expect(result.yes.lines[0].offered).toBe(60);
    expect(result.yesOrMaybe.lines[0].offered).toBe(90);
    expect(result.withUncounted!.lines[0].offered).toBe(120);
    // Independently: a week of line 1 is 4 × 120 of 630 units.
    expect(result.yes.overall).toBeCloseTo((4 * 60) / 630);
    expect(result.withUncounted!.overall).toBeCloseTo((4 * 120) / 630);
    expect(
      responseCoverage(
        lines,
        responses.map((r) => ({ ...r, counts: true })),
      ).withUncounted,
    ).toBeNull();
  });

  it("never lets an uncounted respondent change the counted coverage", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.nat(300), interest: fc.constantFrom("yes" as const, "maybe" as const, "no" as const), counts: fc.boolean() }), {
          maxLength: 20,
        }),
        (offers) => {
          const responses = offers.map((o) => ({ interest: o.interest, capacity: { 1: o.a }, counts: o.counts }));
          const all = responseCoverage(lines, responses);
          const countedOnly = responseCoverage(
            lines,
            responses.filter((r) => r.counts),
          );
          expect(all.yes).toEqual(countedOnly.yes);
          expect(all.yesOrMaybe).toEqual(countedOnly.yesOrMaybe);
          expect(all.yes.overall).toBeLessThanOrEqual(all.yesOrMaybe.overall + 1e-12);
          if (all.withUncounted) expect(all.yesOrMaybe.overall).toBeLessThanOrEqual(all.withUncounted.overall + 1e-12);
        },
      ),
    );
  });

  it("never exceeds 100 % and never says 100 % before all is covered", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: fc.nat(300), b: fc.nat(300), yes: fc.boolean() }), { maxLength: 30 }), (offers) => {
        const result = computeCoverage(
          lines,
          offers.map((o) => ({ interest: o.yes ? "yes" : "no", capacity: { 1: o.a, 2: o.b } })),
        );
        for (const s of [...result.lines.map((l) => l.share), ...result.slots.map((s) => s.share), result.overall]) {
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
        }
        expect(percent(119 / 120)).toBe(99);
      }),
    );
  });
});

describe("CSV", () => {
  it("escapes formulas and quotes separators, quotes and line breaks", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}1+1`).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("rad 1\nrad 2")).toBe('"rad 1\nrad 2"');
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("Fontänhuset")).toBe("Fontänhuset");
  });
  it("starts with a BOM and ends lines with CRLF", () => {
    expect(
      toCsv([
        ["a", "b"],
        [1, 2],
      ]),
    ).toBe("\uFEFFa,b\r\n1,2\r\n");
  });
  it("writes what a Swedish Excel splits into columns: semicolons and a decimal comma, and English as before", () => {
    expect(
      toCsv(
        [
          ["Organisation", "Andel"],
          ["Fontänhuset; Lund", 12.5],
        ],
        csvFormat("sv"),
      ),
    ).toBe('\uFEFFOrganisation;Andel\r\n"Fontänhuset; Lund";12,5\r\n');
    expect(
      toCsv(
        [
          ["a", "b"],
          ["x, y", 12.5],
        ],
        csvFormat("en"),
      ),
    ).toBe('\uFEFFa,b\r\n"x, y",12.5\r\n');
  });
  it("writes times as Lund's wall clock, in winter and in summer", () => {
    expect(csvDateTime("2026-12-07T08:14:00.000Z")).toBe("2026-12-07 09:14");
    expect(csvDateTime("2027-06-11T10:00:00.000Z")).toBe("2027-06-11 12:00");
  });
  it("never lets a cell begin a formula, whatever the text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = csvCell(s);
        const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
      }),
    );
  });
});

describe("dates and weeks", () => {
  it("reads the deadline as Stockholm time, in winter and in summer", () => {
    expect(stockholmToUtc("2027-01-11", "12:00")).toBe("2027-01-11T11:00:00.000Z");
    expect(stockholmToUtc("2027-06-11", "12:00")).toBe("2027-06-11T10:00:00.000Z");
    expect(stockholmToUtc("2027-02-30", "12:00")).toBeNull();
    expect(stockholmToUtc("2027-01-11", "24:00")).toBeNull();
    expect(utcToStockholmFields("2027-06-11T10:00:00.000Z")).toEqual({ date: "2027-06-11", time: "12:00" });
  });
  it("counts delivery days in a period", () => {
    // 2027-01-11 is a Monday; 2027-06-11 a Friday: 22 weeks (Mon–Thu) less nothing, plus the last week's four.
    expect(deliveryCount("2027-01-11", "2027-01-17", [1, 2, 3, 4])).toBe(4);
    expect(deliveryCount("2027-01-14", "2027-01-18", [1, 2, 3, 4])).toBe(2);
    expect(deliveryCount("2027-01-11", "2027-06-11", [1, 2, 3, 4])).toBe(88);
    expect(deliveryCount("2027-01-18", "2027-01-11", [1])).toBe(0);
  });
  it("lays demand out by site and weekday", () => {
    const view = weekView([
      { item: "Sallad", unit: "portions", quantity: 120, site: "Stadshuset", weekdays: [1, 2] },
      { item: "Sallad", unit: "portions", quantity: 40, site: "Brunnshög", weekdays: [2] },
    ]);
    expect(view.weekdays).toEqual([1, 2]);
    expect(view.rows.map((r) => r.site)).toEqual(["Brunnshög", "Stadshuset"]);
    expect(view.rows[0].cells[1]).toEqual([]);
    expect(view.rows[1].cells[2]).toEqual([{ item: "Sallad", unit: "portions", quantity: 120 }]);
  });
});

describe("validation", () => {
  const formData = (fields: Record<string, string | string[]>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) fd.append(k, x);
    return fd;
  };
  /** The form as the page posts it, read as the routes read it; each field's first message by its key. */
  const read = <S extends Parameters<typeof parseSubmission>[1]>(schema: S, fields: Record<string, string | string[]>) => {
    const submission = parseSubmission(formData(fields), schema);
    if (submission.status === "success") return { ok: true as const, data: submission.value };
    const errors = Object.fromEntries(Object.entries(submission.error ?? {}).map(([name, messages]) => [name, messages?.[0]?.key]));
    return { ok: false as const, errors };
  };
  const form = (fields: Record<string, string | string[]>) => read(requestSchema, fields);
  const valid = {
    kind: "rfi",
    title: "RFI",
    cpvCode: "55520000-1 Catering",
    periodFrom: "2027-01-11",
    periodTo: "2027-06-11",
    deadlineDate: "2026-12-01",
    deadlineTime: "12:00",
    contactName: "B",
    contactEmail: "b@example.org",
    questions: "Hur många?\n\n  Vilka dagar?  ",
  };
  it("accepts an RFI without demand lines, trimming empty questions", () => {
    const result = form(valid);
    expect(result.ok && result.data.questions).toEqual(["Hur många?", "Vilka dagar?"]);
    expect(result.ok && result.data.cpvCode).toBe("55520000-1");
  });
  it("requires a demand line for other kinds, and dates in order", () => {
    expect(form({ ...valid, kind: "reserved", questions: "" })).toEqual({ ok: false, errors: { lines: "form.request.needsLine" } });
    expect(form({ ...valid, periodTo: "2027-01-10" })).toMatchObject({ ok: false, errors: { periodTo: "form.dateOrder" } });
    expect(form({ ...valid, questions: Array.from({ length: 21 }, (_, i) => `Q${i}`).join("\n") })).toMatchObject({
      ok: false,
      errors: { questions: expect.stringContaining("form.request.tooManyQuestions") },
    });
  });
  it("ignores blank rows and wants positive whole quantities and at least one day", () => {
    const line = (i: number, q: string, days: string[]) => ({
      [`lines[${i}].item`]: "Sallad",
      [`lines[${i}].unit`]: "portions",
      [`lines[${i}].quantity`]: q,
      [`lines[${i}].site`]: "S",
      [`lines[${i}].weekdays`]: days,
    });
    const ok = form({
      ...valid,
      kind: "reserved",
      questions: "",
      ...line(0, "120", ["1", "4"]),
      "lines[1].item": "",
      "lines[1].quantity": "",
      "lines[1].unit": "portions",
    });
    expect(ok.ok && ok.data.lines).toEqual([{ id: null, item: "Sallad", unit: "portions", quantity: 120, site: "S", cpvCode: null, weekdays: [1, 4] }]);
    for (const q of ["0", "1.5", "-2", "1e3", "abc"]) {
      expect(form({ ...valid, kind: "reserved", questions: "", ...line(0, q, ["1"]) })).toMatchObject({
        ok: false,
        errors: { "lines[0].quantity": "form.positiveInteger" },
      });
    }
    expect(form({ ...valid, kind: "reserved", questions: "", ...line(0, "5", ["9"]) })).toMatchObject({
      ok: false,
      errors: { "lines[0].weekdays": "form.weekdays" },
    });
  });
  it("takes a demand line's own CPV code for what is delivered, picked from the suggestions or typed with or without its check digit, and refuses an unknown one", () => {
    const line = (cpv: string) => ({
      "lines[0].item": "Sallad",
      "lines[0].unit": "portions",
      "lines[0].quantity": "60",
      "lines[0].site": "S",
      "lines[0].weekdays": ["2"],
      "lines[0].cpvCode": cpv,
    });
    const picked = form({ ...valid, kind: "reserved", questions: "", ...line("15894200-3 Färdigmat") });
    expect(picked.ok && picked.data.lines[0].cpvCode).toBe("15894200-3");
    const none = form({ ...valid, kind: "reserved", questions: "", ...line("  ") });
    expect(none.ok && none.data.lines[0].cpvCode).toBeNull();
    const digits = form({ ...valid, kind: "reserved", questions: "", ...line("50116000") });
    expect(digits.ok && digits.data.lines[0].cpvCode).toBe("50116000-1");
    expect(form({ ...valid, kind: "reserved", questions: "", ...line("12345678-9") })).toMatchObject({
      ok: false,
      errors: { "lines[0].cpvCode": "form.cpvNone" },
    });
  });
  it("reports the checks between fields even while other fields are wrong", () => {
    const wrong = { ...valid, title: "", periodFrom: "2027-01-11", periodTo: "2027-01-01", deadlineDate: "2027-01-11", deadlineTime: "09:00" };
    expect(form(wrong)).toEqual({
      ok: false,
      errors: { title: "form.required", periodTo: "form.dateOrder", deadlineDate: "form.request.deadlineBeforePeriod" },
    });
    expect(form({ ...wrong, periodTo: "2027-02-01", deadlineDate: "2027-01-10" })).toEqual({ ok: false, errors: { title: "form.required" } });
    expect(form({ ...wrong, periodFrom: "nonsense" })).toEqual({ ok: false, errors: { title: "form.required", periodFrom: "form.date" } });
  });
  it("names a demand line's message by the row's place on the page, blank rows before it included", () => {
    const refused = parseSubmission(
      formData({
        ...valid,
        kind: "reserved",
        questions: "",
        "lines[0].unit": "portions",
        "lines[1].unit": "portions",
        "lines[2].item": "Sallad",
        "lines[2].unit": "portions",
        "lines[2].quantity": "0",
        "lines[2].site": "S",
        "lines[2].weekdays": "1",
      }),
      requestSchema,
    );
    expect(refused.status === "error" && Object.keys(refused.error ?? {})).toEqual(["lines[2].quantity"]);
    // The page gets the rows back in their places, and empty rows after the last one used.
    const lines = withRoomForLines(refused.reply()).initialValue?.lines as { item?: string }[];
    expect(lines.map((l) => l.item ?? "")).toEqual(["", "", "Sallad", "", "", ""]);
  });
  it("reads at most 100 demand-line rows: a huge row number is dropped unread, at once", () => {
    const started = performance.now();
    const submission = parseSubmission(formData({ ...valid, "lines[20000000].item": "x", "lines[100].item": "y", "lines[99].item": "z" }), requestSchema);
    expect(performance.now() - started).toBeLessThan(500);
    const reply = submission.reply();
    expect(JSON.stringify(reply).length).toBeLessThan(5000);
    expect((reply.initialValue?.lines as unknown[]).length).toBe(100);
  });
  it("reads response capacities as whole numbers, empty as zero", () => {
    const parsed = read(responseSchema, {
      organisationId: "3",
      interest: "maybe",
      message: "",
      version: "x",
      "capacity.5": "",
      "capacity.6": "12",
      "answers.9": " ja ",
    });
    expect(parsed).toEqual({
      ok: true,
      data: { organisationId: 3, interest: "maybe", message: "", version: 0, capacity: { 5: 0, 6: 12 }, answers: { 9: "ja" } },
    });
    expect(read(responseSchema, { organisationId: "3", interest: "yes", version: "1", "capacity.5": "-1" })).toMatchObject({
      ok: false,
      errors: { "capacity.5": "form.request.capacity" },
    });
    // A capacity or answer is named by its row's id; no other key is read into the record.
    expect(read(responseSchema, { organisationId: "3", interest: "yes", "capacity.x1": "4" })).toMatchObject({ ok: false });
    expect(read(responseSchema, { organisationId: "3", interest: "yes", "capacity.constructor": "4", "answers.__proto__": "x" })).toMatchObject({
      ok: true,
      data: { capacity: {}, answers: {} },
    });
  });
  it("reads the list query leniently", () => {
    expect(parseRequestListParams(new URLSearchParams("kind=rfi&kind=bogus&cpv=55&cpv=5x&within=7&state=closed&page=-2&matching=1"))).toEqual({
      q: "",
      kind: ["rfi"],
      cpvCategory: ["55"],
      site: [],
      within: 7,
      state: "closed",
      matching: true,
      page: 1,
    });
  });
});
