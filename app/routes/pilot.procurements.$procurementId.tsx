import { Anchor, Stack, Table, Text, Title } from "@mantine/core";
import { Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/pilot.procurements.$procurementId";
import type { ServerArgs } from "../utils/route-args";
import type { FormReply } from "../components/form-fields";
import { NotesAndCosts, OutcomeForm, PilotRowRemoval } from "../components/pilot-sections";
import { ProcurementForm, type ProcurementFormValues } from "../components/procurement-fields";
import { SectionCard } from "../components/section-card";
import { type Procurement, outcomeCategories } from "../domain/pilot";
import {
  addExtraCost,
  getProcurement,
  listExtraCosts,
  listNotes,
  listOutcomes,
  procurementChoices,
  removeExtraCost,
  removeOutcome,
  saveNotes,
  saveOutcome,
  updateProcurement,
} from "../models/pilot.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { extraCostSchema, notesFromForm, notesSchema, outcomeSchema, procurementRefusal, procurementSchema } from "../forms/pilot-forms";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { pilotMessages } from "../locales/pilot";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(formsMessages, pilotMessages);

export const meta = titleMeta((d) => (d as { procurement?: { title: string } } | undefined)?.procurement?.title);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  await requirePilotUser(request);
  const procurementId = orNotFound(parseId(params.procurementId));
  const procurement = orNotFound(await getProcurement({ db: db(), procurementId }));
  const [choices, notes, extraCosts, outcomes] = await Promise.all([
    procurementChoices({ db: db() }),
    listNotes({ db: db(), procurementId }),
    listExtraCosts({ db: db(), procurementId }),
    listOutcomes({ db: db(), procurementId }),
  ]);
  return { procurement, choices, notes, extraCosts, outcomes };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { user } = await requirePilotUser(request);
  const procurementId = orNotFound(parseId(params.procurementId));
  const formData = await readFormData(request);
  const here = `/pilot/procurements/${procurementId}`;
  const failed = (intent: string, reply: FormReply) => data({ intent, reply }, { status: 400 });
  return dispatchIntent(formData, {
    updateProcurement: async () => {
      const submission = parseSubmission(formData, procurementSchema);
      if (submission.status !== "success") return failed("updateProcurement", submission.reply());
      const result = orNotFound(await updateProcurement({ db: db(), userId: user.id, procurementId, input: submission.value }));
      if (!result.ok) return failed("updateProcurement", procurementRefusal(submission, result));
      return redirectWithToast(here, { key: "pilot.procurementSaved" });
    },
    saveNotes: async () => {
      const submission = parseSubmission(formData, notesSchema);
      if (submission.status !== "success") return failed("saveNotes", submission.reply());
      if (!(await saveNotes({ db: db(), userId: user.id, procurementId, notes: notesFromForm(submission.value) }))) throw notFound();
      return redirectWithToast(here, { key: "pilot.notesSaved" });
    },
    addExtraCost: async () => {
      const submission = parseSubmission(formData, extraCostSchema);
      if (submission.status !== "success") return failed("addExtraCost", submission.reply());
      orNotFound(await addExtraCost({ db: db(), userId: user.id, procurementId, input: submission.value }));
      return redirectWithToast(here, { key: "pilot.costAdded" });
    },
    removeExtraCost: async () => {
      const id = parseId(formData.get("extraCostId"));
      if (id === null || !(await removeExtraCost({ db: db(), userId: user.id, procurementId, extraCostId: id }))) throw notFound();
      return redirectWithToast(here, { key: "pilot.costRemoved" });
    },
    saveOutcome: async () => {
      const submission = parseSubmission(formData, outcomeSchema);
      if (submission.status !== "success") return failed("saveOutcome", submission.reply());
      orNotFound(await saveOutcome({ db: db(), userId: user.id, procurementId, input: submission.value }));
      return redirectWithToast(here, { key: "pilot.outcomeSaved" });
    },
    removeOutcome: async () => {
      const id = parseId(formData.get("outcomeId"));
      if (id === null || !(await removeOutcome({ db: db(), userId: user.id, procurementId, outcomeId: id }))) throw notFound();
      return redirectWithToast(here, { key: "pilot.outcomeRemoved" });
    },
  });
}

/** A stored procurement as its edit form shows it. */
function valuesOf(p: Procurement): ProcurementFormValues {
  const text = (value: string | number | null) => (value === null ? "" : String(value));
  return {
    title: p.title,
    buyingUnit: p.buyingUnit,
    supplierOrganisationId: text(p.supplierOrganisationId),
    supplierName: text(p.supplierName),
    kind: p.kind,
    cpvCode: text(p.cpvCode),
    status: p.status,
    startDate: text(p.startDate),
    endDate: text(p.endDate),
    contractValueSek: text(p.contractValueSek),
    requestId: text(p.requestId),
  };
}

export default function ProcurementPage() {
  const { procurement, choices, notes, extraCosts, outcomes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, date, number } = useI18n();
  const replyTo = (intent: string) => (actionData?.intent === intent ? actionData.reply : undefined);
  return (
    <Stack gap="xl">
      <Anchor component={Link} to="/pilot">
        {t("pilot.back")}
      </Anchor>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 26, sm: 34 }} style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
          {procurement.title}
        </Title>
        <Text size="sm">{t("pilot.changedBy", { date: date(procurement.updated.at), name: procurement.updated.byName ?? "–" })}</Text>
      </Stack>

      <SectionCard title={t("pilot.outcomes")}>
        {outcomes.length === 0 ? (
          <Text mb="md">{t("pilot.noOutcomes")}</Text>
        ) : (
          <TableScroller minWidth={900}>
            <Table mb="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("pilot.field.period")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.outcome.gender")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.outcome.participants")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.outcome.onSocialAssistance")}</Table.Th>
                  {outcomeCategories.map((c) => (
                    <Table.Th scope="col" key={c}>
                      {t(`pilot.outcome.${c}` as MessageKey)}
                    </Table.Th>
                  ))}
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("pilot.actions")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {outcomes.map((o) => {
                  const period = `${date(o.periodFrom)} – ${date(o.periodTo)}`;
                  const gender = t(`pilot.gender.${o.gender}` as MessageKey);
                  return (
                    <Table.Tr key={o.id}>
                      <Table.Td>{period}</Table.Td>
                      <Table.Td>{gender}</Table.Td>
                      <Table.Td>{number(o.participants)}</Table.Td>
                      <Table.Td>{number(o.onSocialAssistance)}</Table.Td>
                      {outcomeCategories.map((c) => (
                        <Table.Td key={c}>{number(o.outcomes[c])}</Table.Td>
                      ))}
                      <Table.Td>
                        <PilotRowRemoval
                          row="outcome"
                          id={o.id}
                          name={`${period}, ${gender}`}
                          question={t("pilot.outcome.removeConfirm", { period, gender })}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroller>
        )}
        <Text size="sm" mb="sm">
          {t("pilot.outcome.unsuppressedNote")}
        </Text>
        <OutcomeForm lastResult={replyTo("saveOutcome")} />
      </SectionCard>

      <SectionCard title={t("pilot.editProcurement")}>
        <ProcurementForm mode="edit" replyTo={replyTo} defaultValue={valuesOf(procurement)} choices={choices} />
      </SectionCard>

      <NotesAndCosts notesTitle={t("pilot.procurementNotes")} costsTitle={t("pilot.procurementCosts")} notes={notes} costs={extraCosts} replyTo={replyTo} />
    </Stack>
  );
}
