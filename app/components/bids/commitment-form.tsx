import { Button, Group, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { Form } from "react-router";
import type { BidCommitmentView } from "../../domain/joint-bid-view";
import { commitmentSchema } from "../../forms/commitment-form";
import type { Translate } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { weekdayNames } from "../bid-text";
import { useSchemaFields, useSchemaForm, type FormReply } from "../form-fields";
import { WeekdayCheckboxes } from "../weekday-checkboxes";

/** Where a participant's commitment forms post (the route bids.$id.commitments). */
export const commitmentsAction = (bidId: number) => `/bids/${bidId}/commitments`;

export function commitmentText(t: Translate, c: BidCommitmentView): string {
  return t("bids.commitment.summary", {
    quantity: c.quantity,
    item: c.item,
    weekdays: weekdayNames(t, c.weekdays),
    sites: c.sites.length ? c.sites.join(", ") : t("bids.commitment.allSites"),
  });
}

/** A capacity line as the participant knows it: "Sallader: kapacitet 40 per leveransdag, till Stadshuset". */
export function capacityLineText(t: Translate, line: Pick<BidCommitmentView, "offeringTitle" | "lineQuantity" | "linePeriod" | "lineSites">): string {
  return t("bids.commitment.legend", {
    offering: line.offeringTitle,
    quantity: line.lineQuantity,
    period: t(`bids.period.${line.linePeriod}`),
    sites: line.lineSites.length ? t("bids.commitment.at", { sites: line.lineSites.join(", ") }) : t("bids.commitment.anywhere"),
  });
}

const constraint = getZodConstraint(commitmentSchema);

/** One of the participant's own commitments, to change or remove while the bid is open. */
export function CommitmentForm({
  bidId,
  organisationId,
  commitment: c,
  lastResult,
}: {
  bidId: number;
  organisationId: number;
  commitment: BidCommitmentView;
  lastResult: FormReply | undefined;
}) {
  const { t } = useI18n();
  const prefix = `commitment-${c.id}`;
  const legendId = `${prefix}-legend`;
  const days = c.linePeriod === "weekday" ? c.lineWeekdays : [1, 2, 3, 4, 5, 6, 7];
  const stored = { item: c.item, quantity: String(c.quantity), weekdays: c.weekdays.map(String), sites: c.sites.join(", ") };
  const { form, fields } = useSchemaForm<typeof stored>({ id: prefix, constraint, lastResult, defaultValue: stored });
  const field = useSchemaFields(prefix);
  return (
    <Form method="post" action={commitmentsAction(bidId)} id={form.id} onSubmit={form.onSubmit} noValidate>
      <fieldset aria-labelledby={legendId} style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4, padding: "0.75rem" }}>
        <legend id={legendId}>{capacityLineText(t, c)}</legend>
        <input type="hidden" name="organisationId" value={organisationId} />
        <input type="hidden" name="commitmentId" value={c.id} />
        <Stack gap="xs">
          <Text size="sm">{t("bids.commitment.available", { available: c.available ?? 0, deliveries: c.deliveries })}</Text>
          <Group align="start" gap="sm" wrap="wrap">
            <NativeSelect {...field(fields.item)} label={t("bids.commitment.item")} data={c.items.includes(c.item) ? c.items : [c.item, ...c.items]} />
            <TextInput {...field(fields.quantity)} label={t("bids.commitment.quantity")} inputMode="numeric" w={180} />
          </Group>
          <WeekdayCheckboxes idPrefix={prefix} field={fields.weekdays} label={t("bids.commitment.weekdays")} days={days} />
          <TextInput {...field(fields.sites)} label={t("bids.commitment.sites")} />
          <Group gap="sm" className="bid-no-print">
            <Button type="submit" name="intent" value="saveCommitment" size="xs">
              {t("bids.commitment.save")}
            </Button>
            <Button type="submit" name="intent" value="removeCommitment" size="xs" variant="outline" color="red.9">
              {t("bids.commitment.remove")}
            </Button>
          </Group>
        </Stack>
      </fieldset>
    </Form>
  );
}
