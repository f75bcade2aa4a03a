import { Anchor, List, Text } from "@mantine/core";
import { Link } from "react-router";
import { useI18n } from "../utils/use-i18n";

/** What the list shows of each bid the offering model names (its `BidBeyondLine`), so a component needs no model. */
interface BidBeyond {
  bidId: number;
  capacityLineId: number;
  requestTitle: string;
  quantity: number;
}

/**
 * Beside a refused cut of capacity (decision 018): the joint bids whose confirmed commitments need
 * what the change would take away, each linked, with what it has confirmed, and the way out.
 */
export function BelowCommitments({ bids, unitLabel }: { bids: readonly BidBeyond[]; unitLabel: string }) {
  const { t, number } = useI18n();
  return (
    <>
      <List size="sm" mb="xs" spacing={2}>
        {bids.map((b) => (
          <List.Item key={`${b.bidId}:${b.capacityLineId}`}>
            <Anchor component={Link} to={`/bids/${b.bidId}`} underline="always">
              {t("offering.belowCommitmentsBid", { bid: b.bidId, request: b.requestTitle, quantity: number(b.quantity), unit: unitLabel })}
            </Anchor>
          </List.Item>
        ))}
      </List>
      <Text size="sm" mb="md">
        {t("offering.belowCommitmentsWayOut")}
      </Text>
    </>
  );
}
