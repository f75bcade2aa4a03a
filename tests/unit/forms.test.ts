import fc from "fast-check";
import { formsMessages } from "../../app/locales/forms";
import { beforeAll, describe, expect, it } from "vitest";
import {
  capacityLineSchema,
  isOneLine,
  issueMessage,
  organisationProfileSchema,
  parseSubmission,
  isBoundedFieldName,
  signupSchema,
  translateFormMessage,
} from "../../app/utils/forms";
import { offeringSchema } from "../../app/forms/offering-form";
import { formatNumber, translator } from "../../app/utils/i18n";
import { formData, readFields, readForm } from "../support/form-submission";
import { parseMeeting } from "../support/meeting-form";

const validProfile = {
  name: "Lunds Sallader",
  orgNumber: "2120001124",
  kind: "work_integrating",
  description: "",
  contactEmail: "",
  contactPhone: "",
  website: "",
  serviceAreas: ["Lund"],
  targetGroups: "",
  workforceShare: "",
  workforceShareDate: "",
};

describe("organisation profile form", () => {
  it("normalises the organisation number and turns empty optional fields into null", () => {
    const result = readFields(organisationProfileSchema, validProfile);
    expect(result).toMatchObject({
      ok: true,
      data: { orgNumber: "212000-1124", contactEmail: null, website: null, workforceShare: null, serviceAreas: ["Lund"] },
    });
  });

  it("names each broken field with a translatable message", () => {
    const result = readFields(organisationProfileSchema, {
      ...validProfile,
      name: "  ",
      orgNumber: "212000-1125",
      kind: "bank",
      contactEmail: "not-an-email",
      website: "javascript:alert(1)",
      serviceAreas: ["Atlantis"],
      workforceShare: "130",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: { key: "form.required" },
      orgNumber: { key: "form.orgNumber.check_digit" },
      kind: { key: "form.choose" },
      contactEmail: { key: "form.email" },
      website: { key: "form.url" },
      "serviceAreas[0]": { key: "form.choose" },
      workforceShare: { key: "form.percent" },
    });
  });

  it("requires the date a workforce share rests on", () => {
    const result = readFields(organisationProfileSchema, { ...validProfile, workforceShare: "35" });
    expect(result).toEqual({ ok: false, errors: { workforceShareDate: { key: "form.shareNeedsDate" } } });
  });

  it("limits lengths and says the limit in the message", () => {
    const result = readFields(organisationProfileSchema, { ...validProfile, name: "x".repeat(121) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(translateFormMessage(translator("en", [formsMessages]), result.errors.name, (n) => formatNumber("en", n))).toBe("At most 120 characters.");
    expect(translateFormMessage(translator("sv", [formsMessages]), result.errors.name, (n) => formatNumber("sv", n))).toBe("Högst 120 tecken.");
  });

  it("writes a long limit as the page writes numbers, matching the countdown", () => {
    const result = readFields(organisationProfileSchema, { ...validProfile, description: "x".repeat(4001) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(translateFormMessage(translator("sv", [formsMessages]), result.errors.description, (n) => formatNumber("sv", n))).toBe(
      `Högst ${formatNumber("sv", 4000)} tecken.`,
    );
    expect(formatNumber("sv", 4000)).not.toBe("4000");
    expect(translateFormMessage(translator("en", [formsMessages]), result.errors.description, (n) => formatNumber("en", n))).toBe("At most 4,000 characters.");
  });
});

describe("offering and capacity forms", () => {
  // The offering form's CPV field reads the vocabulary (9,454 codes) on first use.
  beforeAll(() => void readFields(offeringSchema, { cpvCode: "sallad" }), 60_000);
  it("takes the code from a picked 'code label' value and rejects codes outside the list", () => {
    expect(readFields(offeringSchema, { title: "Sallad", description: "", cpvCode: "55520000-1 Catering", unit: "portions" })).toMatchObject({
      ok: true,
      data: { cpvCode: "55520000-1" },
    });
    expect(readFields(offeringSchema, { title: "Sallad", cpvCode: "99999999-9", unit: "portions" })).toMatchObject({
      ok: false,
      errors: { cpvCode: { key: "form.cpvNone" } },
    });
  });

  it("accepts a weekday capacity line and sorts its days", () => {
    const form = new FormData();
    for (const [k, v] of [
      ["quantity", "120"],
      ["period", "weekday"],
      ["weekdays", "4"],
      ["weekdays", "1"],
      ["validFrom", "2026-01-01"],
      ["validTo", ""],
      ["sites", "Stadshuset, Kristallen"],
    ]) {
      form.append(k, v);
    }
    expect(readForm(form, capacityLineSchema)).toEqual({
      ok: true,
      data: { quantity: 120, period: "weekday", weekdays: [1, 4], validFrom: "2026-01-01", validTo: null, sites: ["Stadshuset", "Kristallen"] },
    });
  });

  it("rejects a line without days, with a non-integer quantity or with dates in the wrong order", () => {
    const result = readFields(capacityLineSchema, {
      quantity: "2.5",
      period: "weekday",
      weekdays: [],
      validFrom: "2026-05-01",
      validTo: "2026-04-01",
      sites: "",
    });
    expect(result).toMatchObject({ ok: false, errors: { quantity: { key: "form.positiveInteger" } } });
    const days = readFields(capacityLineSchema, { quantity: "3", period: "weekday", weekdays: [], validFrom: "2026-05-01", validTo: "2026-04-01", sites: "" });
    expect(days).toEqual({ ok: false, errors: { weekdays: { key: "form.weekdays" }, validTo: { key: "form.dateOrder" } } });
    expect(readFields(capacityLineSchema, { quantity: "3", period: "week", validFrom: "2026-02-30" })).toMatchObject({
      ok: false,
      errors: { validFrom: { key: "form.date" } },
    });
  });
});

describe("signup form", () => {
  it("requires 8 to 128 characters of password", () => {
    expect(readFields(signupSchema, { name: "A", email: "a@example.org", password: "short" })).toMatchObject({ ok: false });
    expect(readFields(signupSchema, { name: "A", email: "a@example.org", password: "x".repeat(64) })).toMatchObject({ ok: true });
    expect(readFields(signupSchema, { name: "A", email: "a@example.org", password: "x".repeat(129) })).toMatchObject({ ok: false });
  });
});

describe("one-line fields", () => {
  const controls = [..."\r\n\t\u0000\u0007\u000b\u001b\u007f\u0085\u2028\u2029"];

  it("refuse a line break or any other control character inside the text, with a message at the field", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom(...controls),
        fc.string({ minLength: 1, maxLength: 40 }),
        (before, control, after) => {
          fc.pre(before.trim() !== "" && after.trim() !== "");
          const name = `${before.trim()}${control}${after.trim()}`;
          expect(readFields(signupSchema, { name, email: "a@example.org", password: "long-enough" })).toEqual({
            ok: false,
            errors: { name: { key: "form.oneLine" } },
          });
          const meeting = parseMeeting({ title: name, place: name });
          expect(meeting).toMatchObject({ ok: false, errors: { title: { key: "form.oneLine" }, place: { key: "form.oneLine" } } });
        },
      ),
    );
  });

  it("take any text without control characters, trimmed", () => {
    const printable = fc.string({ unit: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).filter(isOneLine), minLength: 1, maxLength: 100 });
    fc.assert(
      fc.property(printable, (name) => {
        fc.pre(name.trim() !== "");
        expect(readFields(signupSchema, { name, email: "a@example.org", password: "long-enough" })).toMatchObject({ ok: true, data: { name: name.trim() } });
      }),
    );
  });

  it("are the ones the profile, offering, capacity, meeting and request forms send as single-line inputs", () => {
    expect(readFields(organisationProfileSchema, { ...validProfile, name: "Lunds\r\nSallader" })).toEqual({
      ok: false,
      errors: { name: { key: "form.oneLine" } },
    });
    expect(readFields(offeringSchema, { title: "Sallad\nBEGIN:VEVENT", cpvCode: "15894200-3", unit: "portions" })).toMatchObject({
      ok: false,
      errors: { title: { key: "form.oneLine" } },
    });
    expect(readFields(capacityLineSchema, { quantity: "3", period: "week", sites: "Stadshuset\r\nKristallen" })).toMatchObject({
      ok: false,
      errors: { sites: { key: "form.oneLine" } },
    });
    // Descriptions are several lines, as their text areas send them.
    expect(readFields(organisationProfileSchema, { ...validProfile, description: "Första raden\r\nAndra raden" })).toMatchObject({ ok: true });
  });
});

