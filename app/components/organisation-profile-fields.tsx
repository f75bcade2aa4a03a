import { Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { CountedTextarea } from "./counted-textarea";
import { organisationKinds, serviceAreas } from "../domain/organisation";
import { typedValues, type FieldErrors } from "../utils/forms";
import type { Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { fieldId, useFieldError } from "./form-fields";

export interface ProfileFormValues {
  name: string;
  orgNumber: string;
  kind: string;
  description: string;
  contactEmail: string;
  contactPhone: string;
  website: string;
  serviceAreas: string[];
  targetGroups: string;
  workforceShare: string;
  workforceShareDate: string;
}

export const emptyProfileValues: ProfileFormValues = {
  name: "",
  orgNumber: "",
  kind: "work_integrating",
  description: "",
  contactEmail: "",
  contactPhone: "",
  website: "",
  serviceAreas: [],
  targetGroups: "",
  workforceShare: "",
  workforceShareDate: "",
};

/** The organisation profile fields, used when registering and when editing. */
export function OrganisationProfileFields({
  values,
  errors,
  idPrefix = "profile",
}: {
  values: ProfileFormValues;
  errors?: FieldErrors;
  idPrefix?: string;
}) {
  const { t } = useI18n();
  const error = useFieldError(errors);
  return (
    <Stack gap="md">
      <TextInput name="name"
        id={fieldId(idPrefix, "name")} label={t("edit.name")} required maxLength={120} defaultValue={values.name} error={error("name")} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          name="orgNumber"
          id={fieldId(idPrefix, "orgNumber")}
          label={t("edit.orgNumber")}
          description={t("edit.orgNumberHint")}
          required
          inputMode="numeric"
          defaultValue={values.orgNumber}
          error={error("orgNumber")}
        />
        <NativeSelect
          name="kind"
          id={fieldId(idPrefix, "kind")}
          label={t("edit.kind")}
          required
          defaultValue={values.kind}
          error={error("kind")}
          data={organisationKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
      </SimpleGrid>
      <CountedTextarea
        name="description"
        id={fieldId(idPrefix, "description")}
        label={t("edit.description")}
        autosize
        minRows={4}
        max={4000}
        defaultValue={values.description}
        error={error("description")}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput name="contactEmail"
          id={fieldId(idPrefix, "contactEmail")} type="email" label={t("edit.contactEmail")} defaultValue={values.contactEmail} error={error("contactEmail")} />
        <TextInput name="contactPhone"
          id={fieldId(idPrefix, "contactPhone")} type="tel" label={t("edit.contactPhone")} defaultValue={values.contactPhone} error={error("contactPhone")} />
        <TextInput name="website"
          id={fieldId(idPrefix, "website")} type="url" label={t("edit.website")} defaultValue={values.website} error={error("website")} />
      </SimpleGrid>
      <Checkbox.Group label={t("edit.serviceAreas")} defaultValue={values.serviceAreas} error={error("serviceAreas")}>
        <Group gap="md" mt={6}>
          {serviceAreas.map((area, index) => (
            <Checkbox key={area} id={index === 0 ? fieldId(idPrefix, "serviceAreas") : undefined} name="serviceAreas" value={area} label={area} />
          ))}
        </Group>
      </Checkbox.Group>
      <TextInput
        name="targetGroups"
        id={fieldId(idPrefix, "targetGroups")}
        label={t("edit.targetGroups")}
        description={t("edit.targetGroupsHint")}
        maxLength={500}
        defaultValue={values.targetGroups}
        error={error("targetGroups")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          name="workforceShare"
          id={fieldId(idPrefix, "workforceShare")}
          label={t("edit.workforceShare")}
          description={t("edit.workforceShareHint")}
          inputMode="numeric"
          defaultValue={values.workforceShare}
          error={error("workforceShare")}
        />
        <TextInput
          name="workforceShareDate"
          id={fieldId(idPrefix, "workforceShareDate")}
          type="date"
          label={t("edit.workforceShareDate")}
          defaultValue={values.workforceShareDate}
          error={error("workforceShareDate")}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** The fields' labels by name, for the error summary. */
export function profileFieldLabels(t: Translate): Record<string, string> {
  return {
    name: t("edit.name"),
    orgNumber: t("edit.orgNumber"),
    kind: t("edit.kind"),
    description: t("edit.description"),
    contactEmail: t("edit.contactEmail"),
    contactPhone: t("edit.contactPhone"),
    website: t("edit.website"),
    serviceAreas: t("edit.serviceAreas"),
    targetGroups: t("edit.targetGroups"),
    workforceShare: t("edit.workforceShare"),
    workforceShareDate: t("edit.workforceShareDate"),
  };
}

/** The form filled with the profile as stored. */
export function storedProfileValues(
  org: {
    name: string;
    org_number: string;
    kind: string;
    description: string;
    contact_email: string | null;
    contact_phone: string | null;
    website: string | null;
    workforce_share: number | null;
    workforce_share_date: string | null;
  },
  serviceAreas: string[],
  targetGroups: string[],
): ProfileFormValues {
  return {
    name: org.name,
    orgNumber: org.org_number,
    kind: org.kind,
    description: org.description,
    contactEmail: org.contact_email ?? "",
    contactPhone: org.contact_phone ?? "",
    website: org.website ?? "",
    serviceAreas,
    targetGroups: targetGroups.join(", "),
    workforceShare: org.workforce_share === null ? "" : String(org.workforce_share),
    workforceShareDate: org.workforce_share_date ?? "",
  };
}

/** What the user typed, to put back into the form after a failed submit. */
export function profileValuesFromForm(form: Record<string, unknown>): ProfileFormValues {
  return typedValues(form, emptyProfileValues);
}
