import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action as newAction, loader as newLoader } from "../../app/routes/requests.new";
import { action as editAction, loader as editLoader } from "../../app/routes/requests.$id_.edit";
import { action as pageAction, loader as pageLoader } from "../../app/routes/requests.$id";
import { action as responsesAction } from "../../app/routes/requests.$id.responses";
import { action as qaAction } from "../../app/routes/requests.$id.qa";
import { loader as csvLoader } from "../../app/routes/requests.$id_.responses[.]csv";
import { action as awardAction } from "../../app/routes/requests.$id_.award";
import { loader as ocdsLoader } from "../../app/routes/requests.$id_.ocds[.]json";
import { loader as packageLoader } from "../../app/routes/requests.ocds[.]json";
import { loader as listLoader } from "../../app/routes/requests._index";
import { createUser, grantRole } from "../../app/models/user.server";
import type { DB } from "../../db/client.server";
import { openDemoDatabase, organisationIdBySlug } from "./support/app-database";
import { answerOf, formRequest, getRequest, responseOf, sessionCookieFor } from "./support/requests";
import type { FormReply } from "../../app/components/form-fields";

let db: DB;
let close: () => Promise<void>;
const cookies: Record<string, string> = {};
let saladId: number;
let rfiId: number;

const status = (value: unknown) => (value instanceof Response ? value.status : 200);
const args = (request: Request, id?: number) => ({ request, params: id === undefined ? {} : { id: String(id) }, context: {} });

async function addUser(email: string, organisationSlug: string, role?: "buyer") {
  const created = await createUser({ db, email, name: email.split("@")[0], password: "demo-password" });
  const admin = await db.selectFrom("user").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow();
  if (role) await grantRole({ db, userId: created!.id, role, grantedBy: admin.id });
  await db
    .insertInto("membership")
    .values({
      user_id: created!.id,
      organisation_id: await organisationIdBySlug(db, organisationSlug),
      role: "editor",
      status: "active",
      created_at: new Date().toISOString(),
    })
    .execute();
  return sessionCookieFor(db, email);
}

/** A refused form's answer: Conform's reply. */
type Refused = { reply: FormReply };
/** Each field's first message by its key ("" for the form's own). */
const messagesOf = ({ reply }: Refused) => Object.fromEntries(Object.entries(reply.error ?? {}).map(([name, messages]) => [name, messages?.[0]?.key]));

const saladForm = (overrides: Record<string, string | string[]> = {}) => ({
  kind: "reserved",
  title: "Sallader till skolor",
  description: "Dagens sallad.",
  cpvCode: "55520000-1",
  periodFrom: "2030-01-07",
  periodTo: "2030-06-14",
  deadlineDate: "2029-12-01",
  deadlineTime: "12:00",
  contactName: "Bertil",
  contactEmail: "bertil@lund.example.org",
  contactPhone: "",
  questions: "",
  "lines[0].id": "",
  "lines[0].item": "Sallad",
  "lines[0].unit": "portions",
  "lines[0].quantity": "120",
  "lines[0].site": "Stadshuset",
  "lines[0].weekdays": ["1", "2", "3", "4"],
  "lines[0].cpvCode": "15894200-3",
  ...overrides,
});

beforeAll(async () => {
  ({ db, close } = await openDemoDatabase());
  for (const email of ["member@example.org", "buyer@example.org", "coordinator@example.org", "eoscares@example.org", "admin@example.org"]) {
    cookies[email] = await sessionCookieFor(db, email);
  }
  cookies.otherBuyer = await addUser("other-buyer@example.org", "lunds-kommun-serviceforvaltningen", "buyer");
  cookies.memberTwo = await addUser("member-two@example.org", "fontanhuset-lund");
  cookies.buyerRoleOnly = await (async () => {
    const created = await createUser({ db, email: "lonely-buyer@example.org", name: "Lonely", password: "demo-password" });
    const admin = await db.selectFrom("user").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow();
    await grantRole({ db, userId: created!.id, role: "buyer", grantedBy: admin.id });
    return sessionCookieFor(db, "lonely-buyer@example.org");
  })();
  saladId = (await db.selectFrom("request").select("id").where("title", "=", "Sallader till kommunens verksamheter, andra perioden").executeTakeFirstOrThrow())
    .id;
  rfiId = (await db.selectFrom("request").select("id").where("kind", "=", "rfi").executeTakeFirstOrThrow()).id;
});
afterAll(() => close());

