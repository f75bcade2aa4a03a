import { z } from "zod";
import { parseStockholmLocal } from "../domain/lund-time";
import { parseId } from "./ids";
import { formObject, isOneLine, message, optionalLine, optionalText, requiredLine, type FieldErrors, type ParseResult } from "./forms";

/**
 * The meeting forms: what the coordinator types (Lund wall-clock times, places, agenda rows) and
 * what the model stores (UTC instants, ids). Shared by the server, which decides, and the page,
 * which shows the messages.
 */
export interface AgendaRowValues {
  position: string;
  title: string;
  minutes: string;
  requestId: string;
  jointBidId: string;
}

export interface MeetingFormValues {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  registrationDeadline: string;
  place: string;
  onlineUrl: string;
  capacity: string;
  unlimited: boolean;
  /** Remind the registered the day before. */
  sendReminder: boolean;
  /** The coordinator has confirmed fewer places than people registered. */
  confirmFewerPlaces: boolean;
  conveners: string[];
  agenda: AgendaRowValues[];
}

export interface AgendaItemInput {
  title: string;
  durationMinutes: number;
  requestId: number | null;
  jointBidId: number | null;
  /** The form row it was typed in, to put a message about it next to that row. */
  row?: number;
}

export interface MeetingInput {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  registrationDeadline: string;
  place: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  sendReminder: boolean;
  convenerIds: number[];
  agenda: AgendaItemInput[];
}

/** Empty agenda rows offered below the filled ones; "Lägg till rad" adds more without saving. */
export const spareAgendaRows = 3;
/** The most agenda rows a form holds. */
export const maxAgendaRows = 60;

const emptyRow: AgendaRowValues = { position: "", title: "", minutes: "", requestId: "", jointBidId: "" };

export function emptyMeetingValues(): MeetingFormValues {
  return {
    title: "",
    description: "",
    startsAt: "",
    endsAt: "",
    registrationDeadline: "",
    place: "",
    onlineUrl: "",
    capacity: "",
    unlimited: false,
    sendReminder: true,
    confirmFewerPlaces: false,
    conveners: [],
    agenda: withSpareRows([]),
  };
}

const isBlank = (row: AgendaRowValues) => Object.values(row).every((v) => v.trim() === "");

/** The filled agenda rows, then empty ones to add items in (at least `spare`). */
export function withSpareRows(rows: AgendaRowValues[], spare = spareAgendaRows): AgendaRowValues[] {
  const filled = rows.filter((row) => !isBlank(row));
  return [...filled, ...Array.from({ length: Math.max(0, Math.min(spare, maxAgendaRows - filled.length)) }, () => ({ ...emptyRow }))];
}

/**
 * "Lägg till rad": the form as typed, with one more empty agenda row than it had, nothing saved.
 * Rows stay where they were typed, so what the person typed stays in the field they typed it in.
 */
export function withAddedAgendaRow(values: MeetingFormValues): MeetingFormValues {
  return values.agenda.length >= maxAgendaRows ? values : { ...values, agenda: [...values.agenda, { ...emptyRow }] };
}

const agendaFields = ["agendaPosition", "agendaTitle", "agendaMinutes", "agendaRequestId", "agendaJointBidId"] as const;

/** What was typed, to put back into the form after a failed submit. */
export function meetingValuesFromForm(formData: FormData): MeetingFormValues {
  const form = formObject(formData, ["conveners", ...agendaFields]);
  const str = (key: string) => (typeof form[key] === "string" ? (form[key] as string) : "");
  const list = (key: string) => (form[key] as string[]) ?? [];
  const rows = Math.max(...agendaFields.map((f) => list(f).length), 0);
  const agenda = Array.from({ length: rows }, (_, i) => ({
    position: list("agendaPosition")[i] ?? "",
    title: list("agendaTitle")[i] ?? "",
    minutes: list("agendaMinutes")[i] ?? "",
    requestId: list("agendaRequestId")[i] ?? "",
    jointBidId: list("agendaJointBidId")[i] ?? "",
  }));
  return {
    title: str("title"),
    description: str("description"),
    startsAt: str("startsAt"),
    endsAt: str("endsAt"),
    registrationDeadline: str("registrationDeadline"),
    place: str("place"),
    onlineUrl: str("onlineUrl"),
    capacity: str("capacity"),
    unlimited: str("unlimited") !== "",
    sendReminder: str("sendReminder") !== "",
    confirmFewerPlaces: str("confirmFewerPlaces") !== "",
    conveners: list("conveners").slice(0, 50),
    agenda: agenda.slice(0, maxAgendaRows),
  };
}

