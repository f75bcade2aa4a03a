/**
 * A buyer's request and the joint bids on it, with the mailbox of a real SMTP server open beside
 * them: a public question reaches the buyer; the answer reaches everyone who showed interest (every
 * respondent's members, every bid participant's members and whoever asked), not only the asker; a
 * bid's notices name the bid, its lead and the request; an amendment carries what changed and the
 * buyer's note to every respondent and to everyone in each bid on it. After each step, nobody else
 * got a message. The browser reaches the server at its own address while links are made from
 * PUBLIC_URL: every link in every e-mail, the calendar feed and the OCDS package, asked for with
 * a hostile Host header, lead to PUBLIC_URL.
 */
import http from "node:http";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sv } from "../../app/locales/sv";
import { serverTranslator } from "../../app/utils/messages.server";
import { type DB, openDatabase } from "../../db/client.server";
import { logIn, newContext, waitForHydration, watchPageErrors } from "./support/browser";
import { addresses, mailsDuring, readMail } from "./support/mail";
import { publicUrl, useServerBrowserAndMailbox } from "./support/suite";
import { plannedSaladRequestTitle } from "../../seed/demo-bids.server";

const suite = useServerBrowserAndMailbox();
let db: DB;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
const t = serverTranslator("sv");
const subject = (line: string) => `${line} | Social Trade Lund`;
const mailsOf = (count: number, step: () => Promise<void>) => mailsDuring(suite.smtp, count, step);
// The demo's salad request still open for answers (the first one is already awarded).
const title = plannedSaladRequestTitle;
let requestId: number;