async function createDraft(): Promise<number> {
  const result = await newAction(args(formRequest("/requests/new", saladForm(), cookies["buyer@example.org"])));
  expect(status(result)).toBe(302);
  return Number((result as Response).headers.get("Location")!.split("/").pop());
}

describe("creating and editing requests", () => {
  it("a member, a buyer without a buyer organisation and a visitor cannot create a request", async () => {
    for (const cookie of [cookies["member@example.org"], cookies.buyerRoleOnly]) {
      expect(status(await responseOf(() => newLoader(args(getRequest("/requests/new", cookie)))))).toBe(403);
      expect(status(await responseOf(() => newAction(args(formRequest("/requests/new", saladForm(), cookie)))))).toBe(403);
    }
    expect(status(await responseOf(() => newAction(args(formRequest("/requests/new", saladForm())))))).toBe(302);
    expect(((await responseOf(() => newAction(args(formRequest("/requests/new", saladForm()))))) as Response).headers.get("Location")).toMatch(/^\/login/);
  });

  it("a buyer creates a draft; bad input gives field errors and keeps what was typed", async () => {
    const bad = (await answerOf(() =>
      newAction(
        args(
          formRequest(
            "/requests/new",
            saladForm({ "lines[0].quantity": "-3", contactEmail: "nope", title: "Kept", periodTo: "2029-01-01" }),
            cookies["buyer@example.org"],
          ),
        ),
      ),
    )) as { data: Refused; status: number };
    expect(bad.status).toBe(400);
    // Every message at once: the fields' own and those between fields.
    expect(messagesOf(bad.data)).toEqual({ contactEmail: "form.email", "lines[0].quantity": "form.positiveInteger", periodTo: "form.dateOrder" });
    expect(bad.data.reply.initialValue?.title).toBe("Kept");
    const late = (await answerOf(() =>
      newAction(args(formRequest("/requests/new", saladForm({ deadlineDate: "2030-02-01" }), cookies["buyer@example.org"]))),
    )) as { data: Refused };
    expect(messagesOf(late.data)).toEqual({ deadlineDate: "form.request.deadlineBeforePeriod" });
    const noLines = (await answerOf(() =>
      newAction(
        args(
          formRequest(
            "/requests/new",
            saladForm({ "lines[0].item": "", "lines[0].quantity": "", "lines[0].site": "", "lines[0].weekdays": [], "lines[0].cpvCode": "" }),
            cookies["buyer@example.org"],
          ),
        ),
      ),
    )) as { data: Refused };
    expect(messagesOf(noLines.data).lines).toBe("form.request.needsLine");
    const id = await createDraft();
    const stored = await db.selectFrom("request").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: "draft", kind: "reserved", deadline_at: "2029-12-01T11:00:00.000Z" });
  });

  it("nobody edits another buyer organisation's request, and members edit none", async () => {
    for (const cookie of [cookies.otherBuyer, cookies["member@example.org"]]) {
      const result = await responseOf(() =>
        editAction(args(formRequest(`/requests/${saladId}/edit`, saladForm({ changeNote: "x", title: "Hijacked" }), cookie), saladId)),
      );
      expect(status(result)).toBe(403);
      expect(status(await responseOf(() => pageAction(args(formRequest(`/requests/${saladId}`, { intent: "cancel" }, cookie), saladId))))).toBe(403);
    }
    const title = await db.selectFrom("request").select("title").where("id", "=", saladId).executeTakeFirstOrThrow();
    expect(title.title).toBe("Sallader till kommunens verksamheter, andra perioden");
  });

  it("drafts are seen only by their buyer organisation and coordinators, and never in open data", async () => {
    const id = await createDraft();
    expect(status(await responseOf(() => pageLoader(args(getRequest(`/requests/${id}`, cookies["buyer@example.org"]), id))))).toBe(200);
    expect(status(await responseOf(() => pageLoader(args(getRequest(`/requests/${id}`, cookies["coordinator@example.org"]), id))))).toBe(200);
    for (const cookie of [undefined, cookies["member@example.org"], cookies.otherBuyer]) {
      expect(status(await responseOf(() => pageLoader(args(getRequest(`/requests/${id}`, cookie), id))))).toBe(404);
      expect(status(await responseOf(() => editLoader(args(getRequest(`/requests/${id}/edit`, cookie), id))))).not.toBe(200);
    }
    expect(status(await responseOf(() => ocdsLoader(args(getRequest(`/requests/${id}/ocds.json`), id))))).toBe(404);
    const pkg = await ((await packageLoader(args(getRequest("/requests/ocds.json")))) as Response).json();
    expect(pkg.releases.map((r: { tender?: { id: string } }) => r.tender?.id)).not.toContain(String(id));
    const list = (await listLoader(args(getRequest("/requests", cookies["member@example.org"])))) as { result: { items: { id: number }[] } };
    expect(list.result.items.map((i) => i.id)).not.toContain(id);
  });
});

