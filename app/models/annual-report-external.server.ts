/**
 * The annual report's figures about meetings, responses to requests and joint bids. Those tables
 * are built on other branches (`meetings`, `requests`, `bids`); the queries below are written
 * against their schemas as they stand there, in plain SQL so that this branch compiles without
 * them. After merging, the lead turns each section on here (and may rewrite the queries with the
 * typed query builder). Until then every section is off and the report says that the data does
 * not exist yet: it never shows invented figures.
 */
import { sql } from "kysely";
import type { DB } from "../../db/client.server";

export const externalSectionsEnabled = {
  /** Tables `meeting`, `meeting_registration`, `meeting_agenda_item` (branch `meetings`). */
  meetings: true,
  /** Table `request_response` (branch `requests`). */
  responses: true,
  /** Table `joint_bid` (branch `bids`). */
  bids: true,
};

export interface MeetingsOfYear {
  meetings: { id: number; title: string; startsAt: string; registered: number; attended: number; topics: string[] }[];
}

export interface ResponsesOfYear {
  responses: number;
  respondingOrganisations: number;
  byInterest: { interest: string; count: number }[];
}

export interface BidsOfYear {
  byStatus: { status: string; count: number }[];
}

export interface ExternalCollaboration {
  meetings: MeetingsOfYear | null;
  responses: ResponsesOfYear | null;
  bids: BidsOfYear | null;
}

function bounds(year: number) {
  return { from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z` };
}

/** Each enabled section's figures for the year; null for a section whose data is not on the platform. */
export async function externalCollaboration({
  db,
  year,
  enabled = externalSectionsEnabled,
}: {
  db: DB;
  year: number;
  enabled?: typeof externalSectionsEnabled;
}): Promise<ExternalCollaboration> {
  const { from, to } = bounds(year);
  const now = new Date().toISOString();
  const meetings = enabled.meetings ? await meetingsOfYear(db, from, to < now ? to : now) : null;
  const responses = enabled.responses ? await responsesOfYear(db, from, to) : null;
  const bids = enabled.bids ? await bidsOfYear(db, from, to) : null;
  return { meetings, responses, bids };
}

/** Meetings held (not cancelled, already begun) in the year, with registrations, attendance and agenda topics. */
async function meetingsOfYear(db: DB, from: string, to: string): Promise<MeetingsOfYear> {
  const rows = await sql<{ id: number; title: string; starts_at: string; registered: number; attended: number }>`
    select m.id, m.title, m.starts_at,
      (select count(*) from meeting_registration r where r.meeting_id = m.id and r.status = 'confirmed') as registered,
      (select count(*) from meeting_registration r where r.meeting_id = m.id and r.attended) as attended
    from meeting m
    where m.status = 'scheduled' and m.starts_at >= ${from} and m.starts_at < ${to}
    order by m.starts_at`.execute(db);
  const ids = rows.rows.map((r) => r.id);
  const topics = ids.length
    ? (
        await sql<{ meeting_id: number; title: string }>`
          select meeting_id, title from meeting_agenda_item
          where meeting_id in (${sql.join(ids)}) order by meeting_id, position`.execute(db)
      ).rows
    : [];
  return {
    meetings: rows.rows.map((r) => ({
      id: r.id,
      title: r.title,
      startsAt: r.starts_at,
      registered: Number(r.registered),
      attended: Number(r.attended),
      topics: topics.filter((t) => t.meeting_id === r.id).map((t) => t.title),
    })),
  };
}

/** Responses given during the year to requests on the platform. */
async function responsesOfYear(db: DB, from: string, to: string): Promise<ResponsesOfYear> {
  const byInterest = await sql<{ interest: string; count: number }>`
    select interest, count(*) as count
    from request_response where created_at >= ${from} and created_at < ${to}
    group by interest order by interest`.execute(db);
  const organisations = await sql<{ n: number }>`
    select count(distinct organisation_id) as n from request_response where created_at >= ${from} and created_at < ${to}`.execute(db);
  return {
    responses: byInterest.rows.reduce((s, r) => s + Number(r.count), 0),
    respondingOrganisations: Number(organisations.rows[0]?.n ?? 0),
    byInterest: byInterest.rows.map((r) => ({ interest: r.interest, count: Number(r.count) })),
  };
}

/** Joint bids started during the year, by their status now (won and lost are the outcomes). */
async function bidsOfYear(db: DB, from: string, to: string): Promise<BidsOfYear> {
  const rows = await sql<{ status: string; count: number }>`
    select status, count(*) as count from joint_bid
    where created_at >= ${from} and created_at < ${to}
    group by status order by status`.execute(db);
  return { byStatus: rows.rows.map((r) => ({ status: r.status, count: Number(r.count) })) };
}
