import { Button, NativeSelect, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { Form } from "react-router";
import { procurementKinds, procurementStatuses } from "../domain/pilot";
import { procurementSchema } from "../forms/pilot-forms";
import type { MessageKey, Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "./form-fields";

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

const constraint = getZodConstraint(procurementSchema);

type Choice = { value: string; label: string };

/**
 * The register's fields in the order the form shows them after the title: a select's choices,
 * or a text input's type, hint and keyboard. The same list labels the error summary.
 */
function procurementInputs(t: Translate, choices: ProcurementChoices) {
  const none = (key: MessageKey): Choice[] => [{ value: "", label: t(key) }];
  return [
    { name: "buyingUnit", label: t("pilot.field.buyingUnit") },
    { name: "kind", label: t("pilot.field.kind"), data: procurementKinds.map((k) => ({ value: k, label: t(`pilot.kind.${k}` as MessageKey) })) },
    {
      name: "supplierOrganisationId",
      label: t("pilot.field.supplierOrganisation"),
      data: [...none("pilot.field.noSupplierOrganisation"), ...choices.organisations.map((o) => ({ value: String(o.id), label: o.name }))],
    },
    { name: "supplierName", label: t("pilot.field.supplierName"), description: t("pilot.field.supplierNameHint") },
    { name: "status", label: t("pilot.field.status"), data: procurementStatuses.map((s) => ({ value: s, label: t(`pilot.status.${s}` as MessageKey) })) },
    { name: "cpvCode", label: t("pilot.field.cpv"), description: t("pilot.field.cpvHint") },
    { name: "startDate", label: t("pilot.field.startDate"), type: "date" },
    { name: "endDate", label: t("pilot.field.endDate"), type: "date" },
    { name: "contractValueSek", label: t("pilot.field.contractValue"), inputMode: "numeric" as const },
    {
      name: "requestId",
      label: t("pilot.field.request"),
      data: [...none("pilot.field.noRequest"), ...choices.requests.map((r) => ({ value: String(r.id), label: r.title }))],
    },
  ] satisfies { name: keyof ProcurementFormValues; label: string; data?: Choice[]; description?: string; type?: string; inputMode?: "numeric" }[];
}

/** The register's two procurement forms: the form's id, the action's intent and the button's label. */
const procurementForms = {
  new: { id: "procurement-new", intent: "createProcurement", submit: "pilot.addProcurementButton" },
  edit: { id: "procurement-edit", intent: "updateProcurement", submit: "pilot.saveProcurement" },
} as const satisfies Record<string, { id: string; intent: string; submit: MessageKey }>;

/**
 * A procurement of the register, new or edited; plain inputs and native selects, so it works
 * without JavaScript. Its limits come from `procurementSchema`, its messages and what was typed
 * from the action's reply (to the form's intent).
 */
export function ProcurementForm({
  mode,
  replyTo,
  defaultValue,
  choices,
}: {
  mode: keyof typeof procurementForms;
  replyTo: (intent: string) => FormReply | undefined;
  defaultValue: ProcurementFormValues;
  choices: ProcurementChoices;
}) {
  const { t } = useI18n();
  const { id, intent, submit } = procurementForms[mode];
  const lastResult = replyTo(intent);
  const { form, fields } = useSchemaForm<ProcurementFormValues>({ id, constraint, lastResult, defaultValue });
  const field = useSchemaFields(id);
  const errors = useReplyMessages(lastResult);
  const inputs = procurementInputs(t, choices);
  const labels = Object.fromEntries([["title", t("pilot.field.title")], ...inputs.map((i) => [i.name, i.label])]);
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
      <FormErrorSummary errors={errors} idPrefix={id} labels={labels} />
      <Stack gap="md">
        <TextInput {...field(fields.title)} label={labels.title} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {inputs.map(({ name, data, ...input }) =>
            data ? <NativeSelect key={name} {...field(fields[name])} {...input} data={data} /> : <TextInput key={name} {...field(fields[name])} {...input} />,
          )}
        </SimpleGrid>
      </Stack>
      <Button type="submit" name="intent" value={intent} mt="lg">
        {t(submit)}
      </Button>
    </Form>
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