beforeAll(async () => {
  db = openDatabase(suite.server.database);
  requestId = (await db.selectFrom("request").select("id").where("title", "=", title).where("status", "=", "published").executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await db?.destroy();
});

async function signedIn(email: string): Promise<Page> {
  const context = await newContext(suite.browser, suite.server.baseUrl);
  contexts.push(context);
  const page = await context.newPage();
  errors.push(...watchPageErrors(page).errors);
  await logIn(page, email);
  return page;
}

/** The addresses, taking e-mail, of the active members of organisations, read from the database. */
async function membersOf(organisationIds: number[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom("membership")
    .innerJoin("user", "user.id", "membership.user_id")
    .select("user.email")
    .where("membership.organisation_id", "in", organisationIds)
    .where("membership.status", "=", "active")
    .where("user.email_notifications", "=", true)
    .execute();
  return rows.map((r) => r.email);
}

async function emailsOf(userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom("user").select("email").where("id", "in", userIds).where("email_notifications", "=", true).execute();
  return rows.map((r) => r.email);
}

const sorted = (emails: string[]) => [...new Set(emails)].sort();

async function organisationId(name: string): Promise<number> {
  return (await db.selectFrom("organisation").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
}

describe("questions and answers", () => {
  test("a question reaches the buyer; the answer reaches every respondent, every bid participant and the asker, nobody else", async () => {
    const question = "Får salladerna levereras i returlådor?";
    const answer = "Ja, kommunen diskar och lämnar tillbaka lådorna.";
    const iris = await signedIn("iris@example.org");
    await iris.goto(`/requests/${requestId}`);
    await waitForHydration(iris);
    const buyers = await db
      .selectFrom("user_role")
      .innerJoin("membership", "membership.user_id", "user_role.user_id")
      .innerJoin("request", "request.buyer_organisation_id", "membership.organisation_id")
      .select("user_role.user_id")
      .where("user_role.role", "=", "buyer")
      .where("membership.status", "=", "active")
      .where("request.id", "=", requestId)
      .execute();
    const buyerAddresses = sorted(await emailsOf(buyers.map((b) => b.user_id)));
    const asked = await mailsOf(buyerAddresses.length, async () => {
      const qa = iris.getByRole("region", { name: sv["requests.qa"], exact: true });
      await qa.getByRole("textbox", { name: sv["requests.qa.question"] }).fill(question);
      await qa.getByRole("button", { name: sv["requests.qa.ask"], exact: true }).click();
      await iris.getByText(sv["requests.qa.asked"], { exact: true }).waitFor();
    });
    expect(asked.map((m) => m.to[0])).toEqual(buyerAddresses);
    for (const mail of asked) {
      expect(mail.subject).toBe(subject(t("requests.notify.question", { title })));
      expect(mail.text).toContain(t("requests.notice.question", { question }));
    }

    // Who showed interest, read from the tables: responding organisations, organisations in a bid
    // on the request that did not decline, and whoever asked; not the buyer who answers.
    const responding = await db.selectFrom("request_response").select("organisation_id").where("request_id", "=", requestId).execute();
    const bidding = await db
      .selectFrom("joint_bid_participant")
      .innerJoin("joint_bid", "joint_bid.id", "joint_bid_participant.bid_id")
      .select("joint_bid_participant.organisation_id")
      .where("joint_bid.request_id", "=", requestId)
      .where("joint_bid_participant.status", "!=", "declined")
      .execute();
    const askers = await db.selectFrom("request_question").select("asked_by").where("request_id", "=", requestId).execute();
    const expected = sorted([
      ...(await membersOf([...responding, ...bidding].map((r) => r.organisation_id))),
      ...(await emailsOf(askers.map((a) => a.asked_by!).filter(Boolean))),
    ]).filter((email) => email !== "buyer@example.org");
    expect(expected).toContain("iris@example.org");
    expect(expected.length, "more than the asker and the respondents hear of it").toBeGreaterThan(2);

    const buyer = await signedIn("buyer@example.org");
    await buyer.goto(`/requests/${requestId}`);
    await waitForHydration(buyer);
    const answered = await mailsOf(expected.length, async () => {
      const thread = buyer.getByRole("region", { name: sv["requests.qa"], exact: true });
      await thread.getByRole("textbox", { name: sv["requests.qa.answerLabel"] }).fill(answer);
      await thread.getByRole("button", { name: sv["requests.qa.answerSubmit"], exact: true }).click();
      await buyer.getByText(sv["requests.qa.answered"], { exact: true }).waitFor();
    });
    expect(answered.map((m) => m.to[0])).toEqual(expected);
    for (const mail of answered) {
      expect(mail.subject).toBe(subject(t("requests.notify.answer", { title })));
      expect(mail.text).toContain(t("requests.notice.question", { question }));
      expect(mail.text).toContain(t("requests.notice.answer", { answer }));
      expect(mail.text).toContain(`${publicUrl}/requests/${requestId}#qa`);
    }
  });
});

describe("a joint bid's notices", () => {
  test("name the bid, its lead and the request: the lead and the invited hear of the start, the lead hears who accepted and confirmed", async () => {
    const coordinator = await signedIn("coordinator@example.org");
    await coordinator.goto(`/bids/new?request=${requestId}`);
    await waitForHydration(coordinator);
    await coordinator.getByRole("combobox", { name: sv["bids.new.lead"] }).selectOption({ label: "Fontänhuset Lund" });
    await coordinator.getByRole("checkbox", { name: "Emmaus Lund", exact: true }).check();
    const [fontanhuset, emmaus] = [
      sorted(await membersOf([await organisationId("Fontänhuset Lund")])),
      sorted(await membersOf([await organisationId("Emmaus Lund")])),
    ];
    expect(fontanhuset.length * emmaus.length).toBeGreaterThan(0);
    const started = await mailsOf(fontanhuset.length + emmaus.length, async () => {
      await coordinator.getByRole("button", { name: sv["bids.new.submit"] }).click();
      await coordinator.getByText(sv["bids.toast.started"], { exact: true }).waitFor();
    });
    const bidPath = new URL(coordinator.url()).pathname;
    const naming = { bid: `#${bidPath.split("/").pop()}`, lead: "Fontänhuset Lund", request: title };
    expect(started.map((m) => [m.to[0], m.subject]).sort()).toEqual(
      [...fontanhuset.map((to) => [to, subject(t("bids.notify.lead", naming))]), ...emmaus.map((to) => [to, subject(t("bids.notify.invited", naming))])].sort(),
    );
    for (const mail of started) expect(mail.text).toContain(`${publicUrl}${bidPath}`);

    // The lead's members and the coordinator who started it manage the bid.
    const managers = sorted([...fontanhuset, "coordinator@example.org"]);
    const member = await signedIn("emmaus@example.org");
    await member.goto(bidPath);
    await waitForHydration(member);
    const accepted = await mailsOf(managers.length, async () => {
      await member.getByRole("button", { name: sv["bids.accept"] }).click();
      await member.getByText(sv["bids.toast.accepted"], { exact: true }).waitFor();
    });
    expect(accepted.map((m) => [m.to[0], m.subject])).toEqual(
      managers.map((to) => [to, subject(t("bids.notify.accepted", { ...naming, organisation: "Emmaus Lund" }))]),
    );
    await waitForHydration(member);
    const confirmed = await mailsOf(managers.length, async () => {
      await member.getByRole("button", { name: sv["bids.confirm"] }).click();
      await member.getByText(sv["bids.toast.confirmed"], { exact: true }).waitFor();
    });
    expect(confirmed.map((m) => [m.to[0], m.subject])).toEqual(
      managers.map((to) => [to, subject(t("bids.notify.confirmed", { ...naming, organisation: "Emmaus Lund" }))]),
    );
  });
});

describe("an amendment", () => {
  test("carries what changed and the buyer's note to every respondent and to everyone in each bid on the request, nobody else", async () => {
    const note = "Stadshuset har färre anställda på plats under våren.";
    const respondents = sorted(
      await membersOf(
        (await db.selectFrom("request_response").select("organisation_id").where("request_id", "=", requestId).execute()).map((r) => r.organisation_id),
      ),
    );
    const bids = await db
      .selectFrom("joint_bid")
      .select(["id", "lead_organisation_id", "created_by"])
      .where("request_id", "=", requestId)
      .where("status", "not in", ["withdrawn", "lost"])
      .execute();
    const inBids: string[] = [];
    for (const bid of bids) {
      const participants = await db
        .selectFrom("joint_bid_participant")
        .select("organisation_id")
        .where("bid_id", "=", bid.id)
        .where("status", "in", ["invited", "accepted"])
        .execute();
      const everyone = sorted([
        ...(await membersOf([...participants.map((p) => p.organisation_id), ...(bid.lead_organisation_id ? [bid.lead_organisation_id] : [])])),
        ...(await emailsOf(bid.created_by ? [bid.created_by] : [])),
      ]);
      inBids.push(...everyone);
    }
    expect(bids.length).toBeGreaterThanOrEqual(2);

    const buyer = await signedIn("buyer@example.org");
    await buyer.goto(`/requests/${requestId}/edit`);
    await waitForHydration(buyer);
    const firstLine = buyer.getByRole("group", { name: t("requests.form.line", { n: 1 }), exact: true });
    await firstLine.getByRole("textbox", { name: sv["requests.form.quantity"] }).fill("100");
    await buyer.getByRole("textbox", { name: sv["requests.form.changeNote"] }).fill(note);
    const mails = await mailsOf(respondents.length + inBids.length, async () => {
      await buyer.getByRole("button", { name: sv["requests.form.save"], exact: true }).click();
      await buyer.getByText(sv["requests.saved"], { exact: true }).waitFor();
    });
    const bidNotices = mails.filter((m) => m.subject.startsWith(`”${title}” har ändrats, så planen för gemensamt anbud`));
    const requestNotices = mails.filter((m) => !bidNotices.includes(m));
    expect(requestNotices.map((m) => m.to[0])).toEqual(respondents);
    expect(bidNotices.map((m) => m.to[0]).sort()).toEqual([...inBids].sort());
    for (const mail of mails) {
      expect(mail.subject).toContain(`Köparens kommentar: ${note}`);
      expect(mail.subject).toContain("120 → 100");
    }
  });
});

/** A GET to the server with someone else's Host header, as a client that controls it sends one. */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, suite.server.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.get({ host: url.hostname, port: url.port, path: url.pathname, headers: { Host: host, "X-Forwarded-Host": host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

describe("absolute links", () => {
  test("in the calendar feed, a meeting's calendar file and the OCDS package come from PUBLIC_URL, whatever the Host header", async () => {
    const meeting = await db.selectFrom("meeting").select("id").where("status", "=", "scheduled").orderBy("id").executeTakeFirstOrThrow();
    for (const path of ["/meetings.ics", `/meetings/${meeting.id}/calendar.ics`, "/requests/ocds.json"]) {
      const { status, body } = await getWithHost(path, "evil.example");
      expect(status, path).toBe(200);
      expect(body, path).not.toContain("evil.example");
      const links = addresses(body.replace(/\r?\n[ \t]/g, "")).filter(
        (a) => !a.startsWith("http://standard.open-contracting.org") && !a.startsWith("https://standard.open-contracting.org"),
      );
      const own = links.filter((a) => a.startsWith(`${publicUrl}/`));
      expect(own.length, `links to PUBLIC_URL in ${path}`).toBeGreaterThan(0);
    }
    const ocds = JSON.parse((await getWithHost("/requests/ocds.json", "evil.example")).body) as { uri: string };
    expect(ocds.uri).toBe(`${publicUrl}/requests/ocds.json`);
  });

  test("in every e-mail of this file lead to PUBLIC_URL, not to the address the browser used", async () => {
    const mails = await Promise.all(suite.smtp.received.map((d) => readMail(d)));
    expect(mails.length).toBeGreaterThan(10);
    for (const mail of mails) {
      const links = addresses(mail.text);
      expect(links.length, `links in “${mail.subject}”`).toBeGreaterThan(0);
      for (const link of links) expect(link.startsWith(`${publicUrl}/`), `${link} in “${mail.subject}”`).toBe(true);
    }
    expect(errors).toEqual([]);
  });
});
