/**
 * A member cutting a capacity line below what its organisation has confirmed in joint bids
 * (decision 018): lowering the line, taking away weekdays, removing it, or deleting its offering is
 * refused through the pages with 409, the bids and what each has confirmed named at the line, and
 * nothing changed; after the commitment is changed (which takes the confirmation back), the cut goes through.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { confirmCommitments } from "../../app/models/joint-bid/commitments.server";
import type { Viewer } from "../../app/models/joint-bid/access.server";
import { action as capacityAction } from "../../app/routes/organisations.$slug_.offerings.$offeringId._index";
import { action as offeringAction } from "../../app/routes/organisations.$slug_.offerings.$offeringId";
import { action as commitmentsAction } from "../../app/routes/bids.$id.commitments";
import { weekdaysOf, sitesOf } from "../../app/models/weekdays-and-sites.server";
import type { DB } from "../../db/client.server";
import { seedDemoBid } from "../../seed/demo-bids.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, sessionCookieFor } from "./support/requests";
import { insertSaladRequest } from "./support/salad-request";

let db: DB;
let close: () => Promise<void>;
let bidId: number;
let organisationId: number;
let cookie: string;
let line: {
  id: number;
  offeringId: number;
  quantity: number;
  period: string;
  weekdays: number[];
  sites: string[];
  validFrom: string | null;
  validTo: string | null;
};
let confirmed: number;

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  await db.deleteFrom("joint_bid").execute();
  bidId = (await seedDemoBid(db, { requestId: await insertSaladRequest(db) }))!;
  organisationId = await organisationIdBySlug(db, "eoscares");
  cookie = await sessionCookieFor(db, "eoscares@example.org");
  const member = await db.selectFrom("user").select("id").where("email", "=", "eoscares@example.org").executeTakeFirstOrThrow();
  const viewer: Viewer = { id: member.id, roles: [] };
  // One commitment of 5 a day, so what is confirmed on the line is known.
  const first = await db
    .selectFrom("joint_bid_commitment")
    .select("id")
    .where("bid_id", "=", bidId)
    .where("organisation_id", "=", organisationId)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  await db.deleteFrom("joint_bid_commitment").where("bid_id", "=", bidId).where("organisation_id", "=", organisationId).where("id", "!=", first.id).execute();
  await db.updateTable("joint_bid_commitment").set({ quantity: 5 }).where("bid_id", "=", bidId).where("organisation_id", "=", organisationId).execute();
  const confirmation = await confirmCommitments({ db, viewer, bidId, organisationId });
  expect(confirmation.ok).toBe(true);
  const commitment = await db
    .selectFrom("joint_bid_commitment")
    .selectAll()
    .where("bid_id", "=", bidId)
    .where("organisation_id", "=", organisationId)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const row = await db.selectFrom("capacity_line").selectAll().where("id", "=", commitment.capacity_line_id).executeTakeFirstOrThrow();
  line = {
    id: row.id,
    offeringId: row.offering_id,
    quantity: row.quantity,
    period: row.period,
    weekdays: (await weekdaysOf(db, "capacity_line", [row.id])).get(row.id) ?? [],
    sites: (await sitesOf(db, "capacity_line", [row.id])).get(row.id) ?? [],
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
  confirmed = (
    await db.selectFrom("joint_bid_commitment").select("quantity").where("bid_id", "=", bidId).where("capacity_line_id", "=", row.id).execute()
  ).reduce((sum, c) => sum + c.quantity, 0);
});
afterAll(() => close());

const path = () => `/organisations/eoscares/offerings/${line.offeringId}`;
const params = () => ({ slug: "eoscares", offeringId: String(line.offeringId) });
const lineForm = (changes: Record<string, string | string[]>) => ({
  intent: "updateCapacity",
  capacityLineId: String(line.id),
  quantity: String(line.quantity),
  period: line.period,
  weekdays: line.weekdays.map(String),
  validFrom: line.validFrom ?? "",
  validTo: line.validTo ?? "",
  sites: line.sites.join(", "),
  ...changes,
});
const postLine = (fields: Record<string, string | string[]>) =>
  answerOf(() => capacityAction({ request: formRequest(path(), fields, cookie), params: params(), context: {} } as never));
const stored = () => db.selectFrom("capacity_line").select(["quantity"]).where("id", "=", line.id).executeTakeFirst();

type Refused = {
  reply: { error: Record<string, { key: string }[]>; initialValue?: Record<string, unknown> };
  belowCommitments: { bidId: number; quantity: number; requestTitle: string }[];
};

it("refuses to lower a line below what is confirmed, names the bid and the amount at the quantity, and keeps what was typed", async () => {
  expect(confirmed).toBeGreaterThan(0);
  const answer = await postLine(lineForm({ quantity: String(confirmed - 1) }));
  expect(answer.status).toBe(409);
  const body = answer.data as Refused;
  expect(body.reply.error.quantity).toEqual([{ key: "offering.belowCommitmentsField" }]);
  expect(body.reply.error[""]).toEqual([{ key: "offering.belowCommitments" }]);
  expect(body.belowCommitments).toEqual([expect.objectContaining({ bidId, quantity: confirmed })]);
  expect(body.reply.initialValue).toMatchObject({ quantity: String(confirmed - 1) });
  expect((await stored())!.quantity).toBe(line.quantity);
});

it("refuses to take away a weekday a confirmed commitment delivers on, at the weekdays", async () => {
  expect(line.period).toBe("weekday");
  expect(line.weekdays.length).toBeGreaterThan(1);
  const answer = await postLine(lineForm({ weekdays: line.weekdays.slice(1).map(String) }));
  expect(answer.status).toBe(409);
  expect((answer.data as Refused).reply.error.weekdays).toEqual([{ key: "offering.belowCommitmentsField" }]);
  expect((await weekdaysOf(db, "capacity_line", [line.id])).get(line.id)).toEqual(line.weekdays);
});

it("accepts a change that still carries what is confirmed", async () => {
  const answer = await postLine(lineForm({ quantity: String(confirmed) }));
  expect(answer.status).toBe(302);
  expect((await stored())!.quantity).toBe(confirmed);
  line.quantity = confirmed;
});

it("refuses to remove the line or delete its offering while the commitment is confirmed", async () => {
  const removal = await postLine({ intent: "removeCapacity", capacityLineId: String(line.id) });
  expect(removal.status).toBe(409);
  expect((removal.data as Refused).reply.error[""]).toEqual([{ key: "offering.belowCommitmentsRemove" }]);
  expect((removal.data as Refused).belowCommitments.map((b) => b.bidId)).toEqual([bidId]);
  const deletion = await answerOf(() =>
    offeringAction({ request: formRequest(path(), { intent: "deleteOffering" }, cookie), params: params(), context: {} } as never),
  );
  expect(deletion.status).toBe(409);
  expect((deletion.data as Refused).reply.error[""]).toEqual([{ key: "offering.belowCommitmentsOffering" }]);
  expect((deletion.data as Refused).belowCommitments.map((b) => b.bidId)).toEqual([bidId]);
  expect(await stored()).toBeDefined();
  expect(await db.selectFrom("joint_bid_commitment").select("id").where("capacity_line_id", "=", line.id).execute()).not.toHaveLength(0);
});

it("lets the cut through once the commitment is changed, which takes the confirmation back", async () => {
  const commitments = await db.selectFrom("joint_bid_commitment").selectAll().where("bid_id", "=", bidId).where("capacity_line_id", "=", line.id).execute();
  for (const c of commitments) {
    const weekdays = (await weekdaysOf(db, "joint_bid_commitment", [c.id])).get(c.id) ?? [];
    const sites = (await sitesOf(db, "joint_bid_commitment", [c.id])).get(c.id) ?? [];
    const changed = await answerOf(() =>
      commitmentsAction({
        request: formRequest(
          `/bids/${bidId}/commitments`,
          {
            intent: "saveCommitment",
            organisationId: String(organisationId),
            commitmentId: String(c.id),
            item: c.item,
            quantity: "1",
            weekdays: weekdays.map(String),
            sites: sites.join(", "),
          },
          cookie,
        ),
        params: { id: String(bidId) },
        context: {},
      } as never),
    );
    expect(changed.status).toBe(302);
  }
  const answer = await postLine(lineForm({ quantity: "1" }));
  expect(answer.status).toBe(302);
  expect((await stored())!.quantity).toBe(1);
});
