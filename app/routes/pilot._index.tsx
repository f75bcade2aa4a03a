import { Anchor, Badge, Group, Stack, Table, Text, Title } from "@mantine/core";
import { Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/pilot._index";
import type { ServerArgs } from "../utils/route-args";
import type { FormReply } from "../components/form-fields";
import { NotesAndCosts, PilotChanges } from "../components/pilot-sections";
import { ProcurementForm, emptyProcurementValues } from "../components/procurement-fields";
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
import { parseSubmission } from "../utils/forms";
import { dispatchIntent, notFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { extraCostSchema, notesFromForm, notesSchema, procurementRefusal, procurementSchema } from "../forms/pilot-forms";
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
  const failed = (intent: string, reply: FormReply, status = 400) => data({ intent, reply }, { status });
  return dispatchIntent(formData, {
    createProcurement: async () => {
      const submission = parseSubmission(formData, procurementSchema);
      if (submission.status !== "success") return failed("createProcurement", submission.reply());
      const result = await createProcurement({ db: db(), userId: user.id, input: submission.value });
      if (!result.ok) return failed("createProcurement", procurementRefusal(submission, result));
      return redirectWithToast(`/pilot/procurements/${result.id}`, { key: "pilot.procurementSaved" });
    },
    saveNotes: async () => {
      const submission = parseSubmission(formData, notesSchema);
      if (submission.status !== "success") return failed("saveNotes", submission.reply());
      await saveNotes({ db: db(), userId: user.id, procurementId: null, notes: notesFromForm(submission.value) });
      return redirectWithToast("/pilot", { key: "pilot.notesSaved" });
    },
    addExtraCost: async () => {
      const submission = parseSubmission(formData, extraCostSchema);
      if (submission.status !== "success") return failed("addExtraCost", submission.reply());
      await addExtraCost({ db: db(), userId: user.id, procurementId: null, input: submission.value });
      return redirectWithToast("/pilot", { key: "pilot.costAdded" });
    },
    removeExtraCost: async () => {
      const id = parseId(formData.get("extraCostId"));
      if (id === null || !(await removeExtraCost({ db: db(), userId: user.id, procurementId: null, extraCostId: id }))) throw notFound();
      return redirectWithToast("/pilot", { key: "pilot.costRemoved" });
    },
  });
}

export default function PilotIndex() {
  const { access, procurements, choices, notes, extraCosts, changes, year } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, date } = useI18n();
  const replyTo = (intent: string) => (actionData?.intent === intent ? actionData.reply : undefined);
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
                      {p.isExample && (
                        <Badge ml="xs" color="gray.8" variant="outline" tt="none">
                          {t("pilot.example")}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`pilot.kind.${p.kind}` as MessageKey)}</Table.Td>
                    <Table.Td>{t(`pilot.status.${p.status}` as MessageKey)}</Table.Td>
                    <Table.Td>{p.supplierOrganisationName ?? p.supplierName ?? "–"}</Table.Td>
                    <Table.Td>
                      {p.startDate ? date(p.startDate) : "…"} – {p.endDate ? date(p.endDate) : "…"}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroller>
        )}
      </SectionCard>

      <SectionCard title={t("pilot.addProcurement")}>
        <ProcurementForm mode="new" replyTo={replyTo} defaultValue={emptyProcurementValues} choices={choices} />
      </SectionCard>

      <NotesAndCosts notesTitle={t("pilot.pilotNotes")} costsTitle={t("pilot.pilotCosts")} notes={notes} costs={extraCosts} replyTo={replyTo} />

      <PilotChanges changes={changes} />
    </Stack>
  );
}
