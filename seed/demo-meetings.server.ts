import type { DB } from "../db/client.server";
import { addCalendarDays, stockholmDate, stockholmLocalToUtc } from "../app/domain/lund-time";
import { addActionItem, saveMinutes, setActionStatus } from "../app/models/meeting-minutes.server";
import { createMeeting } from "../app/models/meeting.server";
import { recordAttendance, registerForMeeting } from "../app/models/meeting-registration.server";
import { createUser } from "../app/models/user.server";
import type { AgendaItemInput } from "../app/utils/meeting-forms";
import { demoPassword } from "./demo-network";

/**
 * The year's five network meetings, placed around the day the demo is loaded: three past (with
 * registrations, attendance, minutes and actions) and two upcoming, one of them full with a
 * waitlist. Agendas follow the network's life as the municipality's annual report tells it.
 * A few more member accounts (password `demo-password`) make the registrations.
 */
const extraMembers = [
  { email: "emmaus@example.org", name: "Elin Emmaus", organisation: "Emmaus Lund" },
  { email: "iris@example.org", name: "Ivar Iris", organisation: "Iris Kraft" },
  { email: "eoscares@example.org", name: "Eva Eos", organisation: "EosCares" },
  { email: "klinten@example.org", name: "Karl Klinten", organisation: "Klintens Webbauktioner" },
  { email: "skoopi@example.org", name: "Sara Skoopi", organisation: "Skoopi Skåne" },
];

