import { Anchor, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { RecordedAward } from "../../domain/request-view";
import { useI18n } from "../../utils/use-i18n";
import { SectionCard } from "../section-card";

/** Who won, and the contract's value and period, for everyone who may see the request. */
export function AwardSection({ award }: { award: RecordedAward }) {
  const { t, date, money } = useI18n();
  return (
    <SectionCard title={t("award.result")}>
      <Stack gap="xs">
        <Text>
          {award.winner.kind === "bid"
            ? t("award.result.bid", { date: date(award.awardedAt), lead: award.winner.name })
            : t("award.result.response", { date: date(award.awardedAt), organisation: award.winner.name })}
        </Text>
        <Text>{t("award.result.contract", { value: money(award.valueOre), from: date(award.contractFrom), to: date(award.contractTo) })}</Text>
        {award.winner.kind === "bid" && (
          <Anchor component={Link} to={`/bids/${award.winner.bidId}`} size="sm">
            {t("award.result.bidLink")}
          </Anchor>
        )}
      </Stack>
    </SectionCard>
  );
}
