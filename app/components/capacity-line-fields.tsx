import { Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { isoWeekdays } from "../domain/capacity";
import { typedValues, type FieldErrors } from "../utils/forms";
import type { MessageKey, Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { fieldId, useFieldError } from "./form-fields";

export interface CapacityLineFormValues {
  quantity: string;
  period: string;
  weekdays: string[];
  validFrom: string;
  validTo: string;
  sites: string;
}

export const emptyCapacityLine: CapacityLineFormValues = {
  quantity: "",
  period: "weekday",
  // No day ticked in advance: a line saved with days the user never chose is worse than an error.
  weekdays: [],
  validFrom: "",
  validTo: "",
  sites: "",
};

/** One capacity line: how much, per weekday or week, on which days, when, and where. */
export function CapacityLineFields({
  values,
  errors,
  unitLabel,
  idPrefix,
}: {
  values: CapacityLineFormValues;
  errors?: FieldErrors;
  unitLabel: string;
  /** Unique per capacity form on the page, e.g. "line-12" or "line-new". */
  idPrefix: string;
}) {
  const { t } = useI18n();
  const error = useFieldError(errors);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          name="quantity"
          id={fieldId(idPrefix, "quantity")}
          label={`${t("capacity.quantity")} (${unitLabel})`}
          inputMode="numeric"
          required
          defaultValue={values.quantity}
          error={error("quantity")}
        />
        <NativeSelect
          name="period"
          id={fieldId(idPrefix, "period")}
          label={t("offering.period")}
          defaultValue={values.period}
          error={error("period")}
          data={[
            { value: "weekday", label: t("capacity.perWeekday") },
            { value: "week", label: t("capacity.perWeek") },
          ]}
        />
      </SimpleGrid>
      <Checkbox.Group label={t("offering.weekdays")} defaultValue={values.weekdays} error={error("weekdays")}>
        <Group gap="sm" mt={4}>
          {isoWeekdays.map((d) => (
            <Checkbox key={d} id={d === 1 ? fieldId(idPrefix, "weekdays") : undefined} name="weekdays" value={String(d)} label={t(`weekday.${d}` as MessageKey)} />
          ))}
        </Group>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput name="validFrom"
          id={fieldId(idPrefix, "validFrom")} type="date" label={t("capacity.validFrom")} defaultValue={values.validFrom} error={error("validFrom")} />
        <TextInput name="validTo"
          id={fieldId(idPrefix, "validTo")} type="date" label={t("capacity.validTo")} defaultValue={values.validTo} error={error("validTo")} />
      </SimpleGrid>
      <TextInput
        name="sites"
        id={fieldId(idPrefix, "sites")}
        label={t("capacity.sites")}
        description={t("offering.sitesHint")}
        maxLength={500}
        defaultValue={values.sites}
        error={error("sites")}
      />
    </Stack>
  );
}

/** The fields' labels by name, for the error summary. */
export function capacityFieldLabels(t: Translate, unitLabel: string): Record<string, string> {
  return {
    quantity: `${t("capacity.quantity")} (${unitLabel})`,
    period: t("offering.period"),
    weekdays: t("offering.weekdays"),
    validFrom: t("capacity.validFrom"),
    validTo: t("capacity.validTo"),
    sites: t("capacity.sites"),
  };
}

/** What the user typed, to put back into the form after a failed submit. */
export function capacityValuesFromForm(form: Record<string, unknown>): CapacityLineFormValues {
  return typedValues(form, emptyCapacityLine);
}