describe("responses", () => {
  const respond = (cookie: string, organisationId: number, fields: Record<string, string> = {}, id = saladId) =>
    responseOf(() =>
      responsesAction(
        args(
          formRequest(
            `/requests/${id}/responses`,
            { intent: "respond", organisationId: String(organisationId), interest: "yes", version: "0", ...fields },
            cookie,
          ),
          id,
        ),
      ),
    );

  it("a buyer cannot respond, and a member cannot respond for another organisation", async () => {
    const eos = await organisationIdBySlug(db, "eoscares");
    const buyerOrg = await organisationIdBySlug(db, "lunds-kommun-upphandlingsenheten");
    expect(status(await respond(cookies["buyer@example.org"], buyerOrg))).toBe(403);
    expect(status(await respond(cookies.otherBuyer, buyerOrg))).toBe(403);
    expect(status(await respond(cookies["member@example.org"], eos))).toBe(403);
  });

  it("one organisation's response is seen by it, the buyer and coordinators, never by competitors or other buyers", async () => {
    const see = async (cookie: string | undefined) =>
      ((await pageLoader(args(getRequest(`/requests/${saladId}`, cookie), saladId))) as { responses: { organisationName: string }[] }).responses.map(
        (r) => r.organisationName,
      );
    expect(await see(cookies["eoscares@example.org"])).toEqual(["EosCares"]);
    expect(await see(cookies["buyer@example.org"])).toContain("EosCares");
    expect(await see(cookies["coordinator@example.org"])).toContain("EosCares");
    expect(await see(cookies["member@example.org"])).not.toContain("EosCares");
    expect(await see(cookies.otherBuyer)).toEqual([]);
    expect(await see(undefined)).toEqual([]);
    expect(status(await responseOf(() => csvLoader(args(getRequest(`/requests/${saladId}/responses.csv`, cookies.otherBuyer), saladId))))).toBe(403);
    expect(status(await responseOf(() => csvLoader(args(getRequest(`/requests/${saladId}/responses.csv`, cookies["member@example.org"]), saladId))))).toBe(403);
  });

  it("after the deadline the server refuses to take, change or withdraw a response, whatever is sent", async () => {
    const fontanhuset = await organisationIdBySlug(db, "fontanhuset-lund");
    const before = await db
      .selectFrom("request_response")
      .select(["interest", "version"])
      .where("request_id", "=", rfiId)
      .where("organisation_id", "=", fontanhuset)
      .executeTakeFirstOrThrow();
    const result = (await answerOf(() => respond(cookies["member@example.org"], fontanhuset, { interest: "no", version: String(before.version) }, rfiId))) as {
      status: number;
      data: Refused;
    };
    expect(result.status).toBe(409);
    expect(messagesOf(result.data)[""]).toBe("requests.response.closed");
    const withdraw = await answerOf(() =>
      responsesAction(
        args(formRequest(`/requests/${rfiId}/responses`, { intent: "withdraw", organisationId: String(fontanhuset) }, cookies["member@example.org"]), rfiId),
      ),
    );
    expect(withdraw.status).toBe(409);
    const asked = await answerOf(() =>
      qaAction(args(formRequest(`/requests/${rfiId}/qa`, { intent: "ask", question: "Late?" }, cookies["member@example.org"]), rfiId)),
    );
    expect(asked.status).toBe(409);
    const after = await db
      .selectFrom("request_response")
      .select(["interest", "version"])
      .where("request_id", "=", rfiId)
      .where("organisation_id", "=", fontanhuset)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it("two members of one organisation: the last save wins and tells that it replaced the other's change", async () => {
    const fontanhuset = await organisationIdBySlug(db, "fontanhuset-lund");
    const [line] = await db.selectFrom("demand_line").select("id").where("request_id", "=", saladId).orderBy("position").execute();
    expect(status(await respond(cookies["member@example.org"], fontanhuset, { [`capacity.${line.id}`]: "30" }))).toBe(302);
    // Both open version 1; the first saves version 2, the second saves from version 1.
    const toastOf = (response: Response) => JSON.parse(Buffer.from(/toast=([^;]+)/.exec(response.headers.get("Set-Cookie")!)![1], "base64url").toString());
    const first = (await respond(cookies["member@example.org"], fontanhuset, { version: "1", [`capacity.${line.id}`]: "40" })) as Response;
    expect(toastOf(first).key).toBe("requests.response.saved");
    const second = (await respond(cookies.memberTwo, fontanhuset, { version: "1", [`capacity.${line.id}`]: "55" })) as Response;
    expect(toastOf(second)).toMatchObject({ key: "requests.response.overwrote", vars: { name: "Maria Medlem" } });
    const stored = await db
      .selectFrom("request_response")
      .innerJoin("response_capacity", "response_capacity.response_id", "request_response.id")
      .select(["version", "quantity"])
      .where("request_id", "=", saladId)
      .where("organisation_id", "=", fontanhuset)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ version: 3, quantity: 55 });
    const buyerNotes = await db
      .selectFrom("notification")
      .innerJoin("user", "user.id", "notification.user_id")
      .select("message_key")
      .where("user.email", "=", "buyer@example.org")
      .where("message_key", "=", "requests.notify.response")
      .execute();
    expect(buyerNotes.length).toBeGreaterThanOrEqual(3);
  });

  it("the buyer's CSV has a BOM, every response, and neutralised formulas", async () => {
    const fontanhuset = await organisationIdBySlug(db, "fontanhuset-lund");
    await respond(cookies["member@example.org"], fontanhuset, { version: "3", message: '=HYPERLINK("http://evil")' });
    const response = (await csvLoader(args(getRequest(`/requests/${saladId}/responses.csv`, cookies["buyer@example.org"]), saladId))) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("EosCares");
    expect(text).toContain("Fontänhuset Lund");
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});

describe("demand lines as lots", () => {
  it("are lots when the buyer ticks the box, on a procurement but not an RFI, and stay as they were once published", async () => {
    const rfi = (await answerOf(() =>
      newAction(args(formRequest("/requests/new", saladForm({ kind: "rfi", linesAreLots: "on" }), cookies["buyer@example.org"]))),
    )) as {
      status: number;
      data: Refused;
    };
    expect(rfi.status).toBe(400);
    expect(messagesOf(rfi.data)).toEqual({ linesAreLots: "form.request.lotsNotRfi" });
    expect(rfi.data.reply.initialValue).toMatchObject({ linesAreLots: "on", title: "Sallader till skolor" });

    const created = await newAction(args(formRequest("/requests/new", saladForm({ linesAreLots: "on" }), cookies["buyer@example.org"])));
    expect(status(created)).toBe(302);
    const id = Number((created as Response).headers.get("Location")!.split("/").pop());
    const lots = async (requestId: number) =>
      (await db.selectFrom("request").select("lines_are_lots").where("id", "=", requestId).executeTakeFirstOrThrow()).lines_are_lots;
    expect(await lots(id)).toBe(true);
    expect(await lots(await createDraft())).toBe(false);
    const form = (await editLoader(args(getRequest(`/requests/${id}/edit`, cookies["buyer@example.org"]), id))) as { values: { linesAreLots: boolean } };
    expect(form.values.linesAreLots).toBe(true);
    const page = (await pageLoader(args(getRequest(`/requests/${id}`, cookies["buyer@example.org"]), id))) as { request: { linesAreLots: boolean } };
    expect(page.request.linesAreLots).toBe(true);

    // Once published the box is disabled and not sent: an edit keeps the lots.
    expect(status(await pageAction(args(formRequest(`/requests/${id}`, { intent: "publish" }, cookies["buyer@example.org"]), id)))).toBe(302);
    const [line] = await db.selectFrom("demand_line").select("id").where("request_id", "=", id).execute();
    const edited = await editAction(
      args(
        formRequest(
          `/requests/${id}/edit`,
          saladForm({ "lines[0].id": String(line.id), title: "Sallader till skolorna", changeNote: "Stavfel." }),
          cookies["buyer@example.org"],
        ),
        id,
      ),
    );
    expect(status(edited)).toBe(302);
    expect(await lots(id)).toBe(true);
  });
});

describe("life cycle, corrections and amendments", () => {
  it("publishing notifies members whose capacity fits; an amendment notifies respondents; a correction is a dated note", async () => {
    const id = await createDraft();
    const notes = () => db.selectFrom("notification").select(["user_id", "message_key"]).where("link", "like", `/requests/${id}%`).execute();
    expect(status(await pageAction(args(formRequest(`/requests/${id}`, { intent: "publish" }, cookies["buyer@example.org"]), id)))).toBe(302);
    const member = await db.selectFrom("user").select("id").where("email", "=", "member@example.org").executeTakeFirstOrThrow();
    const emmaus = await db.selectFrom("user").select("id").where("email", "=", "emmaus@example.org").executeTakeFirstOrThrow();
    const published = (await notes()).filter((n) => n.message_key === "requests.notify.published").map((n) => n.user_id);
    // Emmaus's salads (prepared meals, any day, no end date) fit the 2030 salad line; Fontänhuset's
    // catering capacity is declared for 2026 only, so it is not told (decision 018).
    expect(published).toContain(emmaus.id);
    expect(published).not.toContain(member.id);
    const fontanhuset = await organisationIdBySlug(db, "fontanhuset-lund");
    await responsesAction(
      args(
        formRequest(
          `/requests/${id}/responses`,
          { intent: "respond", organisationId: String(fontanhuset), interest: "maybe", version: "0" },
          cookies["member@example.org"],
        ),
        id,
      ),
    );
    const [line] = await db.selectFrom("demand_line").select("id").where("request_id", "=", id).execute();
    const edit = (fields: Record<string, string | string[]>) =>
      responseOf(() =>
        editAction(args(formRequest(`/requests/${id}/edit`, saladForm({ "lines[0].id": String(line.id), ...fields }), cookies["buyer@example.org"]), id)),
      );

    const noNote = (await answerOf(() => edit({ title: "Sallader till skolorna" }))) as { status: number; data: Refused };
    expect(noNote.status).toBe(400);
    expect(messagesOf(noNote.data).changeNote).toBe("form.request.changeNote");
    expect(status(await edit({ title: "Sallader till skolorna", changeNote: "Stavfel i rubriken." }))).toBe(302);
    expect(status(await edit({ title: "Sallader till skolorna", "lines[0].quantity": "150", changeNote: "Fler portioner." }))).toBe(302);
    const changes = await db.selectFrom("request_change").select(["kind", "note"]).where("request_id", "=", id).orderBy("id").execute();
    expect(changes).toEqual([
      { kind: "correction", note: "Stavfel i rubriken." },
      { kind: "amendment", note: "Fler portioner." },
    ]);
    const fontanhusetMembers = (await db.selectFrom("membership").select("user_id").where("organisation_id", "=", fontanhuset).execute()).map((m) => m.user_id);
    const amendmentNotes = (await notes()).filter((n) => n.message_key === "requests.notify.amendment").map((n) => n.user_id);
    expect(amendmentNotes).toContain(member.id);
    expect(amendmentNotes.sort()).toEqual(fontanhusetMembers.sort());
    // The line kept its id, so the response's capacity still refers to it.
    expect(await db.selectFrom("demand_line").select(["id", "quantity"]).where("request_id", "=", id).execute()).toEqual([{ id: line.id, quantity: 150 }]);

    // The award names the winner, the value and the period (requests.$id_.award); the request page has no award of its own.
    const awardTo = { winner: `organisation-${fontanhuset}`, value: "250000", contractFrom: "2031-01-06", contractTo: "2031-06-30" };
    expect(status(await responseOf(() => pageAction(args(formRequest(`/requests/${id}`, { intent: "award" }, cookies["buyer@example.org"]), id))))).toBe(400);
    expect((await answerOf(() => awardAction(args(formRequest(`/requests/${id}/award`, awardTo, cookies["buyer@example.org"]), id)))).status).toBe(409);
    expect((await db.selectFrom("request").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("published");
    await pageAction(args(formRequest(`/requests/${id}`, { intent: "close" }, cookies["buyer@example.org"]), id));
    expect((await answerOf(() => awardAction(args(formRequest(`/requests/${id}/award`, awardTo, cookies["buyer@example.org"]), id)))).status).toBe(302);
    expect((await db.selectFrom("request").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("awarded");
    // The audit log holds who did each of these changes.
    const buyer = await db.selectFrom("user").select("id").where("email", "=", "buyer@example.org").executeTakeFirstOrThrow();
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_user_id", "action"])
      .where("entity", "=", "request")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["created", "published", "correction", "amendment", "closed", "awarded"]);
    expect(new Set(audit.map((a) => a.actor_user_id))).toEqual(new Set([buyer.id]));
    expect(status(await responseOf(() => editLoader(args(getRequest(`/requests/${id}/edit`, cookies["buyer@example.org"]), id))))).toBe(403);
  });

  it("only the buyer answers questions, and every visitor sees the answer", async () => {
    const asked = await qaAction(
      args(formRequest(`/requests/${saladId}/qa`, { intent: "ask", question: "Glutenfritt?" }, cookies["eoscares@example.org"]), saladId),
    );
    expect(status(asked)).toBe(302);
    const q = await db.selectFrom("request_question").select("id").where("question", "=", "Glutenfritt?").executeTakeFirstOrThrow();
    expect(
      status(
        await responseOf(() =>
          qaAction(args(formRequest(`/requests/${saladId}/qa`, { intent: "ask", question: "Buyer asks" }, cookies["buyer@example.org"]), saladId)),
        ),
      ),
    ).toBe(403);
    expect(
      status(
        await responseOf(() =>
          qaAction(
            args(formRequest(`/requests/${saladId}/qa`, { intent: "answer", questionId: String(q.id), answer: "Nej" }, cookies["member@example.org"]), saladId),
          ),
        ),
      ),
    ).toBe(403);
    expect(
      status(
        await responseOf(() =>
          qaAction(args(formRequest(`/requests/${saladId}/qa`, { intent: "answer", questionId: String(q.id), answer: "Ja" }, cookies.otherBuyer), saladId)),
        ),
      ),
    ).toBe(403);
    expect(
      status(
        await qaAction(
          args(
            formRequest(`/requests/${saladId}/qa`, { intent: "answer", questionId: String(q.id), answer: "Ja, två av tio." }, cookies["buyer@example.org"]),
            saladId,
          ),
        ),
      ),
    ).toBe(302);
    const page = (await pageLoader(args(getRequest(`/requests/${saladId}`), saladId))) as { qa: { question: string; answer: string | null }[] };
    expect(page.qa).toContainEqual(expect.objectContaining({ question: "Glutenfritt?", answer: "Ja, två av tio." }));
  });
});
