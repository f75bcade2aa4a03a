import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/pilot._index";
import type { ServerArgs } from "../utils/route-args";
import { FormErrorSummary } from "../components/form-fields";
import { ExtraCostsSection, NotesForm, PilotChanges } from "../components/pilot-sections";
import { ProcurementFields, emptyProcurementValues } from "../components/procurement-fields";
import { SectionCard } from "../components/section-card";
import {
  addExtraCost,
  createProcurement,
  listExtraCosts,
  listNotes,
  listPilotChanges,
  listProcurements,
  procurementChoices,
  removeExtraCost,
  saveNotes,
} from "../models/pilot.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { formObject, parseForm, typedValues } from "../utils/forms";
import { dispatchIntent, notFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { extraCostFields, extraCostSchema, notesFromForm, notesSchema, procurementFields, procurementSchema } from "../utils/pilot-forms";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { pilotMessages } from "../locales/pilot";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(formsMessages, pilotMessages);

export const meta = titleMeta("pilot.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const { access } = await requirePilotUser(request);
  const [procurements, choices, notes, extraCosts, changes] = await Promise.all([
    listProcurements({ db: db() }),
    procurementChoices({ db: db() }),
    listNotes({ db: db(), procurementId: null }),
    listExtraCosts({ db: db(), procurementId: null }),
    listPilotChanges({ db: db() }),
  ]);
  return { access, procurements, choices, notes, extraCosts, changes, year: new Date().getFullYear() };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const { user } = await requirePilotUser(request);
  const formData = await readFormData(request);
  const form = formObject(formData);
  return dispatchIntent(formData, {
    createProcurement: async () => {
      const parsed = parseForm(procurementSchema, form);
      const values = typedValues(form, procurementFields);
      if (!parsed.ok) return data({ intent: "createProcurement", errors: parsed.errors, values }, { status: 400 });
      const result = await createProcurement({ db: db(), userId: user.id, input: parsed.data });
      if (!result.ok) {
        const field = result.error === "unknown_supplier" ? "supplierOrganisationId" : "requestId";
        return data({ intent: "createProcurement", errors: { [field]: "form.choose" }, values }, { status: 400 });
      }
      return redirectWithToast(`/pilot/procurements/${result.id}`, { key: "pilot.procurementSaved" });
    },
    saveNotes: async () => {
      const parsed = parseForm(notesSchema, form);
      if (!parsed.ok) return data({ intent: "saveNotes", errors: parsed.errors, values: form }, { status: 400 });
      await saveNotes({ db: db(), userId: user.id, procurementId: null, notes: notesFromForm(parsed.data) });
      return redirectWithToast("/pilot", { key: "pilot.notesSaved" });
    },
    addExtraCost: async () => {
      const parsed = parseForm(extraCostSchema, form);
      if (!parsed.ok) return data({ intent: "addExtraCost", errors: parsed.errors, values: typedValues(form, extraCostFields) }, { status: 400 });
      await addExtraCost({ db: db(), userId: user.id, procurementId: null, input: parsed.data });
      return redirectWithToast("/pilot", { key: "pilot.costAdded" });
    },
    removeExtraCost: async () => {
      const id = parseId(form.extraCostId);
      if (id === null || !(await removeExtraCost({ db: db(), userId: user.id, procurementId: null, extraCostId: id }))) throw notFound();
      return redirectWithToast("/pilot", { key: "pilot.costRemoved" });
    },
  });
}

export default function PilotIndex() {
  const { access, procurements, choices, notes, extraCosts, changes, year } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, date } = useI18n();
  const failed = (intent: string) => (actionData && "intent" in actionData && actionData.intent === intent ? actionData : undefined);
  const procurementFailure = failed("createProcurement");
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1} fz={{ base: 26, sm: 34 }} style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
          {t("pilot.title")}
        </Title>
        <Text>{t("pilot.intro")}</Text>
        <Group gap="md">
          <Anchor component={Link} to="/pilot/report">
            {t("pilot.reportLink")}
          </Anchor>
          <Anchor component={Link} to="/pilot/estimate">
            {t("pilot.estimateLink")}
          </Anchor>
          <Anchor component={Link} to={`/reports/${year}`}>
            {t("pilot.annualLink", { year })}
          </Anchor>
          {access === "coordinator" && (
            <Anchor component={Link} to="/pilot/participants">
              {t("pilot.participantsLink")}
            </Anchor>
          )}
        </Group>
        {access === "participating_buyer" && <Text size="sm">{t("pilot.buyerAccess")}</Text>}
      </Stack>

      <SectionCard title={t("pilot.register")}>
        {procurements.length === 0 ? (
          <Text>{t("pilot.noProcurements")}</Text>
        ) : (
          <TableScroller minWidth={720}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("pilot.field.title")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.field.kind")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.field.status")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.field.supplier")}</Table.Th>
                  <Table.Th scope="col">{t("pilot.field.period")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {procurements.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/pilot/procurements/${p.id}`}>
                        {p.title}
                      </Anchor>
                      {p.is_example && (
                        <Badge ml="xs" color="gray.8" variant="outline" tt="none">
                          {t("pilot.example")}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`pilot.kind.${p.kind}` as MessageKey)}</Table.Td>
                    <Table.Td>{t(`pilot.status.${p.status}` as MessageKey)}</Table.Td>
                    <Table.Td>{p.supplier_organisation_name ?? p.supplier_name ?? "–"}</Table.Td>
                    <Table.Td>
                      {p.start_date ? date(p.start_date) : "…"} – {p.end_date ? date(p.end_date) : "…"}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroller>
        )}
      </SectionCard>

      <SectionCard title={t("pilot.addProcurement")}>
        <Form method="post" noValidate>
          <FormErrorSummary errors={procurementFailure?.errors} />
          <ProcurementFields
            values={(procurementFailure?.values as typeof emptyProcurementValues | undefined) ?? emptyProcurementValues}
            errors={procurementFailure?.errors}
            choices={choices}
          />
          <Button type="submit" name="intent" value="createProcurement" mt="lg">
            {t("pilot.addProcurementButton")}
          </Button>
        </Form>
      </SectionCard>

      <NotesForm
        title={t("pilot.pilotNotes")}
        notes={notes}
        errors={failed("saveNotes")?.errors}
        values={failed("saveNotes")?.values as Record<string, string> | undefined}
      />

      <ExtraCostsSection
        title={t("pilot.pilotCosts")}
        costs={extraCosts}
        errors={failed("addExtraCost")?.errors}
        values={failed("addExtraCost")?.values as Record<string, string> | undefined}
      />

      <PilotChanges changes={changes} />
    </Stack>
  );
}
