import { NativeSelect, Radio, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { cpvCodes } from "../domain/cpv";
import { cpvKeywords, searchCpvCodes } from "../domain/cpv-search";
import { offeringUnits } from "../domain/organisation";
import { typedValues, type FieldErrors } from "../utils/forms";
import type { MessageKey, Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { fieldId, useFieldError } from "./form-fields";

export interface OfferingFormValues {
  title: string;
  description: string;
  cpvCode: string;
  unit: string;
}

/**
 * Title, description, CPV code and unit. The CPV field is a text input with a list of suggestions
 * (datalist): searchable as you type in every browser, and it works without JavaScript.
 */
export function OfferingFields({
  values,
  errors,
  idPrefix = "offering",
}: {
  values: OfferingFormValues;
  errors?: FieldErrors;
  idPrefix?: string;
}) {
  const { t, locale } = useI18n();
  const error = useFieldError(errors);
  // Words that matched several codes: offer those codes to choose from (works without JavaScript).
  const suggestions = errors?.cpvCode === "form.cpvChoose" ? searchCpvCodes(values.cpvCode).slice(0, 8) : [];
  return (
    <Stack gap="md">
      <TextInput name="title"
        id={fieldId(idPrefix, "title")} label={t("offering.title")} required maxLength={120} defaultValue={values.title} error={error("title")} />
      <Textarea
        name="description"
        id={fieldId(idPrefix, "description")}
        label={t("offering.description")}
        autosize
        minRows={3}
        maxLength={2000}
        defaultValue={values.description}
        error={error("description")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          name="cpvCode"
          id={fieldId(idPrefix, "cpvCode")}
          label={t("offering.cpv")}
          description={t("offering.cpvHint")}
          required
          list="cpv-codes"
          autoComplete="off"
          defaultValue={values.cpvCode}
          error={error("cpvCode")}
        />
        <NativeSelect
          name="unit"
          id={fieldId(idPrefix, "unit")}
          label={t("offering.unit")}
          required
          defaultValue={values.unit}
          error={error("unit")}
          data={offeringUnits.map((u) => ({ value: u, label: t(`unit.${u}` as MessageKey) }))}
        />
      </SimpleGrid>
      {suggestions.length > 0 && (
        <Radio.Group name="cpvChoice" label={t("offering.cpvSuggestions", { text: values.cpvCode })}>
          <Stack gap={6} mt={6}>
            {suggestions.map((c) => (
              <Radio key={c.code} value={c.code} label={`${c.code} ${c[locale]}`} />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {/* The browser filters the list on the label too, so everyday words ("sallad") find their code. */}
      <datalist id="cpv-codes">
        {cpvCodes.map((c) => (
          <option key={c.code} value={`${c.code} ${c[locale]}`} label={[c[locale], ...cpvKeywords(c.code)].join(", ")} />
        ))}
      </datalist>
    </Stack>
  );
}

/** The fields' labels by name, for the error summary. */
export function offeringFieldLabels(t: Translate): Record<string, string> {
  return { title: t("offering.title"), description: t("offering.description"), cpvCode: t("offering.cpv"), unit: t("offering.unit") };
}

export const emptyOfferingValues: OfferingFormValues = { title: "", description: "", cpvCode: "", unit: "portions" };

/** What the user typed, to put back into the form after a failed submit. */
export function offeringValuesFromForm(form: Record<string, unknown>): OfferingFormValues {
  return typedValues(form, emptyOfferingValues);
}
