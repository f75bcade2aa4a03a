import { Button, List, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from "@mantine/core";
import { Form, useLocation, useSearchParams } from "react-router";
import { parseId } from "../utils/ids";
import { RowRemoval } from "./confirm-action";
import { genders, notePoints } from "../domain/pilot";
import type { FieldErrors } from "../utils/forms";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { FormErrorSummary, useFieldError } from "./form-fields";
import { useMoney } from "./pilot-estimate";
import { SectionCard } from "./section-card";
import { TableScroller } from "./data-table";

type Notes = Partial<Record<number, { body: string; updated_at: string; updated_by_name: string | null }>>;

/** The free-text reporting points (2, 3, 4, 7, 8), for one procurement or the pilot as a whole. */
export function NotesForm({ title, notes, errors, values }: { title: string; notes: Notes; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t, date } = useI18n();
  const error = useFieldError(errors);
  return (
    <SectionCard title={title}>
      <Form method="post" noValidate>
        <FormErrorSummary errors={errors} />
        <Stack gap="md">
          {notePoints.map((p) => {
            const note = notes[p];
            return (
              <Textarea
                key={p}
                name={`note${p}`}
                label={`${p}. ${t(`pilot.point.${p}` as MessageKey)}`}
                description={note ? t("pilot.changedBy", { date: date(note.updated_at), name: note.updated_by_name ?? "–" }) : undefined}
                autosize
                minRows={2}
                maxLength={5000}
                defaultValue={values?.[`note${p}`] ?? note?.body ?? ""}
                error={error(`note${p}`)}
              />
            );
          })}
          <Button type="submit" name="intent" value="saveNotes" w="fit-content">
            {t("pilot.saveNotes")}
          </Button>
        </Stack>
      </Form>
    </SectionCard>
  );
}

interface Cost {
  id: number;
  description: string;
  amount_sek: number;
  proposal: string;
  created_at: string;
  created_by_name: string | null;
}

/** Extra costs with a proposal for handling each (reporting point 7). */
export function ExtraCostsSection({ title, costs, errors, values }: { title: string; costs: Cost[]; errors?: FieldErrors; values?: Record<string, string> }) {
  const { t, date } = useI18n();
  const money = useMoney();
  const error = useFieldError(errors);
  const [searchParams] = useSearchParams();
  const { pathname } = useLocation();
  const confirmId = parseId(searchParams.get("removeCost"));
  return (
    <SectionCard title={title}>
      {costs.length === 0 ? (
        <Text mb="md">{t("pilot.noCosts")}</Text>
      ) : (
        <TableScroller minWidth={640} label={title}>
          <Table mb="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("pilot.cost.description")}</Table.Th>
                <Table.Th scope="col">{t("pilot.cost.amount")}</Table.Th>
                <Table.Th scope="col">{t("pilot.cost.proposal")}</Table.Th>
                <Table.Th scope="col">{t("pilot.cost.recorded")}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t("pilot.actions")}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {costs.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.description}</Table.Td>
                  <Table.Td>{money(c.amount_sek)}</Table.Td>
                  <Table.Td>{c.proposal}</Table.Td>
                  <Table.Td>{t("pilot.changedBy", { date: date(c.created_at), name: c.created_by_name ?? "–" })}</Table.Td>
                  <Table.Td>
                    <RowRemoval
                      confirming={confirmId === c.id}
                      query={{ removeCost: c.id }}
                      anchor={`confirm-cost-${c.id}`}
                      name={c.description}
                      question={t("pilot.removeCostConfirm", { description: c.description })}
                      intent="removeExtraCost"
                      fields={{ extraCostId: c.id }}
                      cancelTo={pathname}
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
      <Form method="post" noValidate>
        <FormErrorSummary errors={errors} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            name="description"
            label={t("pilot.cost.description")}
            required
            maxLength={300}
            defaultValue={values?.description}
            error={error("description")}
          />
          <TextInput name="amountSek" label={t("pilot.cost.amount")} required inputMode="numeric" defaultValue={values?.amountSek} error={error("amountSek")} />
        </SimpleGrid>
        <Textarea
          name="proposal"
          label={t("pilot.cost.proposal")}
          required
          mt="md"
          maxLength={2000}
          defaultValue={values?.proposal}
          error={error("proposal")}
        />
        <Button type="submit" name="intent" value="addExtraCost" mt="md">
          {t("pilot.addCost")}
        </Button>
      </Form>
    </SectionCard>
  );
}

/** Who changed what, and when. */
export function PilotChanges({
  changes,
}: {
  changes: { id: number; entity: string; entity_id: string; action: string; summary: string; changed_at: string; changed_by_name: string | null }[];
}) {
  const { t, date } = useI18n();
  return (
    <SectionCard title={t("pilot.changes")}>
      {changes.length === 0 ? (
        <Text>{t("pilot.noChanges")}</Text>
      ) : (
        <List spacing={4} size="sm">
          {changes.map((c) => (
            <List.Item key={c.id}>
              {t("pilot.changeLine", {
                date: date(c.changed_at),
                name: c.changed_by_name ?? "–",
                what: t(`pilot.entity.${c.entity}` as MessageKey),
                action: t(`pilot.action.${c.action}` as MessageKey),
              })}
              {c.summary ? ` – ${c.summary}` : ""}
            </List.Item>
          ))}
        </List>
      )}
    </SectionCard>
  );
}

export const outcomeInputs = [
  { name: "participants", key: "pilot.outcome.participants" },
  { name: "onSocialAssistance", key: "pilot.outcome.onSocialAssistance" },
  { name: "work", key: "pilot.outcome.work" },
  { name: "studies", key: "pilot.outcome.studies" },
  { name: "unemploymentBenefit", key: "pilot.outcome.unemployment_benefit" },
  { name: "socialAssistance", key: "pilot.outcome.social_assistance" },
  { name: "otherUnknown", key: "pilot.outcome.other_unknown" },
] as const satisfies readonly { name: string; key: MessageKey }[];

/** The form for one procurement's counts for a period and gender. Counts only: there is nowhere to write about a person. */
export function OutcomeForm({ errors, values }: { errors?: FieldErrors; values?: Record<string, string> }) {
  const { t } = useI18n();
  const error = useFieldError(errors);
  return (
    <Form method="post" noValidate>
      <FormErrorSummary errors={errors} />
      <Text size="sm" mb="sm">
        {t("pilot.outcome.hint")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput name="periodFrom" type="date" label={t("pilot.outcome.periodFrom")} required defaultValue={values?.periodFrom} error={error("periodFrom")} />
        <TextInput name="periodTo" type="date" label={t("pilot.outcome.periodTo")} required defaultValue={values?.periodTo} error={error("periodTo")} />
        <NativeSelect
          name="gender"
          label={t("pilot.outcome.gender")}
          required
          defaultValue={values?.gender ?? "women"}
          error={error("gender")}
          data={genders.map((g) => ({ value: g, label: t(`pilot.gender.${g}` as MessageKey) }))}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md">
        {outcomeInputs.map((f) => (
          <TextInput key={f.name} name={f.name} label={t(f.key)} required inputMode="numeric" defaultValue={values?.[f.name] ?? "0"} error={error(f.name)} />
        ))}
      </SimpleGrid>
      <Button type="submit" name="intent" value="saveOutcome" mt="md">
        {t("pilot.outcome.save")}
      </Button>
    </Form>
  );
}
