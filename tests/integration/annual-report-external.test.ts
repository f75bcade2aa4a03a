/**
 * The annual report's queries for meetings, responses and joint bids, which read tables built on
 * other branches. They run here against those tables' columns as the branches define them, in a
 * database of their own (so the test holds before and after the branches are merged).
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { externalCollaboration } from "../../app/models/annual-report-external.server";
import { type DB, openDatabase } from "../../db/client.server";

let db: DB;

beforeAll(async () => {
  db = openDatabase(":memory:");
  await sql`create table meeting (id integer primary key, title text not null, starts_at text not null, status text not null)`.execute(db);
  await sql`create table meeting_registration (id integer primary key, meeting_id integer not null, organisation_id integer not null, status text not null, attended integer not null default 0)`.execute(
    db,
  );
  await sql`create table meeting_agenda_item (id integer primary key, meeting_id integer not null, position integer not null, title text not null)`.execute(db);
  await sql`create table request_response (id integer primary key, request_id integer not null, organisation_id integer not null, interest text not null, created_at text not null)`.execute(
    db,
  );
  await sql`create table joint_bid (id integer primary key, request_id integer not null, status text not null, created_at text not null)`.execute(db);
  await sql`insert into meeting values (1, 'Nätverksträff mars', '2023-03-14T14:00:00.000Z', 'scheduled'), (2, 'Inställd', '2023-04-14T14:00:00.000Z', 'cancelled'), (3, 'Nästa år', '2024-02-01T14:00:00.000Z', 'scheduled')`.execute(
    db,
  );
  await sql`insert into meeting_registration (meeting_id, organisation_id, status, attended) values (1, 1, 'confirmed', 1), (1, 2, 'confirmed', 0), (1, 3, 'waitlisted', 0)`.execute(
    db,
  );
  await sql`insert into meeting_agenda_item (meeting_id, position, title) values (1, 2, 'Sallader'), (1, 1, 'Social Trade Göteborg')`.execute(db);
  await sql`insert into request_response (request_id, organisation_id, interest, created_at) values (1, 1, 'yes', '2023-05-01T10:00:00.000Z'), (1, 2, 'maybe', '2023-05-02T10:00:00.000Z'), (2, 1, 'yes', '2023-06-01T10:00:00.000Z'), (3, 4, 'no', '2024-01-02T10:00:00.000Z')`.execute(
    db,
  );
  await sql`insert into joint_bid (request_id, status, created_at) values (1, 'won', '2023-05-10T10:00:00.000Z'), (2, 'draft', '2023-07-10T10:00:00.000Z'), (3, 'lost', '2024-03-10T10:00:00.000Z')`.execute(
    db,
  );
});
afterAll(() => db.destroy());

describe("external collaboration in the annual report", () => {
  it("is null for a section that is turned off, and read from its tables by default", async () => {
    expect(await externalCollaboration({ db, year: 2023, enabled: { meetings: false, responses: false, bids: false } })).toEqual({
      meetings: null,
      responses: null,
      bids: null,
    });
    const byDefault = await externalCollaboration({ db, year: 2023 });
    expect(byDefault.meetings).not.toBeNull();
    expect(byDefault.responses).not.toBeNull();
    expect(byDefault.bids).not.toBeNull();
  });

  it("counts meetings held with attendance and topics, responses and joint bids of the year", async () => {
    const result = await externalCollaboration({ db, year: 2023, enabled: { meetings: true, responses: true, bids: true } });
    expect(result.meetings).toEqual({
      meetings: [
        { id: 1, title: "Nätverksträff mars", startsAt: "2023-03-14T14:00:00.000Z", registered: 2, attended: 1, topics: ["Social Trade Göteborg", "Sallader"] },
      ],
    });
    expect(result.responses).toEqual({
      responses: 3,
      respondingOrganisations: 2,
      byInterest: [
        { interest: "maybe", count: 1 },
        { interest: "yes", count: 2 },
      ],
    });
    expect(result.bids).toEqual({
      byStatus: [
        { status: "draft", count: 1 },
        { status: "won", count: 1 },
      ],
    });
  });
});