const localTime = z
  .string({ required_error: "meetings.form.time" })
  .trim()
  .transform((value, ctx) => {
    const parsed = parseStockholmLocal(value);
    if (!parsed.ok) {
      const problem =
        value === ""
          ? "form.required"
          : parsed.error === "skippedByDaylightSaving"
            ? message("meetings.form.timeSkipped", { time: value.slice(11, 16) })
            : "meetings.form.time";
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      return z.NEVER;
    }
    return parsed.utc;
  });

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".") && !/\s/.test(value);
  } catch {
    return false;
  }
}

const meetingFieldsSchema = z
  .object({
    title: requiredLine(200),
    description: optionalText(4000),
    startsAt: localTime,
    endsAt: localTime,
    registrationDeadline: localTime,
    place: optionalLine(300),
    onlineUrl: z
      .string()
      .trim()
      .max(500, message("form.tooLong", { max: 500 }))
      .refine((v) => v === "" || isHttpUrl(v), "meetings.form.url"),
    unlimited: z.boolean(),
    sendReminder: z.boolean(),
    capacity: z.string().trim(),
    conveners: z.array(z.string()),
  })
  .superRefine((v, ctx) => {
    // A time that failed to parse has its own message; comparing it would add a wrong one.
    const timesRead = [v.startsAt, v.endsAt, v.registrationDeadline].every((time) => typeof time === "string");
    if (timesRead && v.endsAt <= v.startsAt) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsAt"], message: "meetings.form.endAfterStart" });
    if (timesRead && v.registrationDeadline > v.startsAt) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["registrationDeadline"], message: "meetings.form.deadlineBeforeStart" });
    }
    if (v.place === "" && v.onlineUrl === "") ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["place"], message: "meetings.form.placeOrLink" });
    if (!v.unlimited && !/^[0-9]{1,6}$/.test(v.capacity)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["capacity"], message: "meetings.form.places" });
    } else if (!v.unlimited && Number(v.capacity) < 1) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["capacity"], message: "meetings.form.places" });
    }
    if (v.conveners.length === 0 || v.conveners.some((id) => parseId(id) === null)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["conveners"], message: "meetings.form.convenersRequired" });
    }
  });

/**
 * `parseForm` for the meeting forms, whose messages are the meetings' own locale keys
 * ("meetings.form.…") as well as the shared "form.…" ones.
 */
export function parseMeetingFields<S extends z.ZodTypeAny>(schema: S, input: Record<string, unknown>): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    errors[field] ??= /^(form|meetings)\./.test(issue.message) ? issue.message : "form.required";
  }
  return { ok: false, errors };
}

