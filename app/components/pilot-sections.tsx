import { Button, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { Form, useLocation, useSearchParams } from "react-router";
import { parseId } from "../utils/ids";
import { RowRemoval } from "./confirm-action";
import { type ExtraCost, type PilotChange, type PilotNote, genders, notePoints } from "../domain/pilot";
import { extraCostSchema, notesSchema, outcomeSchema, periodSchema } from "../forms/pilot-forms";
import type { MessageKey, Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "./form-fields";
import { useMoney } from "./pilot-estimate";
import { SectionCard } from "./section-card";
import { TableScroller } from "./data-table";

/**
 * The rows a pilot page can remove, each behind a question (`RowRemoval`): the query parameter
 * that opens the question, the action's intent and the field that names the row.
 */
const removals = {
  cost: { query: "removeCost", intent: "removeExtraCost", field: "extraCostId" },
  outcome: { query: "removeOutcome", intent: "removeOutcome", field: "outcomeId" },
  value: { query: "removeValue", intent: "removeValue", field: "valueId" },
} as const;

/** The "remove" button of one row of a pilot page, or the question when the page was opened to confirm it. */
export function PilotRowRemoval({ row, id, name, question }: { row: keyof typeof removals; id: number; name: string; question: string }) {
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const { pathname } = useLocation();
  const removal = removals[row];
  return (
    <RowRemoval
      confirming={parseId(searchParams.get(removal.query)) === id}
      query={{ [removal.query]: id }}
      anchor={`confirm-${row}-${id}`}
      name={name}
      question={question}
      intent={removal.intent}
      fields={{ [removal.field]: id }}
      cancelTo={pathname}
      removeLabel={t("pilot.remove")}
      confirmLabel={t("pilot.removeConfirmButton")}
    />
  );
}

type Notes = Partial<Record<number, PilotNote>>;

const notesConstraint = getZodConstraint(notesSchema);

/** The free-text reporting points (2, 3, 4, 7, 8), for one procurement or the pilot as a whole. */
export function NotesForm({ title, notes, lastResult }: { title: string; notes: Notes; lastResult: FormReply | undefined }) {
  const { t, date } = useI18n();
  const id = "notes";
  const defaultValue = Object.fromEntries(notePoints.map((p) => [`note${p}`, notes[p]?.body ?? ""]));
  const { form, fields } = useSchemaForm<Record<string, string>>({ id, constraint: notesConstraint, lastResult, defaultValue });
  const field = useSchemaFields(id);
  const errors = useReplyMessages(lastResult);
  const labels = Object.fromEntries(notePoints.map((p) => [`note${p}`, `${p}. ${t(`pilot.point.${p}` as MessageKey)}`]));
  return (
    <SectionCard title={title}>
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <FormErrorSummary errors={errors} idPrefix={id} labels={labels} />
        <Stack gap="md">
          {notePoints.map((p) => {
            const note = notes[p];
            return (
              <Textarea
                key={p}
                {...field(fields[`note${p}`])}
                label={labels[`note${p}`]}
                description={note ? t("pilot.changedBy", { date: date(note.updated.at), name: note.updated.byName ?? "–" }) : undefined}
                autosize
                minRows={2}
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

const extraCostConstraint = getZodConstraint(extraCostSchema);

/** Extra costs with a proposal for handling each (reporting point 7). */
export function ExtraCostsSection({ title, costs, lastResult }: { title: string; costs: ExtraCost[]; lastResult: FormReply | undefined }) {
  const { t, date } = useI18n();
  const money = useMoney();
  const id = "extra-cost";
  const { form, fields } = useSchemaForm<Record<keyof typeof extraCostSchema.shape, string>>({ id, constraint: extraCostConstraint, lastResult });
  const field = useSchemaFields(id);
  const errors = useReplyMessages(lastResult);
  const labels = { description: t("pilot.cost.description"), amountSek: t("pilot.cost.amount"), proposal: t("pilot.cost.proposal") };
  return (
    <SectionCard title={title}>
      {costs.length === 0 ? (
        <Text mb="md">{t("pilot.noCosts")}</Text>
      ) : (
        <TableScroller minWidth={640} label={title}>
          <Table mb="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{labels.description}</Table.Th>
                <Table.Th scope="col">{labels.amountSek}</Table.Th>
                <Table.Th scope="col">{labels.proposal}</Table.Th>
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
                  <Table.Td>{money(c.amountSek)}</Table.Td>
                  <Table.Td>{c.proposal}</Table.Td>
                  <Table.Td>{t("pilot.changedBy", { date: date(c.created.at), name: c.created.byName ?? "–" })}</Table.Td>
                  <Table.Td>
                    <PilotRowRemoval row="cost" id={c.id} name={c.description} question={t("pilot.removeCostConfirm", { description: c.description })} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroller>
      )}
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <FormErrorSummary errors={errors} idPrefix={id} labels={labels} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...field(fields.description)} label={labels.description} />
          <TextInput {...field(fields.amountSek)} label={labels.amountSek} inputMode="numeric" />
        </SimpleGrid>
        <Textarea {...field(fields.proposal)} label={labels.proposal} mt="md" />
        <Button type="submit" name="intent" value="addExtraCost" mt="md">
          {t("pilot.addCost")}
        </Button>
      </Form>
    </SectionCard>
  );
}

/** A page's reporting-point texts and its extra costs, for one procurement or the pilot as a whole. */
export function NotesAndCosts({
  notesTitle,
  costsTitle,
  notes,
  costs,
  replyTo,
}: {
  notesTitle: string;
  costsTitle: string;
  notes: Notes;
  costs: ExtraCost[];
  /** The reply to the form of an intent, if that form failed. */
  replyTo: (intent: string) => FormReply | undefined;
}) {
  return (
    <>
      <NotesForm title={notesTitle} notes={notes} lastResult={replyTo("saveNotes")} />
      <ExtraCostsSection title={costsTitle} costs={costs} lastResult={replyTo("addExtraCost")} />
    </>
  );
}

/** Who changed what, and when. */
export function PilotChanges({ changes }: { changes: PilotChange[] }) {
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
                date: date(c.changed.at),
                name: c.changed.byName ?? "–",
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

const outcomeConstraint = getZodConstraint(outcomeSchema);

type OutcomeFormValues = Record<"periodFrom" | "periodTo" | "gender" | (typeof outcomeInputs)[number]["name"], string>;

/** A new row starts as nobody: every count 0. */
const emptyOutcome: Partial<OutcomeFormValues> = {
  gender: "women",
  ...Object.fromEntries(outcomeInputs.map((f) => [f.name, "0"])),
};

function outcomeLabels(t: Translate): Record<keyof OutcomeFormValues, string> {
  return {
    periodFrom: t("pilot.outcome.periodFrom"),
    periodTo: t("pilot.outcome.periodTo"),
    gender: t("pilot.outcome.gender"),
    ...(Object.fromEntries(outcomeInputs.map((f) => [f.name, t(f.key)])) as Record<(typeof outcomeInputs)[number]["name"], string>),
  };
}

/** The form for one procurement's counts for a period and gender. Counts only: there is nowhere to write about a person. */
export function OutcomeForm({ lastResult }: { lastResult: FormReply | undefined }) {
  const { t } = useI18n();
  const id = "outcome";
  const { form, fields } = useSchemaForm<OutcomeFormValues>({ id, constraint: outcomeConstraint, lastResult, defaultValue: emptyOutcome });
  const field = useSchemaFields(id);
  const errors = useReplyMessages(lastResult);
  const labels = outcomeLabels(t);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
      <FormErrorSummary errors={errors} idPrefix={id} labels={labels} />
      <Text size="sm" mb="sm">
        {t("pilot.outcome.hint")}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput {...field(fields.periodFrom)} type="date" label={labels.periodFrom} />
        <TextInput {...field(fields.periodTo)} type="date" label={labels.periodTo} />
        <NativeSelect {...field(fields.gender)} label={labels.gender} data={genders.map((g) => ({ value: g, label: t(`pilot.gender.${g}` as MessageKey) }))} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, sm: 4 }} mt="md">
        {outcomeInputs.map((f) => (
          <TextInput key={f.name} {...field(fields[f.name])} label={labels[f.name]} inputMode="numeric" />
        ))}
      </SimpleGrid>
      <Button type="submit" name="intent" value="saveOutcome" mt="md">
        {t("pilot.outcome.save")}
      </Button>
    </Form>
  );
}

const periodConstraint = getZodConstraint(periodSchema);

/**
 * The period the report covers, asked for in the address (a GET form): a malformed one is shown
 * under its field, as typed, while the whole pilot is reported.
 */
export function PeriodForm({ lastResult }: { lastResult: FormReply }) {
  const { t } = useI18n();
  const id = "period";
  const { form, fields } = useSchemaForm<{ from: string; to: string }>({ id, constraint: periodConstraint, lastResult });
  const field = useSchemaFields(id);
  return (
    <Form method="get" id={form.id} noValidate>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput {...field(fields.from)} type="date" label={t("pilot.report.from")} />
        <TextInput {...field(fields.to)} type="date" label={t("pilot.report.to")} />
        <Button type="submit" variant="default">
          {t("pilot.report.show")}
        </Button>
      </Group>
    </Form>
  );
}
