import { Anchor, Button, Stack, Table, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/pilot.procurements.$procurementId";
import type { ServerArgs } from "../utils/route-args";
import { RowRemoval } from "../components/confirm-action";
import { FormErrorSummary } from "../components/form-fields";
import { ExtraCostsSection, NotesForm, OutcomeForm } from "../components/pilot-sections";
import { ProcurementFields, type ProcurementFormValues } from "../components/procurement-fields";
import { SectionCard } from "../components/section-card";
import { outcomeCategories } from "../domain/pilot";
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
import { formObject, parseForm, typedValues } from "../utils/forms";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import {
  extraCostFields,
  extraCostSchema,
  notesFromForm,
  notesSchema,
  outcomeFields,
  outcomeSchema,
  procurementFields,
  procurementSchema,
} from "../utils/pilot-forms";
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
  const form = formObject(formData);
  const here = `/pilot/procurements/${procurementId}`;
  return dispatchIntent(formData, {
    updateProcurement: async () => {
      const parsed = parseForm(procurementSchema, form);
      const values = typedValues(form, procurementFields);
      if (!parsed.ok) return data({ intent: "updateProcurement", errors: parsed.errors, values }, { status: 400 });
      const result = orNotFound(await updateProcurement({ db: db(), userId: user.id, procurementId, input: parsed.data }));
      if (!result.ok) {
        const field = result.error === "unknown_supplier" ? "supplierOrganisationId" : "requestId";
        return data({ intent: "updateProcurement", errors: { [field]: "form.choose" }, values }, { status: 400 });
      }
      return redirectWithToast(here, { key: "pilot.procurementSaved" });
    },
    saveNotes: async () => {
      const parsed = parseForm(notesSchema, form);
      if (!parsed.ok) return data({ intent: "saveNotes", errors: parsed.errors, values: form }, { status: 400 });
      if (!(await saveNotes({ db: db(), userId: user.id, procurementId, notes: notesFromForm(parsed.data) }))) throw notFound();
      return redirectWithToast(here, { key: "pilot.notesSaved" });
    },
    addExtraCost: async () => {
      const parsed = parseForm(extraCostSchema, form);
      if (!parsed.ok) return data({ intent: "addExtraCost", errors: parsed.errors, values: typedValues(form, extraCostFields) }, { status: 400 });
      orNotFound(await addExtraCost({ db: db(), userId: user.id, procurementId, input: parsed.data }));
      return redirectWithToast(here, { key: "pilot.costAdded" });
    },
    removeExtraCost: async () => {
      const id = parseId(form.extraCostId);
      if (id === null || !(await removeExtraCost({ db: db(), userId: user.id, procurementId, extraCostId: id }))) throw notFound();
      return redirectWithToast(here, { key: "pilot.costRemoved" });
    },
    saveOutcome: async () => {
      const parsed = parseForm(outcomeSchema, form);
      if (!parsed.ok) return data({ intent: "saveOutcome", errors: parsed.errors, values: typedValues(form, outcomeFields) }, { status: 400 });
      orNotFound(await saveOutcome({ db: db(), userId: user.id, procurementId, input: parsed.data }));
      return redirectWithToast(here, { key: "pilot.outcomeSaved" });
    },
    removeOutcome: async () => {
      const id = parseId(form.outcomeId);
      if (id === null || !(await removeOutcome({ db: db(), userId: user.id, procurementId, outcomeId: id }))) throw notFound();
      return redirectWithToast(here, { key: "pilot.outcomeRemoved" });
    },
  });
}

