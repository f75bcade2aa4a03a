import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import type { Constraint } from "@conform-to/dom";
import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { Form } from "react-router";
import type { CpvCode } from "../domain/cpv-code";
import { offeringUnits } from "../domain/organisation";
import { requestKinds } from "../domain/request";
import type { DemandLineValues, RequestFormValues } from "../forms/request-form";
import type { FormMessage } from "../utils/forms";
import type { MessageKey, Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { CpvField } from "./cpv-field";
import { checkedValues, fieldId, FormErrorSummary, useFormMessage, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "./form-fields";

const idPrefix = "request";

/** A ticked box as the form holds it: Conform's "on", or a stored `true`. */
const ticked = (value: unknown) => value === "on" || value === true;

/**
 * The request form: every field of a request, demand-line rows included (`lines[N].item`, …).
 * Its schema (`requestSchema`) reads the CPV vocabulary and stays on the server, so the loader
 * sends its limits (`constraint`). Plain named inputs, so the form works without JavaScript;
 * empty rows are ignored, and a refused form comes back with new empty ones. `cpvChoices` are the
 * codes the server offers after words that fit several. `children` go above the fields (the buyer
 * organisation).
 */
export function RequestForm({
  constraint,
  refused,
  defaultValue,
  published,
  submitLabel,
  children,
}: {
  constraint: Record<string, Constraint>;
  /** The action's answer to a refused form: the reply, and the CPV codes to choose from. */
  refused: { reply: FormReply; cpvChoices: CpvCode[] } | undefined;
  defaultValue: RequestFormValues;
  published: boolean;
  submitLabel: string;
  children?: ReactNode;
}) {
  const lastResult = refused?.reply;
  const cpvChoices = refused?.cpvChoices;
  const { t } = useI18n();
  const translate = useFormMessage();
  const { form, fields } = useSchemaForm<RequestFormValues>({ id: idPrefix, constraint, lastResult, defaultValue });
  const field = useSchemaFields(idPrefix);
  const errors = useReplyMessages(lastResult);
  const rows = fields.lines.getFieldList();
  const linesError = fields.lines.errors?.[0];
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
      <FormErrorSummary errors={errors} idPrefix={idPrefix} labels={requestFieldLabels(t, rows.length)} />
      {children}
      <Stack gap="md">
        {published && (
          <Textarea
            {...field(fields.changeNote)}
            // Optional in the schema, which serves drafts too; the model refuses a published request's change without it.
            required
            label={t("requests.form.changeNote")}
            description={t("requests.form.changeNoteHelp")}
            autosize
            minRows={2}
          />
        )}
        <NativeSelect
          {...field(fields.kind)}
          label={t("requests.form.kind")}
          data={requestKinds.map((k) => ({ value: k, label: t(`requests.kind.${k}` as MessageKey) }))}
        />
        <TextInput {...field(fields.title)} label={t("requests.form.title")} />
        <Textarea {...field(fields.description)} label={t("requests.form.description")} autosize minRows={3} />
        <CpvField {...field(fields.cpvCode)} label={t("requests.form.cpv")} description={t("requests.form.cpvHint")} choices={cpvChoices} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...field(fields.periodFrom)} type="date" label={t("requests.form.periodFrom")} />
          <TextInput {...field(fields.periodTo)} type="date" label={t("requests.form.periodTo")} />
          <TextInput {...field(fields.deadlineDate)} type="date" label={t("requests.form.deadlineDate")} />
          <TextInput {...field(fields.deadlineTime)} type="time" label={t("requests.form.deadlineTime")} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput {...field(fields.contactName)} label={t("requests.form.contactName")} />
          <TextInput {...field(fields.contactEmail)} type="email" label={t("requests.form.contactEmail")} />
          <TextInput {...field(fields.contactPhone)} type="tel" label={t("requests.form.contactPhone")} />
        </SimpleGrid>
        <Textarea {...field(fields.questions)} label={t("requests.form.questions")} description={t("requests.form.questionsHelp")} autosize minRows={2} />
        <Stack gap="sm" component="fieldset" id={fieldId(idPrefix, "lines")} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Title order={2} size="h4" component="legend">
            {t("requests.form.lines")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("requests.form.linesHelp")}
          </Text>
          {linesError && (
            <Text c="red.8" size="sm" role="alert">
              {translate(linesError)}
            </Text>
          )}
          {rows.map((row, i) => (
            <DemandLineRow key={row.key ?? i} index={i} row={row} />
          ))}
          <Checkbox
            name={fields.linesAreLots.name}
            id={fieldId(idPrefix, fields.linesAreLots.name)}
            label={t("requests.form.linesAreLots")}
            description={t("requests.form.linesAreLotsHelp")}
            // A published request's lots are fixed: the box is shown as stored, and not sent.
            defaultChecked={ticked(published ? defaultValue.linesAreLots : fields.linesAreLots.initialValue)}
            disabled={published}
            error={field(fields.linesAreLots).error}
          />
        </Stack>
      </Stack>
      <Button type="submit" mt="lg">
        {submitLabel}
      </Button>
    </Form>
  );
}

