import { Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import type { CpvCode } from "../domain/cpv-code";
import { offeringUnits } from "../domain/organisation";
import { requestKinds } from "../domain/request";
import type { RequestFormValues } from "../forms/request-form";
import type { FieldErrors } from "../utils/forms";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { CpvField } from "./cpv-field";
import { useFieldError } from "./form-fields";

/**
 * Every field of a request, demand-line rows included. Plain named inputs, so the form works
 * without JavaScript; empty rows are ignored, and saving adds new empty ones. `cpvChoices` are the
 * codes the server offers after words that fit several.
 */
export function RequestFields({
  values,
  errors,
  published,
  cpvChoices,
}: {
  values: RequestFormValues;
  errors?: FieldErrors;
  published: boolean;
  cpvChoices?: CpvCode[];
}) {
  const { t } = useI18n();
  const error = useFieldError(errors);
  return (
    <Stack gap="md">
      {published && (
        <Textarea
          name="changeNote"
          label={t("requests.form.changeNote")}
          description={t("requests.form.changeNoteHelp")}
          required
          autosize
          minRows={2}
          maxLength={2000}
          defaultValue={values.changeNote}
          error={error("changeNote")}
        />
      )}
      <NativeSelect
        name="kind"
        label={t("requests.form.kind")}
        required
        defaultValue={values.kind}
        error={error("kind")}
        data={requestKinds.map((k) => ({ value: k, label: t(`requests.kind.${k}` as MessageKey) }))}
      />
      <TextInput name="title" label={t("requests.form.title")} required maxLength={200} defaultValue={values.title} error={error("title")} />
      <Textarea
        name="description"
        label={t("requests.form.description")}
        autosize
        minRows={3}
        maxLength={8000}
        defaultValue={values.description}
        error={error("description")}
      />
      <CpvField
        id="request-cpvCode"
        label={t("requests.form.cpv")}
        description={t("requests.form.cpvHint")}
        defaultValue={values.cpvCode}
        error={error("cpvCode")}
        choices={cpvChoices}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="date" name="periodFrom" label={t("requests.form.periodFrom")} required defaultValue={values.periodFrom} error={error("periodFrom")} />
        <TextInput type="date" name="periodTo" label={t("requests.form.periodTo")} required defaultValue={values.periodTo} error={error("periodTo")} />
        <TextInput
          type="date"
          name="deadlineDate"
          label={t("requests.form.deadlineDate")}
          required
          defaultValue={values.deadlineDate}
          error={error("deadlineDate")}
        />
        <TextInput
          type="time"
          name="deadlineTime"
          label={t("requests.form.deadlineTime")}
          required
          defaultValue={values.deadlineTime}
          error={error("deadlineTime")}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          name="contactName"
          label={t("requests.form.contactName")}
          required
          maxLength={120}
          defaultValue={values.contactName}
          error={error("contactName")}
        />
        <TextInput
          type="email"
          name="contactEmail"
          label={t("requests.form.contactEmail")}
          required
          defaultValue={values.contactEmail}
          error={error("contactEmail")}
        />
        <TextInput type="tel" name="contactPhone" label={t("requests.form.contactPhone")} defaultValue={values.contactPhone} error={error("contactPhone")} />
      </SimpleGrid>
      <Textarea
        name="questions"
        label={t("requests.form.questions")}
        description={t("requests.form.questionsHelp")}
        autosize
        minRows={2}
        defaultValue={values.questions}
        error={error("questions")}
      />
      <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Title order={2} size="h4" component="legend">
          {t("requests.form.lines")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("requests.form.linesHelp")}
        </Text>
        {errors?.lines && (
          <Text c="red.8" size="sm" role="alert">
            {error("lines")}
          </Text>
        )}
        {values.lines.map((line, i) => (
          <DemandLineRow key={i} index={i} line={line} error={(field) => error(`lines.${i}.${field}`)} />
        ))}
        <Checkbox
          name="linesAreLots"
          label={t("requests.form.linesAreLots")}
          description={t("requests.form.linesAreLotsHelp")}
          defaultChecked={values.linesAreLots}
          disabled={published}
          error={error("linesAreLots")}
        />
      </Stack>
    </Stack>
  );
}

function DemandLineRow({ index, line, error }: { index: number; line: RequestFormValues["lines"][number]; error: (field: string) => string | undefined }) {
  const { t } = useI18n();
  const name = (field: string) => `line-${index}-${field}`;
  return (
    <Stack gap="xs" component="fieldset" p="sm" style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4, minWidth: 0 }}>
      <Text component="legend" fw={600} size="sm">
        {t("requests.form.line", { n: index + 1 })}
      </Text>
      <input type="hidden" name={name("id")} value={line.id} />
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput name={name("item")} label={t("requests.form.item")} maxLength={200} defaultValue={line.item} error={error("item")} />
        <TextInput name={name("quantity")} label={t("requests.form.quantity")} inputMode="numeric" defaultValue={line.quantity} error={error("quantity")} />
        <NativeSelect
          name={name("unit")}
          label={t("requests.form.unit")}
          defaultValue={line.unit}
          error={error("unit")}
          data={offeringUnits.map((u) => ({ value: u, label: t(`unit.${u}` as MessageKey) }))}
        />
        <TextInput name={name("site")} label={t("requests.form.site")} maxLength={120} defaultValue={line.site} error={error("site")} />
      </SimpleGrid>
      <CpvField
        id={`request-${name("cpvCode")}`}
        name={name("cpvCode")}
        required={false}
        label={t("requests.form.lineCpv")}
        description={t("requests.form.lineCpvHelp")}
        defaultValue={line.cpvCode}
        error={error("cpvCode")}
      />
      <Checkbox.Group label={t("requests.form.weekdays")} defaultValue={line.weekdays} error={error("weekdays")}>
        <Group gap="sm" mt={4}>
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <Checkbox key={d} name={name("weekdays")} value={String(d)} label={t(`weekday.${d}` as MessageKey)} />
          ))}
        </Group>
      </Checkbox.Group>
    </Stack>
  );
}
