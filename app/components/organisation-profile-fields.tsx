import { Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import type { ReactNode } from "react";
import { Form } from "react-router";
import { CountedTextarea } from "./counted-textarea";
import { organisationKinds, serviceAreas, type OrganisationView } from "../domain/organisation";
import { organisationProfileSchema } from "../utils/forms";
import type { Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { FormErrorSummary, checkedValues, fieldId, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "./form-fields";

export type ProfileFormValues = {
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
};

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

const constraint = getZodConstraint(organisationProfileSchema);

/**
 * The organisation profile's form, used when registering and when editing: its fields' limits come
 * from `organisationProfileSchema`, its messages and what was typed from the action's reply. Keyed
 * by the stored values where it edits, so a saved profile shows as stored (the number normalised).
 */
export function OrganisationProfileForm({
  intent,
  lastResult,
  defaultValue,
  children,
}: {
  intent: string;
  lastResult: FormReply | undefined;
  defaultValue: ProfileFormValues;
  /** The submit button. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm<ProfileFormValues>({ id: "profile", constraint, lastResult, defaultValue });
  const field = useSchemaFields("profile");
  const errors = useReplyMessages(lastResult);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
      <input type="hidden" name="intent" value={intent} />
      <FormErrorSummary errors={errors} idPrefix="profile" labels={profileFieldLabels(t)} />
      <Stack gap="md">
        <TextInput {...field(fields.name)} label={t("edit.name")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...field(fields.orgNumber)} label={t("edit.orgNumber")} description={t("edit.orgNumberHint")} inputMode="numeric" />
          <NativeSelect {...field(fields.kind)} label={t("edit.kind")} data={organisationKinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
        </SimpleGrid>
        <CountedTextarea {...field(fields.description)} label={t("edit.description")} autosize minRows={4} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput {...field(fields.contactEmail)} type="email" label={t("edit.contactEmail")} />
          <TextInput {...field(fields.contactPhone)} type="tel" label={t("edit.contactPhone")} />
          <TextInput {...field(fields.website)} type="url" label={t("edit.website")} />
        </SimpleGrid>
        <Checkbox.Group label={t("edit.serviceAreas")} defaultValue={checkedValues(fields.serviceAreas)} error={field(fields.serviceAreas).error}>
          <Group gap="md" mt={6}>
            {serviceAreas.map((area, index) => (
              <Checkbox
                key={area}
                id={index === 0 ? fieldId("profile", "serviceAreas") : undefined}
                name={fields.serviceAreas.name}
                value={area}
                label={area}
              />
            ))}
          </Group>
        </Checkbox.Group>
        <TextInput {...field(fields.targetGroups)} label={t("edit.targetGroups")} description={t("edit.targetGroupsHint")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...field(fields.workforceShare)} label={t("edit.workforceShare")} description={t("edit.workforceShareHint")} inputMode="numeric" />
          <TextInput {...field(fields.workforceShareDate)} type="date" label={t("edit.workforceShareDate")} />
        </SimpleGrid>
      </Stack>
      {children}
    </Form>
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
  org: Pick<
    OrganisationView,
    "name" | "orgNumber" | "kind" | "description" | "contactEmail" | "contactPhone" | "website" | "workforceShare" | "workforceShareDate"
  >,
  serviceAreas: string[],
  targetGroups: string[],
): ProfileFormValues {
  return {
    name: org.name,
    orgNumber: org.orgNumber,
    kind: org.kind,
    description: org.description,
    contactEmail: org.contactEmail ?? "",
    contactPhone: org.contactPhone ?? "",
    website: org.website ?? "",
    serviceAreas,
    targetGroups: targetGroups.join(", "),
    workforceShare: org.workforceShare === null ? "" : String(org.workforceShare),
    workforceShareDate: org.workforceShareDate ?? "",
  };
}
