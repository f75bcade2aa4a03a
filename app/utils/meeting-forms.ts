import type { SubmissionResult } from "@conform-to/dom";
import { z } from "zod";
import { parseStockholmLocal } from "../domain/lund-time";
import { parseId } from "./ids";
import { isOneLine, isValidIsoDate, optionalLine, optionalText, requiredLine, type FormMessage } from "./forms";

/**
 * The meeting forms: what the coordinator types (Lund wall-clock times, places, agenda rows) and
 * what the model stores (UTC instants, ids). One schema per form, read by the server (which
 * decides, through `parseSubmission`) and by the page (which takes its inputs' limits from it).
 */

/** An agenda row as the form holds it: `agenda[N].title` and its neighbours, as typed. */
export type AgendaRowValues = {
  position?: string;
  title?: string;
  minutes?: string;
  requestId?: string;
  jointBidId?: string;
};

/** The meeting form's values as the page starts it (a new meeting, or the one being changed). */
export type MeetingFormValues = {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  registrationDeadline: string;
  place: string;
  onlineUrl: string;
  capacity: string;
  /** A ticked box is "on", as the browser sends it. */
  unlimited?: "on";
  /** Remind the registered the day before. */
  sendReminder?: "on";
  conveners: string[];
  agenda: AgendaRowValues[];
};

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
/** The lists the meeting form's fields name rows of, for `parseSubmission`. */
export const meetingFormLists = { agenda: maxAgendaRows };

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
    sendReminder: "on",
    conveners: [],
    agenda: withSpareRows([]),
  };
}

const isBlank = (row: AgendaRowValues) => Object.values(row).every((v) => v === undefined || v.trim() === "");

/** The filled agenda rows, then empty ones to add items in (at least `spare`). */
export function withSpareRows(rows: AgendaRowValues[], spare = spareAgendaRows): AgendaRowValues[] {
  const filled = rows.filter((row) => !isBlank(row));
  return [...filled, ...Array.from({ length: Math.max(0, Math.min(spare, maxAgendaRows - filled.length)) }, () => ({}))];
}

/**
 * Conform's reply leaves out what was not typed, and with it an agenda whose rows are all empty:
 * the rows come back as many as were sent (one more after "Lägg till rad"), so that the page
 * without JavaScript shows the rows it had, each where it was typed.
 */
export function withAgendaRows(reply: SubmissionResult<FormMessage[]>, formData: FormData, added = false): SubmissionResult<FormMessage[]> {
  if (!reply.initialValue) return reply;
  const indexes = [...formData.keys()].flatMap((name) => {
    const index = /^agenda\[(0|[1-9][0-9]{0,3})\]\./.exec(name)?.[1];
    return index === undefined || Number(index) >= maxAgendaRows ? [] : [Number(index)];
  });
  const sent = indexes.length === 0 ? 0 : Math.max(...indexes) + 1;
  const rows = Math.min(maxAgendaRows, sent + (added ? 1 : 0));
  const typed = (reply.initialValue.agenda as Record<string, string>[] | undefined) ?? [];
  return { ...reply, initialValue: { ...reply.initialValue, agenda: Array.from({ length: Math.max(rows, typed.length) }, (_, i) => typed[i] ?? {}) } };
}

const localTime = z
  .string({ required_error: "form.required" })
  .trim()
  .transform((value, ctx) => {
    const parsed = parseStockholmLocal(value);
    if (!parsed.ok) {
      if (parsed.error === "skippedByDaylightSaving") {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "meetings.form.timeSkipped", params: { time: value.slice(11, 16) } });
      } else {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "meetings.form.time" });
      }
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

/** A typed id that must be one ("12"), or nothing. */
const optionalIdText = z.string().trim().optional();

/**
 * One agenda row. An empty row is skipped (the form offers spare ones); a filled one needs a title
 * and its minutes. Every field is optional to the input, so the page marks none as required.
 */
