import { NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import type { CpvCode } from "../domain/cpv-code";
import { offeringUnits } from "../domain/organisation";
import { typedValues, type FieldErrors } from "../utils/forms";
import type { MessageKey, Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { CpvField } from "./cpv-field";
import { fieldId, useFieldError } from "./form-fields";

export interface OfferingFormValues {
  title: string;
  description: string;
  cpvCode: string;
  unit: string;
}

/**
 * Title, description, CPV code and unit. The CPV field (`CpvField`) suggests codes as you type,
 * and works without JavaScript; `cpvChoices` are the codes the server offers after words that fit
 * several.
 */
export function OfferingFields({
  values,
  errors,
  cpvChoices,
  idPrefix = "offering",
}: {
  values: OfferingFormValues;
  errors?: FieldErrors;
  cpvChoices?: CpvCode[];
  idPrefix?: string;
}) {
  const { t } = useI18n();
  const error = useFieldError(errors);
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
        <CpvField
          id={fieldId(idPrefix, "cpvCode")}
          label={t("offering.cpv")}
          description={t("offering.cpvHint")}
          defaultValue={values.cpvCode}
          error={error("cpvCode")}
          choices={cpvChoices}
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
