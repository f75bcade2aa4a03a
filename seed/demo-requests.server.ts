import type { DB } from "../db/client.server";
import { createUser } from "../app/models/user.server";
import { createRequest, transitionRequest } from "../app/models/request.server";
import { answerQuestion, askQuestion, saveResponse } from "../app/models/request-response.server";
import type { RequestInput } from "../app/forms/request-form";
import { stockholmToUtc } from "../app/domain/lund-time";
import { demoPassword } from "./demo-network";

/**
 * Demo requests, all marked as examples and dated from the day the demo is loaded: the
 * salad-catering reserved procurement of Lunds kommun – Upphandlingsenheten, open for responses;
 * the RFI that preceded it, closed, with questions and answers and responses from four members;
 * and the pilot's other procurements as requests with employment requirements.
 */
export const demoRequestAccounts = [
  { email: "eoscares@example.org", name: "Elin Eos", organisation: "EosCares" },
  { email: "iris@example.org", name: "Ivar Kraft", organisation: "Iris Kraft" },
  { email: "erikshjalpen@example.org", name: "Erik Hjälp", organisation: "Erikshjälpen Second Hand Lund" },
];

function day(offset: number, from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + offset));
  return d.toISOString().slice(0, 10);
}

/** The Monday on or after a date, so delivery periods start at the beginning of a week. */
function mondayFrom(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const wd = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  return day((8 - wd) % 7, d);
}

const contact = { contactName: "Bertil Inköpare", contactEmail: "upphandling@lund.example.org", contactPhone: "046-35 50 00" };
const mondayToThursday = [1, 2, 3, 4];