/** Validates the whole meeting form; errors are keyed by field, agenda rows as "agendaTitle.2". */
export function parseMeetingForm(values: MeetingFormValues): ParseResult<MeetingInput> {
  const parsed = parseMeetingFields(meetingFieldsSchema, { ...values });
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  const agenda: (Required<AgendaItemInput> & { position: number })[] = [];
  values.agenda.forEach((row, i) => {
    const blank = Object.values(row).every((v) => v.trim() === "");
    if (blank) return;
    const title = row.title.trim();
    if (title === "") errors[`agendaTitle.${i}`] = "form.required";
    else if (title.length > 200) errors[`agendaTitle.${i}`] = message("form.tooLong", { max: 200 });
    else if (!isOneLine(title)) errors[`agendaTitle.${i}`] = "form.oneLine";
    const minutes = /^[0-9]{1,3}$/.test(row.minutes.trim()) ? Number(row.minutes.trim()) : NaN;
    if (!(minutes >= 1 && minutes <= 600)) errors[`agendaMinutes.${i}`] = "meetings.form.minutes";
    const requestId = row.requestId.trim() === "" ? null : parseId(row.requestId.trim());
    if (row.requestId.trim() !== "" && requestId === null) errors[`agendaRequestId.${i}`] = "meetings.form.requestUnknown";
    const jointBidId = row.jointBidId.trim() === "" ? null : parseId(row.jointBidId.trim());
    if (row.jointBidId.trim() !== "" && jointBidId === null) errors[`agendaJointBidId.${i}`] = "meetings.form.jointBidId";
    const position = row.position.trim() === "" ? i + 1 : Number(row.position.trim());
    if (!Number.isInteger(position) || position < 0 || position > 999) errors[`agendaPosition.${i}`] = "meetings.form.position";
    agenda.push({ title, durationMinutes: minutes, requestId, jointBidId, position, row: i });
  });
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const data = parsed.data;
  return {
    ok: true,
    data: {
      title: data.title,
      description: data.description,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      registrationDeadline: data.registrationDeadline,
      place: data.place === "" ? null : data.place,
      onlineUrl: data.onlineUrl === "" ? null : data.onlineUrl,
      capacity: data.unlimited ? null : Number(data.capacity),
      sendReminder: data.sendReminder,
      convenerIds: [...new Set(data.conveners.map((id) => parseId(id)!))],
      agenda: agenda
        .sort((a, b) => a.position - b.position || a.row - b.row)
        .map(({ title, durationMinutes, requestId, jointBidId, row }) => ({ title, durationMinutes, requestId, jointBidId, row })),
    },
  };
}

export const registrationSchema = z.object({
  organisationId: z.string({ required_error: "meetings.form.organisation" }).transform((v, ctx) => {
    const id = parseId(v);
    if (id === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "meetings.form.organisation" });
      return z.NEVER;
    }
    return id;
  }),
  needs: optionalText(500),
});

export const minutesSchema = z.object({
  minutes: optionalText(50_000),
  published: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "1"),
});

export const actionItemSchema = z.object({
  text: requiredLine(500),
  organisationId: z.string({ required_error: "form.choose" }).transform((v, ctx) => {
    const id = parseId(v);
    if (id === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.choose" });
      return z.NEVER;
    }
    return id;
  }),
  dueDate: z
    .string({ required_error: "form.required" })
    .trim()
    .refine(
      (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(new Date(`${v}T12:00:00Z`).getTime()) && new Date(`${v}T12:00:00Z`).toISOString().startsWith(v),
      "form.date",
    ),
});

export const handoverSchema = z
  .object({
    fromOrganisationId: z
      .string({ required_error: "form.choose" })
      .refine((v) => parseId(v) !== null, "form.choose")
      .transform((v) => parseId(v)!),
    toOrganisationId: z
      .string({ required_error: "form.choose" })
      .refine((v) => parseId(v) !== null, "form.choose")
      .transform((v) => parseId(v)!),
  })
  .superRefine((v, ctx) => {
    if (v.fromOrganisationId === v.toOrganisationId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["toOrganisationId"], message: "meetings.form.handoverSame" });
    }
  });

/** A model's word on agenda links that lead nowhere, as messages next to the rows they were typed in. */
export function agendaLinkErrors(input: MeetingInput, links: readonly { index: number; link: "requestId" | "jointBidId" }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { index, link } of links) {
    const row = input.agenda[index]?.row ?? index;
    if (link === "requestId") errors[`agendaRequestId.${row}`] = "meetings.form.requestUnknown";
    else errors[`agendaJointBidId.${row}`] = "meetings.form.jointBidUnknown";
  }
  return errors;
}