const agendaRowSchema = z
  .object({
    position: z.string().trim().optional(),
    title: z.string().trim().max(200, "form.tooLong").refine(isOneLine, "form.oneLine").optional(),
    minutes: z.string().trim().optional(),
    requestId: optionalIdText,
    jointBidId: optionalIdText,
  })
  .superRefine((row, ctx) => {
    if (isBlank(row)) return;
    const problem = (field: keyof AgendaRowValues, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
    if (!row.title) problem("title", "form.required");
    const minutes = agendaMinutes(row.minutes);
    if (!(minutes >= 1 && minutes <= 600)) problem("minutes", "meetings.form.minutes");
    if (row.requestId && parseId(row.requestId) === null) problem("requestId", "meetings.form.requestUnknown");
    if (row.jointBidId && parseId(row.jointBidId) === null) problem("jointBidId", "meetings.form.jointBidId");
    if (row.position && agendaPosition(row.position) === null) problem("position", "meetings.form.position");
  });

const agendaMinutes = (value: string | undefined) => (value && /^[0-9]{1,3}$/.test(value) ? Number(value) : NaN);

function agendaPosition(value: string): number | null {
  const position = Number(value);
  return Number.isInteger(position) && position >= 0 && position <= 999 ? position : null;
}

const ticked = z.boolean().default(false);

/**
 * The whole meeting form, as the model takes it: times in UTC, ids as numbers, the filled agenda
 * rows in the order given (an empty order field keeps the row where it was typed).
 */
export const meetingFormSchema = z
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
      .max(500, "form.tooLong")
      .refine((v) => isHttpUrl(v), "meetings.form.url")
      .optional(),
    unlimited: ticked,
    sendReminder: ticked,
    capacity: z.string().trim().optional(),
    conveners: z.array(z.string()).default([]),
    agenda: z.array(agendaRowSchema).max(maxAgendaRows).default([]),
  })
  .superRefine((v, ctx) => {
    const problem = (field: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message });
    // A time that failed to parse has its own message; comparing it would add a wrong one.
    const timesRead = [v.startsAt, v.endsAt, v.registrationDeadline].every((time) => typeof time === "string");
    if (timesRead && v.endsAt <= v.startsAt) problem("endsAt", "meetings.form.endAfterStart");
    if (timesRead && v.registrationDeadline > v.startsAt) problem("registrationDeadline", "meetings.form.deadlineBeforeStart");
    if (v.place === "" && !v.onlineUrl) problem("place", "meetings.form.placeOrLink");
    if (!v.unlimited && !(/^[0-9]{1,6}$/.test(v.capacity ?? "") && Number(v.capacity) >= 1)) problem("capacity", "meetings.form.places");
    if (v.conveners.length === 0 || v.conveners.some((id) => parseId(id) === null)) problem("conveners", "meetings.form.convenersRequired");
  })
  .transform((v): MeetingInput => ({
    title: v.title,
    description: v.description,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    registrationDeadline: v.registrationDeadline,
    place: v.place === "" ? null : v.place,
    onlineUrl: v.onlineUrl || null,
    capacity: v.unlimited ? null : Number(v.capacity),
    sendReminder: v.sendReminder,
    convenerIds: [...new Set(v.conveners.map((id) => parseId(id)!))],
    agenda: v.agenda
      .map((row, i) => ({ row, i }))
      .filter(({ row }) => !isBlank(row))
      .map(({ row, i }) => ({
        title: row.title!,
        durationMinutes: agendaMinutes(row.minutes),
        requestId: row.requestId ? parseId(row.requestId) : null,
        jointBidId: row.jointBidId ? parseId(row.jointBidId) : null,
        position: row.position ? agendaPosition(row.position)! : i + 1,
        row: i,
      }))
      .sort((a, b) => a.position - b.position || a.row - b.row)
      .map(({ title, durationMinutes, requestId, jointBidId, row }) => ({ title, durationMinutes, requestId, jointBidId, row })),
  }));

/** A choice from a list of ids (an organisation): the id, or `message` at the field. */
const chosenId = (message: string) =>
  z
    .string({ required_error: message })
    .refine((v) => parseId(v) !== null, message)
    .transform((v) => parseId(v)!);

export const registrationSchema = z.object({
  organisationId: chosenId("meetings.form.organisation"),
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
  organisationId: chosenId("form.choose"),
  dueDate: z.string({ required_error: "form.required" }).trim().refine(isValidIsoDate, "form.date"),
});

export const handoverSchema = z
  .object({
    fromOrganisationId: chosenId("form.choose"),
    toOrganisationId: chosenId("form.choose"),
  })
  .superRefine((v, ctx) => {
    if (v.fromOrganisationId === v.toOrganisationId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["toOrganisationId"], message: "meetings.form.handoverSame" });
    }
  });

/** What the meeting model refuses a valid form for (`MeetingWriteResult`'s failures). */
export type MeetingRefusal =
  | { error: "cancelled" | "unknownConvener" }
  | { error: "unknownAgendaLink"; links: readonly { index: number; link: "requestId" | "jointBidId" }[] }
  | { error: "fewerPlacesThanRegistered"; registered: number };

/**
 * A model's refusal as the form's messages: agenda links that lead nowhere next to the rows they
 * were typed in, fewer places than registered at the places, the rest over the form.
 */
export function meetingRefusal(input: MeetingInput, refusal: MeetingRefusal): { formErrors?: FormMessage[]; fieldErrors?: Record<string, FormMessage[]> } {
  switch (refusal.error) {
    case "unknownAgendaLink":
      return {
        fieldErrors: Object.fromEntries(
          refusal.links.map(({ index, link }) => [
            `agenda[${input.agenda[index]?.row ?? index}].${link}`,
            [{ key: link === "requestId" ? "meetings.form.requestUnknown" : "meetings.form.jointBidUnknown" }],
          ]),
        ),
      };
    case "fewerPlacesThanRegistered":
      return { fieldErrors: { capacity: [{ key: "meetings.form.fewerPlaces", values: { registered: refusal.registered, places: input.capacity ?? 0 } }] } };
    default:
      return { formErrors: [{ key: `meetings.error.${refusal.error}` }] };
  }
}
