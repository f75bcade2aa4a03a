import type { DB } from "../db/client.server";
import { addActivity } from "../app/models/annual-report.server";
import { addExtraCost, createProcurement, saveNotes, saveOutcome, saveParameterValue, setPilotParticipation } from "../app/models/pilot.server";
import { publishPilotReport } from "../app/models/pilot-report.server";
import type { EstimateParameterKey } from "../app/domain/socio-economic";
import type { ProcurementInput } from "../app/domain/pilot";

/**
 * The pilot as the 2023 annual report describes it: the municipality's units taking part, its four
 * procurements with their statuses, invented outcome counts (marked as examples, some under five
 * so that suppression shows), the estimate's example parameters, the 2023 activity lines, and the
 * 2023 report as published. The pilot ran 2023–2024, so these dates are the report's own rather
 * than relative to the day the demo is loaded.
 */
export async function seedDemoPilot(db: DB): Promise<void> {
  const coordinator = await db.selectFrom("user").select("id").where("email", "=", "coordinator@example.org").executeTakeFirst();
  const userId = coordinator?.id ?? null;
  // The municipality's buying units take part: an admin says so, as on the participants page.
  const admin = await db.selectFrom("user").select("id").where("email", "=", "admin@example.org").executeTakeFirstOrThrow();
  const units = await db.selectFrom("organisation").select("id").where("kind", "=", "buyer").where("name", "like", "Lunds kommun –%").execute();
  for (const unit of units) await setPilotParticipation({ db, actorUserId: admin.id, organisationId: unit.id, participates: true });
  // The salad-catering request, when the requests feature has seeded it.
  const saladRequest = await db.selectFrom("request").select("id").where("title", "like", "%allad%").orderBy("id").executeTakeFirst();

  const procurement = async (input: ProcurementInput) => {
    const result = await createProcurement({ db, userId, input, isExample: true });
    if (!result.ok) throw new Error(`Demo procurement ${input.title}: ${result.error}`);
    return result.id;
  };
  const base = { cpvCode: null, contractValueSek: null, requestId: null, supplierOrganisationId: null, supplierName: null, endDate: null };
  const paving = await procurement({
    ...base,
    title: "Stensättning och anläggning",
    buyingUnit: "Lunds kommun – Serviceförvaltningen",
    kind: "dialogue_requirement",
    status: "ongoing",
    cpvCode: "45233250-6",
    startDate: "2023-09-01",
    supplierName: "Anläggningsentreprenör (exempel)",
  });
  const sweeping = await procurement({
    ...base,
    title: "Sotning och brandskyddskontroll",
    buyingUnit: "Lunds kommun – Upphandlingsenheten",
    kind: "dialogue_requirement",
    status: "starting",
    startDate: "2024-03-01",
    supplierName: "Sotningsföretag (exempel)",
  });
  const catering = await procurement({
    ...base,
    title: "Catering av sallader (reserverad upphandling)",
    buyingUnit: "Lunds kommun – Upphandlingsenheten",
    kind: "reserved",
    status: "starting",
    cpvCode: "55520000-1",
    startDate: "2024-09-01",
    requestId: saladRequest?.id ?? null,
  });
  const construction = await procurement({
    ...base,
    title: "Byggentreprenad hos extern beställare med sysselsättningskrav",
    buyingUnit: "Extern beställare, stöd från Lunds kommun – Arbetsmarknads- och socialförvaltningen",
    kind: "external_requirement",
    status: "starting",
    startDate: "2024-02-01",
    supplierName: "Byggentreprenör (exempel)",
  });

  await saveNotes({
    db,
    userId,
    procurementId: null,
    notes: {
      2: "Dialogkrav används där sysselsättningsinsatsen är ett tillägg till upphandlingsobjektet, eftersom det ger leverantören utrymme att forma insatsen. Reserverad upphandling prövas inom catering, där nätverkets sociala företag kan delta.",
      3: "Samordning i en Teams-kanal som upphandlingsenheten skapat för hållbarhetskrav, med projektledaren som specialist på sysselsättningskrav, och möten med ASF och serviceförvaltningen.",
      4: "Upphandlingar med sysselsättningskrav har långa ledtider; dialogen med leverantören sker ofta efter tilldelning.",
    },
  });
  await saveNotes({
    db,
    userId,
    procurementId: catering,
    notes: { 3: "Interna ramar med måltidsservice, som själva levererar catering internt, återstår att lösa." },
  });
  await saveNotes({
    db,
    userId,
    procurementId: construction,
    notes: { 4: "Projektet bistår entreprenören med hur kravet kan uppfyllas tillsammans med ASF, som matchar kandidater." },
  });
  await addExtraCost({
    db,
    userId,
    procurementId: catering,
    input: {
      description: "Extra handläggning av den reserverade upphandlingen (exempel)",
      amountSek: 40_000,
      proposal: "Finansieras av upphandlingsenhetens hållbarhetsbudget under piloten; därefter som del av ordinarie upphandlingsprocess.",
    },
    isExample: true,
  });

  const outcome = (procurementId: number, periodFrom: string, periodTo: string, gender: "women" | "men" | "other", n: number[]) =>
    saveOutcome({
      db,
      userId,
      procurementId,
      isExample: true,
      input: {
        periodFrom,
        periodTo,
        gender,
        participants: n[0],
        onSocialAssistance: n[1],
        outcomes: { work: n[2], studies: n[3], unemployment_benefit: n[4], social_assistance: n[5], other_unknown: n[6] },
      },
    });
  // [participants, on social assistance, work, studies, unemployment benefit, social assistance, other/unknown]
  await outcome(paving, "2023-09-01", "2023-12-31", "women", [2, 2, 1, 0, 0, 1, 0]);
  await outcome(paving, "2023-09-01", "2023-12-31", "men", [9, 8, 4, 1, 0, 2, 1]);
  await outcome(paving, "2024-01-01", "2024-06-30", "women", [3, 3, 1, 1, 0, 0, 0]);
  await outcome(paving, "2024-01-01", "2024-06-30", "men", [6, 5, 3, 0, 1, 1, 0]);
  await outcome(sweeping, "2024-03-01", "2024-08-31", "men", [5, 5, 2, 1, 1, 1, 0]);
  await outcome(sweeping, "2024-03-01", "2024-08-31", "women", [1, 1, 1, 0, 0, 0, 0]);
  await outcome(construction, "2024-02-01", "2024-10-31", "men", [7, 6, 3, 0, 0, 0, 1]);
  await outcome(construction, "2024-02-01", "2024-10-31", "women", [4, 4, 1, 2, 0, 0, 0]);

  // Example values: their sources are named, and each is marked as an example to be verified.
  const parameters: [EstimateParameterKey, number, string][] = [
    ["months", 12, "Upphandlingsmyndigheten, beräkningsexempel (tolv månader)"],
    ["grossWage", 20_500, "Upphandlingsmyndigheten, beräkningsexempel"],
    ["employmentShare", 100, "Upphandlingsmyndigheten, beräkningsexempel (heltid)"],
    ["employerContributionRate", 31.42, "Skatteverket, arbetsgivaravgifter 2023"],
    ["municipalTaxRate", 21.24, "Lunds kommun, kommunal skattesats 2023"],
    ["regionTaxRate", 11.18, "Region Skåne, skattesats 2023"],
    ["socialAssistance", 9_000, "Socialstyrelsen, riksnormen för försörjningsstöd 2023 (ensamstående, avrundad)"],
    ["stateBenefit", 0, "Upphandlingsmyndigheten, beräkningsexempel (försörjningsstöd i stället för statlig ersättning)"],
    ["wageSubsidy", 0, "Upphandlingsmyndigheten, beräkningsexempel (utan anställningsstöd)"],
    ["productionFactor", 80, "Upphandlingsmyndigheten, beräkningsexempel"],
    ["supervisorWage", 30_000, "Upphandlingsmyndigheten, beräkningsexempel"],
    ["supervisionShare", 10, "Upphandlingsmyndigheten, beräkningsexempel"],
    ["employerAdminCost", 10_000, "Upphandlingsmyndigheten, beräkningsexempel"],
    ["procurementCost", 40_000, "Upphandlingsmyndigheten, beräkningsexempel"],
  ];
  for (const [key, value, source] of parameters) {
    await saveParameterValue({ db, userId, parameter: { key, value, validFrom: "2023-01-01", source, isExample: true } });
  }

  const activities = [
    {
      goalArea: "internal_collaboration" as const,
      activity:
        "Projektledning: samordning av möten, specialiststöd kring upphandling och kunskapsutveckling mellan ASF, serviceförvaltningen, upphandlingsenheten och Göteborgs stödfunktion",
      percentOfTime: 25,
    },
    { goalArea: "external_collaboration" as const, activity: "Projektledning av nätverket för sociala företag och organisationer", percentOfTime: 25 },
    { goalArea: "external_collaboration" as const, activity: "Fem nätverksträffar med sociala företag och organisationer", percentOfTime: null },
    { goalArea: "external_collaboration" as const, activity: "Arbetsmöten med Coompanion Skåne och Skoopi Skåne", percentOfTime: null },
  ];
  for (const a of activities) {
    await addActivity({ db, userId, year: 2023, isExample: true, input: { ...a, hours: null, costSek: null } });
  }

  // The 2023 report, as a coordinator published it: public at /pilot/reports/:id, and the
  // version every later publication is checked against.
  if (userId) await publishPilotReport({ db, userId, from: "2023-01-01", to: "2023-12-31" });
}