export async function seedDemoRequests(db: DB): Promise<void> {
  const outboxBefore = await db
    .selectFrom("email_outbox")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  const orgId = async (name: string) => (await db.selectFrom("organisation").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  const userId = async (email: string) => (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

  for (const account of demoRequestAccounts) {
    const created = await createUser({ db, email: account.email, name: account.name, password: demoPassword });
    if (!created) continue;
    await db
      .insertInto("membership")
      .values({
        user_id: created.id,
        organisation_id: await orgId(account.organisation),
        role: "owner",
        status: "active",
        created_at: new Date().toISOString(),
      })
      .execute();
  }
  const buyerOrg = await orgId("Lunds kommun – Upphandlingsenheten");
  const buyer = await userId("buyer@example.org");
  const members = {
    fontanhuset: { org: await orgId("Fontänhuset Lund"), user: await userId("member@example.org") },
    eoscares: { org: await orgId("EosCares"), user: await userId("eoscares@example.org") },
    iris: { org: await orgId("Iris Kraft"), user: await userId("iris@example.org") },
    erikshjalpen: { org: await orgId("Erikshjälpen Second Hand Lund"), user: await userId("erikshjalpen@example.org") },
  };

  const request = (input: Omit<RequestInput, "deadlineDate" | "deadlineTime" | "changeNote" | "questions"> & { questions?: string[] }): RequestInput => {
    const { date, time } = { date: input.deadlineAt.slice(0, 10), time: "12:00" };
    return { ...input, deadlineDate: date, deadlineTime: time, changeNote: "", questions: input.questions ?? [] };
  };
  const publish = async (input: RequestInput) => {
    const id = await createRequest({ db, buyerOrganisationId: buyerOrg, userId: buyer, input, isExample: true });
    await transitionRequest({ db, requestId: id, buyerOrganisationId: buyerOrg, userId: buyer, action: "publish" });
    return id;
  };

  // The catering requests' salads are prepared meals: bought as catering, made by kitchens that
  // register either code (decision 018).
  const preparedMeals = "15894200-3";

  // 1. The RFI that came first: published, answered by four members, then closed a month ago.
  const sites = ["Stadshuset", "Kristallen", "Brunnshögs förskola"];
  const rfiId = await publish(
    request({
      kind: "rfi",
      title: "Informationsförfrågan: sallader till kommunens verksamheter",
      description:
        "Lunds kommun förbereder en reserverad upphandling (LOU 4 kap. 18 §) av sallader till kommunens arbetsplatser. Vi vill veta hur många portioner nätverket kan leverera, vilka dagar och till vilka platser.",
      cpvCode: "55520000-1",
      periodFrom: day(60),
      periodTo: day(240),
      deadlineAt: stockholmToUtc(day(1), "12:00")!,
      ...contact,
      lines: [{ id: null, item: "Sallad, dagens", unit: "portions", quantity: 150, site: "Stadshuset", cpvCode: preparedMeals, weekdays: mondayToThursday }],
      questions: ["Hur många portioner kan ni leverera per dag?", "Vilka leveransdagar passar er?", "Kan ni leverera i återanvändbara förpackningar?"],
    }),
  );
  const [rfiLine] = await db.selectFrom("demand_line").select("id").where("request_id", "=", rfiId).execute();
  const rfiQuestions = await db.selectFrom("rfi_question").select(["id", "position"]).where("request_id", "=", rfiId).orderBy("position").execute();
  const rfiAnswers: [keyof typeof members, "yes" | "maybe", number, string[], string][] = [
    ["fontanhuset", "yes", 60, ["Omkring 60 portioner.", "Måndag till torsdag.", "Ja, vi har egna lådor."], "Vårt kök lagar gärna sallader till Stadshuset."],
    ["eoscares", "yes", 50, ["50 portioner.", "Måndag–onsdag, torsdag efter överenskommelse.", "Ja."], "Vi har erfarenhet av catering till kommunen."],
    ["iris", "maybe", 20, ["20, fler med mer personal.", "Tisdag och torsdag.", "Behöver undersökas."], "Vi kan bidra med transport och en mindre volym."],
    ["erikshjalpen", "maybe", 0, ["Ingen matlagning i dag, men leveranser.", "Alla vardagar.", "Ja."], "Vi kan köra ut salladerna med våra bilar."],
  ];
  for (const [key, interest, quantity, answers, message] of rfiAnswers) {
    await saveResponse({
      db,
      requestId: rfiId,
      organisationId: members[key].org,
      userId: members[key].user,
      input: {
        organisationId: members[key].org,
        interest,
        message,
        version: 0,
        capacity: { [rfiLine.id]: quantity },
        answers: Object.fromEntries(rfiQuestions.map((q, i) => [q.id, answers[i]])),
      },
    });
  }
  const asked = await askQuestion({
    db,
    requestId: rfiId,
    userId: members.fontanhuset.user,
    question: "Ska salladerna vara vegetariska eller får de innehålla kött och fisk?",
  });
  if (asked.ok) {
    await answerQuestion({
      db,
      requestId: rfiId,
      buyerOrganisationId: buyerOrg,
      questionId: asked.id,
      userId: buyer,
      answer: "Minst hälften vegetariska; resten får innehålla kyckling eller fisk.",
    });
  }
  await askQuestion({ db, requestId: rfiId, userId: members.iris.user, question: "Kan flera organisationer lämna ett gemensamt anbud?" }).then(async (q) => {
    if (q.ok)
      await answerQuestion({
        db,
        requestId: rfiId,
        buyerOrganisationId: buyerOrg,
        questionId: q.id,
        userId: buyer,
        answer: "Ja, ett gemensamt anbud via nätverket är välkommet.",
      });
  });
  const thirtyDaysAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
  await db
    .updateTable("request")
    .set({ status: "closed", deadline_at: thirtyDaysAgo, closed_at: thirtyDaysAgo, published_at: new Date(Date.now() - 60 * 86_400_000).toISOString() })
    .where("id", "=", rfiId)
    .execute();
  await db.updateTable("request_response").set({ is_example: true }).where("request_id", "=", rfiId).execute();
  await db.updateTable("request_question").set({ is_example: true }).where("request_id", "=", rfiId).execute();

  // 2. The salad-catering reserved procurement that followed the RFI, for the weeks up to the
  // next period's. Published open here: the tender demo has the consortium bid on it, then moves
  // its dates back to when it ran and awards it, so its contract has begun.
  const saladLinesInput: RequestInput["lines"] = [
    { id: null, item: "Sallad, dagens", unit: "portions", quantity: 120, site: sites[0], cpvCode: preparedMeals, weekdays: mondayToThursday },
    { id: null, item: "Sallad, vegetarisk", unit: "portions", quantity: 60, site: sites[1], cpvCode: preparedMeals, weekdays: mondayToThursday },
    { id: null, item: "Sallad, dagens", unit: "portions", quantity: 40, site: sites[2], cpvCode: preparedMeals, weekdays: [1, 3] },
  ];
  const start = mondayFrom(day(45));
  const awardedStart = mondayFrom(day(-7));
  await publish(
    request({
      kind: "reserved",
      title: "Sallader till kommunens verksamheter",
      description:
        "Reserverad upphandling enligt LOU 4 kap. 18 §: dagens sallad till tre av kommunens arbetsplatser, måndag till torsdag. Svara med hur många portioner per leverans ni kan leverera till varje plats.",
      cpvCode: "55520000-1",
      periodFrom: awardedStart,
      periodTo: day(-3, new Date(`${start}T12:00:00Z`)),
      deadlineAt: stockholmToUtc(day(21), "12:00")!,
      ...contact,
      lines: saladLinesInput,
    }),
  );
  // 2b. Its next period, open for three weeks from today: the joint bid still planned on it shows
  // the planner's walkthrough and what blocks a bid (decision 023), beside a member's response.
  const saladId = await publish(
    request({
      kind: "reserved",
      title: "Sallader till kommunens verksamheter, andra perioden",
      description:
        "Reserverad upphandling enligt LOU 4 kap. 18 §, salladsupphandlingens andra period: dagens sallad till tre av kommunens arbetsplatser, måndag till torsdag. Svara med hur många portioner per leverans ni kan leverera till varje plats.",
      cpvCode: "55520000-1",
      periodFrom: start,
      periodTo: day(180, new Date(`${start}T12:00:00Z`)),
      deadlineAt: stockholmToUtc(day(21), "12:00")!,
      ...contact,
      lines: saladLinesInput,
    }),
  );
  const saladLines = await db.selectFrom("demand_line").select("id").where("request_id", "=", saladId).orderBy("position").execute();
  await saveResponse({
    db,
    requestId: saladId,
    organisationId: members.eoscares.org,
    userId: members.eoscares.user,
    input: {
      organisationId: members.eoscares.org,
      interest: "yes",
      message: "Vi tar Stadshuset.",
      version: 0,
      capacity: { [saladLines[0].id]: 80 },
      answers: {},
    },
  });
  await db.updateTable("request_response").set({ is_example: true }).where("request_id", "=", saladId).execute();

  // 3. The pilot's other procurements, with employment requirements.
  const pilot: {
    title: string;
    description: string;
    cpvCode: string;
    item: string;
    unit: RequestInput["lines"][number]["unit"];
    quantity: number;
    site: string;
    weekdays: number[];
    deadline: number;
  }[] = [
    {
      title: "Stensättning och markarbeten i parker",
      description: "Upphandling med sysselsättningskrav genom dialog: stensättning av gångar och uteplatser i kommunens parker.",
      cpvCode: "45233222-1",
      item: "Stensättning av gångar",
      unit: "square_metres",
      quantity: 40,
      site: "Stadsparken",
      weekdays: [1, 2, 3, 4, 5],
      deadline: 28,
    },
    {
      title: "Sotning och brandskyddskontroll",
      description: "Upphandling med sysselsättningskrav genom dialog: sotning och brandskyddskontroll i kommunens fastigheter.",
      cpvCode: "90915000-4",
      item: "Sotning och brandskyddskontroll",
      unit: "visits",
      quantity: 6,
      site: "Kommunens fastigheter",
      weekdays: [2, 4],
      deadline: 35,
    },
    {
      title: "Byggentreprenad med sysselsättningskrav",
      description:
        "En extern byggentreprenör ska enligt kontraktet anställa personer långt från arbetsmarknaden; underentreprenader söks för målning och städning.",
      cpvCode: "45210000-2",
      item: "Byggstädning",
      unit: "hours",
      quantity: 16,
      site: "Brunnshög",
      weekdays: [1, 2, 3, 4, 5],
      deadline: 10,
    },
  ];
  for (const p of pilot) {
    await publish(
      request({
        kind: "employment_requirement",
        title: p.title,
        description: p.description,
        cpvCode: p.cpvCode,
        periodFrom: day(p.deadline + 30),
        periodTo: day(p.deadline + 400),
        deadlineAt: stockholmToUtc(day(p.deadline), "12:00")!,
        ...contact,
        lines: [{ id: null, item: p.item, unit: p.unit, quantity: p.quantity, site: p.site, cpvCode: null, weekdays: p.weekdays }],
      }),
    );
  }
  await db.updateTable("request").set({ is_example: true }).where("buyer_organisation_id", "=", buyerOrg).execute();
  // The demo's notifications stay under the bell; its e-mails are not sent.
  await db
    .deleteFrom("email_outbox")
    .where("id", ">", Number(outboxBefore?.id ?? 0))
    .execute();
}