export async function seedDemoMeetings(db: DB, now = new Date()): Promise<void> {
  const orgId = async (name: string) => (await db.selectFrom("organisation").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
  const userId = async (email: string) => (await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

  for (const m of extraMembers) {
    const created = await createUser({ db, email: m.email, name: m.name, password: demoPassword });
    if (!created) continue;
    await db
      .insertInto("membership")
      .values({ user_id: created.id, organisation_id: await orgId(m.organisation), role: "owner", status: "active", created_at: now.toISOString() })
      .execute();
  }

  const coordinator = await userId("coordinator@example.org");
  const coompanion = await orgId("Coompanion Skåne");
  const skoopi = await orgId("Skoopi Skåne");
  const municipality = await orgId("Lunds kommun – Arbetsmarknads- och socialförvaltningen");
  // The salad-catering request, when the requests demo has loaded it.
  const saladRequest = await db.selectFrom("request").select("id").where("title", "like", "%allad%").orderBy("id").executeTakeFirst();

  const today = stockholmDate(now);
  const at = (days: number, time: string) => stockholmLocalToUtc(`${addCalendarDays(today, days)}T${time}`)!;
  const item = (title: string, durationMinutes: number, requestId: number | null = null): AgendaItemInput => ({
    title,
    durationMinutes,
    requestId,
    jointBidId: null,
  });

  const meetings = [
    {
      days: -120,
      title: "Nätverksmöte: dialog om salladsupphandlingen",
      description: "Upphandlingsenheten berättar om den kommande reserverade upphandlingen av salladscatering och vill höra vad nätverket kan leverera.",
      place: "Stadshallen, Stortorget 7, Lund",
      conveners: [municipality, skoopi, coompanion],
      agenda: [
        item("Välkommen och runda", 15),
        item("Dialog om salladsupphandlingen (RFI) med upphandlingsenheten", 60, saladRequest?.id ?? null),
        item("Vad krävs för att lämna anbud tillsammans?", 30),
      ],
    },
    {
      days: -75,
      title: "Besök från Social Trade Göteborg",
      description: "Social Trade Göteborg berättar hur ett gemensamt säljbolag som ägs av de sociala företagen fördelar uppdrag efter beläggning.",
      place: "Fontänhuset Lund, Lund",
      conveners: [municipality, skoopi, coompanion],
      agenda: [item("Social Trade Göteborg: så fungerar ett gemensamt säljbolag", 60), item("Frågor och samtal", 30), item("Skulle det fungera i Lund?", 30)],
    },
    {
      days: -20,
      title: "Språkintroduktion för unga entreprenörer",
      description: "Hur nätverkets medlemmar kan ta emot unga med språkintroduktion, och vilket stöd som finns.",
      place: "Iris Kraft, Lund",
      online: "https://meet.example.org/natverket",
      conveners: [municipality, skoopi, coompanion],
      agenda: [
        item("Språkintroduktion: erfarenheter från medlemmarna", 45),
        item("Stöd från Arbetsmarknads- och socialförvaltningen", 30),
        item("Nästa steg", 15),
      ],
    },
    {
      days: 12,
      title: "Planering av det gemensamma anbudet",
      description: "Vi fördelar kapacitet per leveransställe och veckodag inför anbudet på salladscateringen.",
      place: "Coompanion Skåne, Lund",
      capacity: 4,
      conveners: [municipality, skoopi, coompanion],
      agenda: [item("Läget i salladsupphandlingen", 20, saladRequest?.id ?? null), item("Kapacitet per leveransställe", 60), item("Vem leder konsortiet?", 30)],
    },
    {
      days: 45,
      title: "Överlämning av sammankallandet",
      description: "Projektet avslutas: Coompanion Skåne och Skoopi Skåne tar över som sammankallande för nätverket.",
      place: "Stadshallen, Stortorget 7, Lund",
      online: "https://meet.example.org/natverket",
      conveners: [municipality, skoopi, coompanion],
      agenda: [
        item("Tillbakablick på projektåren 2021–2024", 30),
        item("Överlämningen till Coompanion Skåne och Skoopi Skåne", 45),
        item("Mötesplan för nästa år", 30),
      ],
    },
  ];

  const ids: number[] = [];
  for (const m of meetings) {
    const result = await createMeeting({
      db,
      userId: coordinator,
      isExample: true,
      input: {
        title: m.title,
        description: m.description,
        startsAt: at(m.days, "10:00"),
        endsAt: at(m.days, "12:30"),
        registrationDeadline: at(m.days - 3, "23:59"),
        place: m.place,
        onlineUrl: m.online ?? null,
        capacity: m.capacity ?? 30,
        sendReminder: true,
        convenerIds: m.conveners,
        agenda: m.agenda,
      },
    });
    if (!result.ok) throw new Error(`Demo meeting ${m.title}: ${result.error}`);
    ids.push(result.id);
  }

  const registrants = [
    { email: "member@example.org", organisation: "Fontänhuset Lund", needs: "Vegetarisk" },
    { email: "emmaus@example.org", organisation: "Emmaus Lund", needs: null },
    { email: "iris@example.org", organisation: "Iris Kraft", needs: "Rullstolsplats" },
    { email: "eoscares@example.org", organisation: "EosCares", needs: null },
    { email: "klinten@example.org", organisation: "Klintens Webbauktioner", needs: "Glutenfritt" },
    { email: "skoopi@example.org", organisation: "Skoopi Skåne", needs: null },
    { email: "buyer@example.org", organisation: "Lunds kommun – Upphandlingsenheten", needs: null },
  ];
  const register = async (meetingIndex: number, who: (typeof registrants)[number]) => {
    const registeredAt = new Date(new Date(at(meetings[meetingIndex].days, "10:00")).getTime() - 10 * 24 * 3600 * 1000);
    const result = await registerForMeeting({
      db,
      meetingId: ids[meetingIndex],
      userId: await userId(who.email),
      organisationId: await orgId(who.organisation),
      needs: who.needs ?? "",
      now: registeredAt,
    });
    if (!result?.ok) throw new Error(`Demo registration ${who.email}`);
  };

  // The past meetings: who registered, who came, minutes and actions.
  const past = [
    { index: 0, people: [0, 1, 2, 3, 6], attended: [0, 1, 2, 6] },
    { index: 1, people: [0, 1, 2, 3, 4, 5], attended: [0, 2, 3, 4, 5] },
    { index: 2, people: [0, 2, 4, 5], attended: [0, 2, 5] },
  ];
  for (const p of past) {
    for (const i of p.people) await register(p.index, registrants[i]);
    const rows = await db
      .selectFrom("meeting_registration")
      .innerJoin("user", "user.id", "meeting_registration.user_id")
      .select(["meeting_registration.id", "user.email"])
      .where("meeting_id", "=", ids[p.index])
      .execute();
    const came = new Set(p.attended.map((i) => registrants[i].email));
    await recordAttendance({ db, meetingId: ids[p.index], attendedRegistrationIds: rows.filter((r) => came.has(r.email)).map((r) => r.id) });
  }

  await saveMinutes({
    db,
    userId: coordinator,
    meetingId: ids[0],
    published: true,
    minutes: [
      "## Dialog om salladsupphandlingen",
      "",
      "Upphandlingsenheten presenterade den planerade **reserverade upphandlingen** av salladscatering (LOU 4 kap. 18 §).",
      "",
      "- Behovet: omkring 400 sallader per vecka till fyra leveransställen.",
      "- Ingen medlem klarar volymen ensam; tillsammans kan vi.",
      "- Frågor om leveransdagar skickas in via förfrågan på plattformen.",
      "",
      "Mer om reserverade upphandlingar: [Upphandlingsmyndigheten](https://www.upphandlingsmyndigheten.se/).",
    ].join("\n"),
  });
  await saveMinutes({
    db,
    userId: coordinator,
    meetingId: ids[1],
    published: true,
    minutes: [
      "## Besök från Social Trade Göteborg",
      "",
      "Social Trade Göteborg ägs av sina medlemsföretag och fördelar uppdrag efter hur mycket var och en har att göra.",
      "",
      "1. Ett gemensamt säljbolag ger köparen en avtalspart.",
      "2. Medlemmarna behåller sin självständighet.",
      "3. Plattformen i Lund kan göra fördelningen synlig.",
    ].join("\n"),
  });
  await saveMinutes({
    db,
    userId: coordinator,
    meetingId: ids[2],
    published: false,
    minutes: "## Språkintroduktion\n\nUtkast: tre medlemmar kan ta emot praktikanter under våren.",
  });

  const actions = [
    { meeting: 0, text: "Samla in kapacitet för sallader per veckodag", organisation: "Fontänhuset Lund", due: -90, done: true },
    { meeting: 0, text: "Skicka frågor om leveransställen till upphandlingsenheten", organisation: "Coompanion Skåne", due: -100, done: true },
    { meeting: 1, text: "Ta fram förslag på ägarmodell för ett gemensamt säljbolag", organisation: "Skoopi Skåne", due: 20, done: false },
    { meeting: 1, text: "Uppdatera kapacitetsuppgifterna på plattformen", organisation: "Iris Kraft", due: 2, done: false },
    { meeting: 2, text: "Lista praktikplatser för språkintroduktion", organisation: "EosCares", due: 10, done: false },
  ];
  for (const a of actions) {
    const organisationId = await orgId(a.organisation);
    await addActionItem({ db, meetingId: ids[a.meeting], input: { text: a.text, organisationId, dueDate: addCalendarDays(today, a.due) } });
    if (a.done) {
      const row = await db
        .selectFrom("meeting_action")
        .select("id")
        .where("meeting_id", "=", ids[a.meeting])
        .where("text", "=", a.text)
        .executeTakeFirstOrThrow();
      await setActionStatus({ db, meetingId: ids[a.meeting], actionId: row.id, done: true });
    }
  }

  // The joint-bid planning meeting is full (four places) with two on the waitlist.
  for (const i of [0, 1, 2, 3, 4, 5]) await register(3, registrants[i]);
  for (const i of [1, 3]) await register(4, registrants[i]);
}
