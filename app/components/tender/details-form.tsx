import { Button, Group, NativeSelect, Stack, TextInput } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { Form } from "react-router";
import { companySizes, type TenderDetails } from "../../domain/tender/tender";
import { tenderDetailsSchema } from "../../forms/tender-form";
import type { MessageKey } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../form-fields";

const constraint = getZodConstraint(tenderDetailsSchema);

/** One participant's details for its ESPD: address, company size and who signs. Several are on the page, one per organisation. */
export function DetailsForm({
  participant: p,
  lastResult,
}: {
  participant: { organisationId: number; name: string; details: TenderDetails | null };
  lastResult: FormReply | undefined;
}) {
  const { t } = useI18n();
  const prefix = `details-${p.organisationId}`;
  const stored = {
    streetAddress: p.details?.streetAddress ?? "",
    postalCode: p.details?.postalCode ?? "",
    city: p.details?.city ?? "",
    companySize: p.details?.companySize ?? "micro",
    signatoryName: p.details?.signatoryName ?? "",
    signatoryRole: p.details?.signatoryRole ?? "",
  };
  const { form, fields } = useSchemaForm<typeof stored>({ id: prefix, constraint, lastResult, defaultValue: stored });
  const field = useSchemaFields(prefix);
  const labels = {
    streetAddress: t("tender.form.streetAddress"),
    postalCode: t("tender.form.postalCode"),
    city: t("tender.form.city"),
    companySize: t("tender.form.companySize"),
    signatoryName: t("tender.form.signatoryName"),
    signatoryRole: t("tender.form.signatoryRole"),
  };
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate className="bid-no-print">
      <fieldset className="tender-fieldset">
        <legend>{t("tender.details.for", { organisation: p.name })}</legend>
        <FormErrorSummary errors={useReplyMessages(lastResult)} idPrefix={prefix} labels={labels} />
        <input type="hidden" name="organisationId" value={p.organisationId} />
        <Stack gap="sm">
          <TextInput {...field(fields.streetAddress)} label={labels.streetAddress} />
          <Group gap="sm" align="start" wrap="wrap">
            <TextInput {...field(fields.postalCode)} label={labels.postalCode} inputMode="numeric" w={160} />
            <TextInput {...field(fields.city)} label={labels.city} w={240} />
          </Group>
          <NativeSelect
            {...field(fields.companySize)}
            label={labels.companySize}
            data={companySizes.map((s) => ({ value: s, label: t(`tender.size.${s}` as MessageKey) }))}
            maw={420}
          />
          <TextInput {...field(fields.signatoryName)} label={labels.signatoryName} />
          <TextInput {...field(fields.signatoryRole)} label={labels.signatoryRole} />
          <Button type="submit" name="intent" value="saveDetails" w="fit-content">
            {t("tender.form.saveDetails")}
          </Button>
        </Stack>
      </fieldset>
    </Form>
  );
}
