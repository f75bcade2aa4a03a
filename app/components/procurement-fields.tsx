import { NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { procurementKinds, procurementStatuses } from "../domain/pilot";
import type { FieldErrors } from "../utils/forms";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { useFieldError } from "./form-fields";

export type ProcurementFormValues = Record<
  | "title"
  | "buyingUnit"
  | "supplierOrganisationId"
  | "supplierName"
  | "kind"
  | "cpvCode"
  | "status"
  | "startDate"
  | "endDate"
  | "contractValueSek"
  | "requestId",
  string
>;

export interface ProcurementChoices {
  organisations: { id: number; name: string }[];
  requests: { id: number; title: string }[];
}

/** Every field of a procurement in the register; plain inputs and native selects, so it works without JavaScript. */
export function ProcurementFields({ values, errors, choices }: { values: ProcurementFormValues; errors?: FieldErrors; choices: ProcurementChoices }) {
  const { t } = useI18n();
  const error = useFieldError(errors);
  return (
    <Stack gap="md">
      <TextInput name="title" label={t("pilot.field.title")} required maxLength={200} defaultValue={values.title} error={error("title")} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          name="buyingUnit"
          label={t("pilot.field.buyingUnit")}
          required
          maxLength={200}
          defaultValue={values.buyingUnit}
          error={error("buyingUnit")}
        />
        <NativeSelect
          name="kind"
          label={t("pilot.field.kind")}
          required
          defaultValue={values.kind}
          error={error("kind")}
          data={procurementKinds.map((k) => ({ value: k, label: t(`pilot.kind.${k}` as MessageKey) }))}
        />
        <NativeSelect
          name="supplierOrganisationId"
          label={t("pilot.field.supplierOrganisation")}
          defaultValue={values.supplierOrganisationId}
          error={error("supplierOrganisationId")}
          data={[{ value: "", label: t("pilot.field.noSupplierOrganisation") }, ...choices.organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
        />
        <TextInput
          name="supplierName"
          label={t("pilot.field.supplierName")}
          description={t("pilot.field.supplierNameHint")}
          maxLength={200}
          defaultValue={values.supplierName}
          error={error("supplierName")}
        />
        <NativeSelect
          name="status"
          label={t("pilot.field.status")}
          required
          defaultValue={values.status}
          error={error("status")}
          data={procurementStatuses.map((s) => ({ value: s, label: t(`pilot.status.${s}` as MessageKey) }))}
        />
        <TextInput
          name="cpvCode"
          label={t("pilot.field.cpv")}
          description={t("pilot.field.cpvHint")}
          maxLength={10}
          defaultValue={values.cpvCode}
          error={error("cpvCode")}
        />
        <TextInput name="startDate" type="date" label={t("pilot.field.startDate")} defaultValue={values.startDate} error={error("startDate")} />
        <TextInput name="endDate" type="date" label={t("pilot.field.endDate")} defaultValue={values.endDate} error={error("endDate")} />
        <TextInput
          name="contractValueSek"
          label={t("pilot.field.contractValue")}
          inputMode="numeric"
          defaultValue={values.contractValueSek}
          error={error("contractValueSek")}
        />
        <NativeSelect
          name="requestId"
          label={t("pilot.field.request")}
          defaultValue={values.requestId}
          error={error("requestId")}
          data={[{ value: "", label: t("pilot.field.noRequest") }, ...choices.requests.map((r) => ({ value: String(r.id), label: r.title }))]}
        />
      </SimpleGrid>
    </Stack>
  );
}

export const emptyProcurementValues: ProcurementFormValues = {
  title: "",
  buyingUnit: "",
  supplierOrganisationId: "",
  supplierName: "",
  kind: "dialogue_requirement",
  cpvCode: "",
  status: "planned",
  startDate: "",
  endDate: "",
  contractValueSek: "",
  requestId: "",
};