function valuesOf(p: {
  title: string;
  buying_unit: string;
  supplier_organisation_id: number | null;
  supplier_name: string | null;
  kind: string;
  cpv_code: string | null;
  status: string;
  start_date: string | null;
  end_date: string | null;
  contract_value_sek: number | null;
  request_id: number | null;
}): ProcurementFormValues {
  return {
    title: p.title,
    buyingUnit: p.buying_unit,
    supplierOrganisationId: p.supplier_organisation_id ? String(p.supplier_organisation_id) : "",
    supplierName: p.supplier_name ?? "",
    kind: p.kind,
    cpvCode: p.cpv_code ?? "",
    status: p.status,
    startDate: p.start_date ?? "",
    endDate: p.end_date ?? "",
    contractValueSek: p.contract_value_sek === null ? "" : String(p.contract_value_sek),
    requestId: p.request_id ? String(p.request_id) : "",
  };
}

export default function ProcurementPage() {
  const { procurement, choices, notes, extraCosts, outcomes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, date, number } = useI18n();
  const failed = (intent: string) => (actionData && "intent" in actionData && actionData.intent === intent ? actionData : undefined);
  const edit = failed("updateProcurement");
  const [searchParams] = useSearchParams();
  const confirmOutcome = parseId(searchParams.get("removeOutcome"));
  const here = `/pilot/procurements/${procurement.id}`;
  return (
    <Stack gap="xl">
      <Anchor component={Link} to="/pilot">
        {t("pilot.back")}
      </Anchor>
      <Stack gap={4}>
        <Title order={1} fz={{ base: 26, sm: 34 }} style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
          {procurement.title}
        </Title>
        <Text size="sm">{t("pilot.changedBy", { date: date(procurement.updated_at), name: procurement.updated_by_name ?? "–" })}</Text>
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
                {outcomes.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      {date(o.period_from)} – {date(o.period_to)}
                    </Table.Td>
                    <Table.Td>{t(`pilot.gender.${o.gender}` as MessageKey)}</Table.Td>
                    <Table.Td>{number(o.participants)}</Table.Td>
                    <Table.Td>{number(o.on_social_assistance)}</Table.Td>
                    {outcomeCategories.map((c) => (
                      <Table.Td key={c}>{number(o[c])}</Table.Td>
                    ))}
                    <Table.Td>
                      <RowRemoval
                        confirming={confirmOutcome === o.id}
                        query={{ removeOutcome: o.id }}
                        anchor={`confirm-outcome-${o.id}`}
                        name={`${date(o.period_from)} – ${date(o.period_to)}, ${t(`pilot.gender.${o.gender}` as MessageKey)}`}
                        question={t("pilot.outcome.removeConfirm", {
                          period: `${date(o.period_from)} – ${date(o.period_to)}`,
                          gender: t(`pilot.gender.${o.gender}` as MessageKey),
                        })}
                        intent="removeOutcome"
                        fields={{ outcomeId: o.id }}
                        cancelTo={here}
                        removeLabel={t("pilot.remove")}
                        confirmLabel={t("pilot.removeConfirmButton")}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroller>
        )}
        <Text size="sm" mb="sm">
          {t("pilot.outcome.unsuppressedNote")}
        </Text>
        <OutcomeForm errors={failed("saveOutcome")?.errors} values={failed("saveOutcome")?.values as Record<string, string> | undefined} />
      </SectionCard>

      <SectionCard title={t("pilot.editProcurement")}>
        <Form method="post" noValidate>
          <FormErrorSummary errors={edit?.errors} />
          <ProcurementFields values={(edit?.values as ProcurementFormValues | undefined) ?? valuesOf(procurement)} errors={edit?.errors} choices={choices} />
          <Button type="submit" name="intent" value="updateProcurement" mt="lg">
            {t("pilot.saveProcurement")}
          </Button>
        </Form>
      </SectionCard>

      <NotesForm
        title={t("pilot.procurementNotes")}
        notes={notes}
        errors={failed("saveNotes")?.errors}
        values={failed("saveNotes")?.values as Record<string, string> | undefined}
      />

      <ExtraCostsSection
        title={t("pilot.procurementCosts")}
        costs={extraCosts}
        errors={failed("addExtraCost")?.errors}
        values={failed("addExtraCost")?.values as Record<string, string> | undefined}
      />
    </Stack>
  );
}