describe("messages with typed variables", () => {
  const errorsOf = (submission: ReturnType<typeof parseSubmission>) => (submission.status === "success" ? undefined : submission.error);

  it("carry a length limit as a number, taken from the schema's own check", () => {
    const submission = parseSubmission(formData({ ...validProfile, name: "x".repeat(121), description: "y".repeat(4001) }), organisationProfileSchema);
    expect(submission.status).toBe("error");
    expect(errorsOf(submission)?.name).toEqual([{ key: "form.tooLong", values: { max: 120 } }]);
    expect(errorsOf(submission)?.description).toEqual([{ key: "form.tooLong", values: { max: 4000 } }]);
  });

  it("carry no variables a message does not name, and a custom check's own in params", () => {
    const empty = parseSubmission(formData({ ...validProfile, name: "" }), organisationProfileSchema);
    expect(errorsOf(empty)?.name).toEqual([{ key: "form.required" }]);
    const short = parseSubmission(formData({ name: "Ada", email: "ada@example.org", password: "kort" }), signupSchema);
    expect(errorsOf(short)?.password).toEqual([{ key: "form.tooShort", values: { min: 8 } }]);
    const tooMany = issueMessage({ code: "custom", path: ["questions"], message: "form.request.tooManyQuestions", params: { max: 20 } });
    expect(tooMany).toEqual({ key: "form.request.tooManyQuestions", values: { max: 20 } });
  });

  it("read a message that is not one of ours as 'fill in this field'", () => {
    expect(issueMessage({ code: "invalid_type", expected: "string", received: "number", path: ["x"], message: "Expected string, received number" })).toEqual({
      key: "form.required",
    });
  });

  it("carry a one-line field's limit as well, its key and number apart rather than encoded in one string", () => {
    const result = readFields(organisationProfileSchema, { ...validProfile, name: "x".repeat(121) });
    expect(result).toMatchObject({ ok: false, errors: { name: { key: "form.tooLong", values: { max: 120 } } } });
  });

  it("keep what was typed, a ticked box as a list, and never the password", () => {
    const one = parseSubmission(formData({ ...validProfile, serviceAreas: "Lund" }), organisationProfileSchema);
    expect(one.status === "success" && one.value.serviceAreas).toEqual(["Lund"]);
    const reply = parseSubmission(formData({ name: "Ada", email: "nej", password: "hemligt-lösenord" }), signupSchema).reply({ hideFields: ["password"] });
    expect(reply.initialValue).toEqual({ name: "Ada", email: "nej" });
    expect(reply.error?.email).toEqual([{ key: "form.email" }]);
  });

  it("read only plain field names: a path with a huge list index costs nothing and is not sent back", () => {
    const started = performance.now();
    const submission = parseSubmission(formData({ name: "Ada", email: "nej", password: "x", "x[20000000]": "v", "__proto__[polluted]": "v" }), signupSchema);
    const reply = JSON.stringify(submission.reply({ hideFields: ["password"] }));
    expect(performance.now() - started).toBeLessThan(500);
    expect(reply.length).toBeLessThan(1000);
    expect(JSON.parse(reply).initialValue).toEqual({ name: "Ada", email: "nej" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("read a path only when it is short, its list index two digits and its keys no object's own", () => {
    for (const name of ["title", "lines[0].item", "lines[99].weekdays", "capacity.12", "answers.7"]) expect(isBoundedFieldName(name), name).toBe(true);
    for (const name of [
      "lines[100].item",
      "lines[20000000].item",
      "x[1][2][3][4]",
      "capacity.constructor",
      "a.__proto__.b",
      "a.prototype",
      "lines[0]x",
      "__intent__",
    ]) {
      expect(isBoundedFieldName(name), name).toBe(false);
    }
  });
});
