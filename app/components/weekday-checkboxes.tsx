import { Checkbox, Group } from "@mantine/core";
import { isoWeekdays } from "../domain/capacity";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { checkedValues, fieldId, useSchemaFields } from "./form-fields";

type SchemaField = Parameters<ReturnType<typeof useSchemaFields>>[0];

/**
 * A weekday field of a form on Conform: a box per day (1 Monday … 7 Sunday), the ticked ones kept
 * after a refusal. The first box carries the field's id, which the error summary links to.
 */
export function WeekdayCheckboxes({
  idPrefix,
  field,
  label,
  days = isoWeekdays,
}: {
  idPrefix: string;
  field: SchemaField;
  label: string;
  /** The days that may be ticked (a commitment only its capacity line's). */
  days?: readonly number[];
}) {
  const { t } = useI18n();
  const error = useSchemaFields(idPrefix)(field).error;
  return (
    <Checkbox.Group label={label} defaultValue={checkedValues(field)} error={error}>
      <Group gap="sm" mt={4}>
        {days.map((d) => (
          <Checkbox
            key={d}
            id={d === days[0] ? fieldId(idPrefix, field.name) : undefined}
            name={field.name}
            value={String(d)}
            label={t(`weekday.${d}` as MessageKey)}
          />
        ))}
      </Group>
    </Checkbox.Group>
  );
}
