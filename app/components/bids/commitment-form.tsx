import { Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { Form } from "react-router";
import type { BidCommitmentView } from "../../domain/joint-bid-view";
import type { FieldErrors } from "../../utils/forms";
import type { MessageKey, Translate } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { weekdayNames } from "../bid-text";

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

/** One of the participant's own commitments, to change or remove while the bid is open. */
export function CommitmentForm({
  bidId,
  organisationId,
  commitment: c,
  errors,
}: {
  bidId: number;
  organisationId: number;
  commitment: BidCommitmentView;
  errors: FieldErrors | undefined;
}) {
  const { t } = useI18n();
  const legendId = `commitment-${c.id}`;
  const days = c.linePeriod === "weekday" ? c.lineWeekdays : [1, 2, 3, 4, 5, 6, 7];
  const error = (name: string) => (errors?.[name] ? t(errors[name].split("|")[0] as MessageKey) : undefined);
  return (
    <Form method="post" action={commitmentsAction(bidId)}>
      <fieldset aria-labelledby={legendId} style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4, padding: "0.75rem" }}>
        <legend id={legendId}>{capacityLineText(t, c)}</legend>
        <input type="hidden" name="organisationId" value={organisationId} />
        <input type="hidden" name="commitmentId" value={c.id} />
        <Stack gap="xs">
          <Text size="sm">{t("bids.commitment.available", { available: c.available ?? 0, deliveries: c.deliveries })}</Text>
          <Group align="start" gap="sm" wrap="wrap">
            <NativeSelect
              name="item"
              label={t("bids.commitment.item")}
              defaultValue={c.item}
              data={c.items.includes(c.item) ? c.items : [c.item, ...c.items]}
              error={error("item")}
            />
            <TextInput
              name="quantity"
              label={t("bids.commitment.quantity")}
              defaultValue={String(c.quantity)}
              inputMode="numeric"
              error={error("quantity")}
              w={180}
            />
          </Group>
          <Checkbox.Group label={t("bids.commitment.weekdays")} defaultValue={c.weekdays.map(String)} error={error("weekdays")}>
            <Group gap="sm" mt={4}>
              {days.map((d) => (
                <Checkbox key={d} name="weekdays" value={String(d)} label={t(`weekday.${d}` as MessageKey)} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput name="sites" label={t("bids.commitment.sites")} defaultValue={c.sites.join(", ")} error={error("sites")} />
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
