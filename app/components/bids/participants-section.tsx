import { Anchor, Badge, Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useLocation, useSearchParams } from "react-router";
import type { BidPageView, BidParticipantView } from "../../domain/joint-bid-view";
import type { BidRefusal } from "../../utils/bid-messages";
import { parseId } from "../../utils/ids";
import { useI18n } from "../../utils/use-i18n";
import { reasonsText } from "../bid-text";
import { RowRemoval } from "../confirm-action";
import { SectionCard } from "../section-card";
import { capacityLineText, commitmentText, commitmentsAction, CommitmentForm } from "./commitment-form";
import { FocusedMessage } from "./focused-message";

/**
 * The bid's participants, each with its answer to the invitation and its commitments, and the
 * lead's invitation form. Drawn by the bid page, or by the commitments route a participant's form
 * posted to (bids.$id.commitments), which passes on what it sent back.
 */
export function ParticipantsSection({ page, manage, result }: { page: BidPageView; manage: boolean; result?: BidRefusal }) {
  const { t } = useI18n();
  const open = page.status === "draft" || page.status === "committed";
  return (
    <SectionCard title={t("bids.participants")}>
      <Stack gap="lg">
        {page.participants.map((p) => (
          <ParticipantCard
            key={p.organisationId}
            bidId={page.id}
            participant={p}
            reserved={page.request.kind === "reserved"}
            open={open}
            requestOpen={page.request.open}
            manage={manage}
            result={result}
          />
        ))}
        {manage && open && page.invitable.length > 0 && (
          <Form method="post" action={`/bids/${page.id}`} className="bid-no-print">
            <Group align="end" gap="sm">
              <NativeSelect name="organisationId" label={t("bids.inviteLabel")} data={page.invitable.map((o) => ({ value: String(o.id), label: o.name }))} />
              <Button type="submit" name="intent" value="invite" variant="outline">
                {t("bids.invite")}
              </Button>
            </Group>
          </Form>
        )}
      </Stack>
    </SectionCard>
  );
}

function ParticipantCard({
  bidId,
  participant: p,
  reserved,
  open,
  requestOpen,
  manage,
  result,
}: {
  bidId: number;
  participant: BidParticipantView;
  reserved: boolean;
  open: boolean;
  requestOpen: boolean;
  manage: boolean;
  result: BidRefusal | undefined;
}) {
  const { t, date } = useI18n();
  const [searchParams] = useSearchParams();
  const { pathname } = useLocation();
  const removing = parseId(searchParams.get("removeParticipant"));
  const editable = p.mine && p.status === "accepted" && open;
  return (
    <Stack gap="xs" component="article" aria-labelledby={`participant-${p.organisationId}`}>
      <Group gap="xs">
        <Title order={3} size="h4" id={`participant-${p.organisationId}`}>
          <Anchor component={Link} to={`/organisations/${p.slug}`}>
            {p.name}
          </Anchor>
        </Title>
        <Badge variant="outline" color={p.status === "accepted" ? "blue.9" : p.status === "declined" ? "dark.6" : "violet.9"}>
          {t(`bids.participant.${p.status}`)}
        </Badge>
        {p.isLead && (
          <Badge variant="outline" color="dark.7">
            {t("bids.participant.lead")}
          </Badge>
        )}
      </Group>
      {p.status === "accepted" && <Text size="sm">{p.confirmedAt ? t("bids.confirmedAt", { date: date(p.confirmedAt) }) : t("bids.notConfirmed")}</Text>}
      {result?.message && result.organisationId === p.organisationId && (
        <FocusedMessage message={result.message} id={`participant-${p.organisationId}-message`} />
      )}
      {reserved && p.status === "accepted" && p.eligibility.length > 0 && (
        <Text size="sm" c="red.9">
          {t("bids.eligibility.blocked", { name: p.name, reasons: reasonsText(t, p) })}
        </Text>
      )}
      {p.mine && p.status === "invited" && open && (
        <Form method="post" action={`/bids/${bidId}`} className="bid-no-print">
          <input type="hidden" name="organisationId" value={p.organisationId} />
          <Group gap="sm">
            <Button type="submit" name="intent" value="accept">
              {t("bids.accept")}
            </Button>
            <Button type="submit" name="intent" value="decline" variant="outline">
              {t("bids.decline")}
            </Button>
          </Group>
        </Form>
      )}
      {p.status === "accepted" && (
        <Stack gap="sm">
          <Text fw={600} size="sm">
            {t("bids.commitments", { name: p.name })}
          </Text>
          {p.commitments.length === 0 && <Text size="sm">{t("bids.commitment.none")}</Text>}
          {p.commitments.map((c) =>
            editable ? (
              <CommitmentForm
                // A saved commitment starts its form again from what is stored now.
                key={`${c.id}:${JSON.stringify([c.item, c.quantity, c.weekdays, c.sites])}`}
                bidId={bidId}
                organisationId={p.organisationId}
                commitment={c}
                lastResult={result?.commitmentId === c.id ? result.reply : undefined}
              />
            ) : (
              <Text size="sm" key={c.id}>
                {commitmentText(t, c)}
              </Text>
            ),
          )}
          {editable && p.capacityLines.length > 0 && (
            <Form method="post" action={commitmentsAction(bidId)} className="bid-no-print">
              <input type="hidden" name="organisationId" value={p.organisationId} />
              <Group align="end" gap="sm">
                <NativeSelect
                  name="capacityLineId"
                  label={t("bids.commitment.addFrom")}
                  data={p.capacityLines.map((l) => ({
                    value: String(l.id),
                    label: capacityLineText(t, { offeringTitle: l.offeringTitle, lineQuantity: l.quantity, linePeriod: l.period, lineSites: l.sites }),
                  }))}
                />
                <Button type="submit" name="intent" value="addCommitment" variant="outline">
                  {t("bids.commitment.add")}
                </Button>
              </Group>
            </Form>
          )}
          {editable && !p.confirmedAt && requestOpen && (
            <Form method="post" action={commitmentsAction(bidId)} className="bid-no-print">
              <input type="hidden" name="organisationId" value={p.organisationId} />
              <Button type="submit" name="intent" value="confirm" color="green.9">
                {t("bids.confirm")}
              </Button>
            </Form>
          )}
        </Stack>
      )}
      {manage && open && !p.isLead && (
        <div className="bid-no-print">
          <RowRemoval
            confirming={removing === p.organisationId}
            query={{ removeParticipant: p.organisationId }}
            anchor={`confirm-remove-participant-${p.organisationId}`}
            question={t("bids.removeParticipantConfirm", { name: p.name })}
            action={`/bids/${bidId}`}
            intent="removeParticipant"
            fields={{ organisationId: p.organisationId }}
            cancelTo={pathname}
            removeLabel={t("bids.removeParticipant", { name: p.name })}
            confirmLabel={t("bids.removeParticipantConfirmButton")}
          />
        </div>
      )}
    </Stack>
  );
}
