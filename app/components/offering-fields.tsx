import { NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { cpvCodes } from "../domain/cpv";
import { offeringUnits } from "../domain/organisation";
import { typedValues, type FieldErrors } from "../utils/forms";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { useFieldError } from "./form-fields";

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
export function OfferingFields({ values, errors }: { values: OfferingFormValues; errors?: FieldErrors }) {
  const { t, locale } = useI18n();
  const error = useFieldError(errors);
  return (
    <Stack gap="md">
      <TextInput name="title" label={t("offering.title")} required maxLength={120} defaultValue={values.title} error={error("title")} />
      <Textarea
        name="description"
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
          label={t("offering.unit")}
          required
          defaultValue={values.unit}
          error={error("unit")}
          data={offeringUnits.map((u) => ({ value: u, label: t(`unit.${u}` as MessageKey) }))}
        />
      </SimpleGrid>
      <datalist id="cpv-codes">
        {cpvCodes.map((c) => (
          <option key={c.code} value={`${c.code} ${c[locale]}`} />
        ))}
      </datalist>
    </Stack>
  );
}

export const emptyOfferingValues: OfferingFormValues = { title: "", description: "", cpvCode: "", unit: "portions" };

/** What the user typed, to put back into the form after a failed submit. */
export function offeringValuesFromForm(form: Record<string, unknown>): OfferingFormValues {
  return typedValues(form, emptyOfferingValues);
}