function DemandLineRow({ index, row }: { index: number; row: FieldMetadata<DemandLineValues, RequestFormValues, FormMessage[]> }) {
  const { t } = useI18n();
  const field = useSchemaFields(idPrefix);
  const line = row.getFieldset();
  // A row is optional as a whole (an empty one is no demand line): its fields are required only
  // once it is used, which the server says; the inputs are not marked required.
  const rowField = (meta: Parameters<typeof field>[0]) => ({ ...field(meta), required: false });
  return (
    <Stack gap="xs" component="fieldset" p="sm" style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4, minWidth: 0 }}>
      <Text component="legend" fw={600} size="sm">
        {t("requests.form.line", { n: index + 1 })}
      </Text>
      <input type="hidden" name={line.id.name} value={typeof line.id.initialValue === "string" ? line.id.initialValue : ""} />
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput {...rowField(line.item)} label={t("requests.form.item")} />
        <TextInput {...rowField(line.quantity)} label={t("requests.form.quantity")} inputMode="numeric" />
        <NativeSelect
          {...rowField(line.unit)}
          label={t("requests.form.unit")}
          data={offeringUnits.map((u) => ({ value: u, label: t(`unit.${u}` as MessageKey) }))}
        />
        <TextInput {...rowField(line.site)} label={t("requests.form.site")} />
      </SimpleGrid>
      <CpvField {...rowField(line.cpvCode)} label={t("requests.form.lineCpv")} description={t("requests.form.lineCpvHelp")} />
      <Checkbox.Group
        id={fieldId(idPrefix, line.weekdays.name)}
        label={t("requests.form.weekdays")}
        defaultValue={checkedValues(line.weekdays)}
        error={field(line.weekdays).error}
      >
        <Group gap="sm" mt={4}>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <Checkbox key={d} name={line.weekdays.name} value={String(d)} label={t(`weekday.${d}` as MessageKey)} />
          ))}
        </Group>
      </Checkbox.Group>
    </Stack>
  );
}

const lineFields = ["item", "quantity", "unit", "site", "cpvCode", "weekdays"] as const;
const lineLabels: Record<(typeof lineFields)[number], MessageKey> = {
  item: "requests.form.item",
  quantity: "requests.form.quantity",
  unit: "requests.form.unit",
  site: "requests.form.site",
  cpvCode: "requests.form.lineCpv",
  weekdays: "requests.form.weekdays",
};

/** The fields' labels by name, for the error summary; a demand line's fields are named with their row. */
export function requestFieldLabels(t: Translate, rows: number): Record<string, string> {
  const labels: Record<string, string> = {
    changeNote: t("requests.form.changeNote"),
    kind: t("requests.form.kind"),
    title: t("requests.form.title"),
    description: t("requests.form.description"),
    cpvCode: t("requests.form.cpv"),
    periodFrom: t("requests.form.periodFrom"),
    periodTo: t("requests.form.periodTo"),
    deadlineDate: t("requests.form.deadlineDate"),
    deadlineTime: t("requests.form.deadlineTime"),
    contactName: t("requests.form.contactName"),
    contactEmail: t("requests.form.contactEmail"),
    contactPhone: t("requests.form.contactPhone"),
    questions: t("requests.form.questions"),
    lines: t("requests.form.lines"),
    linesAreLots: t("requests.form.linesAreLots"),
  };
  for (let i = 0; i < rows; i++) {
    for (const name of lineFields) labels[`lines[${i}].${name}`] = `${t("requests.form.line", { n: i + 1 })}, ${t(lineLabels[name])}`;
  }
  return labels;
}
