import "../styles/bids.css";
import { Alert, Anchor, Badge, Button, Group, List, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useActionData, useLoaderData, useOutlet, useSearchParams } from "react-router";
import type { Route } from "./+types/bids.$id";
import type { ServerArgs } from "../utils/route-args";
import { BidPlan, PlanStaleNotice } from "../components/bid-plan";
import { bidStatusColour, eligibilityText, requestUnit, unitLabel, weekdayNames } from "../components/bid-text";
import { FocusedMessage } from "../components/bids/focused-message";
import { ParticipantsSection } from "../components/bids/participants-section";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { FeasibilityPanel } from "../components/feasibility-panel";
import { SectionCard } from "../components/section-card";
import { RESERVED_CONTRACT_THRESHOLD } from "../domain/organisation";
import { changeBidStatus, type StatusAction } from "../models/joint-bid/status.server";
import { getBidAccess } from "../models/joint-bid/access.server";
import { inviteParticipant, removeParticipant, respondToInvitation } from "../models/joint-bid/participants.server";
import { loadBidPage } from "../models/joint-bid/page.server";
import { loadFeasibility } from "../models/feasibility.server";
import { planBid } from "../models/joint-bid/planning.server";
import { requireUser } from "../utils/auth.server";
import { bidAnswer, postedId } from "../route-helpers/bid-errors.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { messagesHandle, type MessageKey, type Translate } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { bidsMessages } from "../locales/bids";

export const handle = messagesHandle(formsMessages, bidsMessages);

export const meta = titleMeta((d) => {
  const loaded = d as { page?: { request: { title: string } } } | undefined;
  return loaded?.page?.request.title;
});

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = parseId(params.id);
  if (bidId === null) throw notFound();
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  const page = await loadBidPage({ db: db(), access });
  const feasibility = access.permissions.manage || access.permissions.isBuyer ? await loadFeasibility({ db: db(), requestId: page.request.id }) : null;
  return { page, permissions: access.permissions, feasibility };
}

/**
 * The lead's changes of the bid (invitations, the plan, its status) and an invited organisation's
 * answer. A participant's commitment forms post to bids.$id.commitments.
 */
export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const viewer = await requireUser(request);
  const bidId = orNotFound(parseId(params.id));
  // A bid does not exist for outsiders, whatever they post (the models check each permission again).
  orNotFound(await getBidAccess({ db: db(), bidId, viewer }));
  const form = await readFormData(request);
  const scope = { db: db(), viewer, bidId };
  const here = `/bids/${bidId}`;
  const organisationId = () => postedId(form, "organisationId");
  const status = (action: StatusAction) => async () =>
    bidAnswer(here, await changeBidStatus({ ...scope, action }), { key: `bids.toast.${action}` as MessageKey });

  return dispatchIntent(form, {
    invite: async () => bidAnswer(here, await inviteParticipant({ ...scope, organisationId: organisationId() }), { key: "bids.toast.invited" }),
    removeParticipant: async () =>
      bidAnswer(here, await removeParticipant({ ...scope, organisationId: organisationId() }), { key: "bids.toast.participantRemoved" }),
    accept: async () =>
      bidAnswer(here, await respondToInvitation({ ...scope, organisationId: organisationId(), accept: true }), { key: "bids.toast.accepted" }),
    decline: async () =>
      bidAnswer(here, await respondToInvitation({ ...scope, organisationId: organisationId(), accept: false }), { key: "bids.toast.declined" }),
    plan: async () => {
      const result = await planBid(scope);
      return bidAnswer(here, result, { key: "bids.toast.planned", vars: { percent: result.ok ? result.summary.coverage : 0 } });
    },
    submit: status("submit"),
    withdraw: status("withdraw"),
    won: status("won"),
    lost: status("lost"),
  });
}

export default function BidPage() {
  const { page, permissions, feasibility } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // After a commitment form was refused, the route it posted to draws the participants with its message.
  const outlet = useOutlet();
  const [searchParams] = useSearchParams();
  const { t, date, number } = useI18n();
  const open = page.status === "draft" || page.status === "committed";
  const reserved = page.request.kind === "reserved";
  const names = Object.fromEntries(page.participants.map((p) => [p.organisationId, p.name]));
  const blocked = reserved ? page.participants.filter((p) => p.status === "accepted" && p.eligibility.length > 0) : [];

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/bids" className="bid-no-print">
        {t("bids.back")}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={1}>{t("bids.page.title", { request: page.request.title })}</Title>
        <Badge size="lg" variant="filled" color={bidStatusColour(page.status)}>
          {t(`bids.status.${page.status}`)}
        </Badge>
      </Group>
      {actionData?.message && <FocusedMessage message={actionData.message} />}
      {!page.request.open && open && (
        <Alert color="yellow" variant="light">
          <Text c="dark.9">{t("bids.closedForResponses")}</Text>
        </Alert>
      )}

      <SectionCard title={t("bids.request")}>
        <Stack gap={4}>
          <Text>
            <strong>{t("bids.buyer")}:</strong> {page.request.buyerName}
          </Text>
          <Text>
            <strong>{t("bids.kind")}:</strong> {t(`bids.kind.${page.request.kind}`)}
          </Text>
          <Text>
            <strong>{t("bids.period")}:</strong> {t("bids.periodValue", { from: date(page.request.periodFrom), to: date(page.request.periodTo) })}
          </Text>
          <Text>
            <strong>{t("bids.holidays")}:</strong> {page.request.deliverOnHolidays ? t("bids.holidays.yes") : t("bids.holidays.no")}
          </Text>
          <Text>
            <strong>{t("bids.lead")}:</strong> {page.leadName ?? t("bids.noLead")}
          </Text>
          <Text fw={600} mt="sm">
            {t("bids.demand")}
          </Text>
          <List size="sm">
            {page.request.demand.map((d, k) => (
              <List.Item key={k}>
                {t("bids.demandRow", {
                  quantity: number(d.quantity),
                  unit: unitLabel(t, d.unit),
                  item: d.item,
                  site: d.site,
                  weekdays: weekdayNames(t, d.weekdays),
                })}
              </List.Item>
            ))}
          </List>
        </Stack>
      </SectionCard>

      {outlet ?? <ParticipantsSection page={page} manage={permissions.manage} />}

      {reserved && (
        <SectionCard title={t("bids.eligibility")}>
          <Stack gap="xs">
            <Text size="sm">{t("bids.eligibility.intro", { threshold: RESERVED_CONTRACT_THRESHOLD })}</Text>
            <List size="sm">
              {page.participants
                .filter((p) => p.status === "accepted")
                .map((p) => (
                  <List.Item key={p.organisationId}>{eligibilityText(t, date, p)}</List.Item>
                ))}
            </List>
            {blocked.length > 0 && (
              <Alert color="red" variant="light">
                <Text c="dark.9">{t("bids.eligibility.blocksSubmit")}</Text>
              </Alert>
            )}
          </Stack>
        </SectionCard>
      )}

      <SectionCard
        title={t("bids.plan")}
        actions={
          permissions.manage && open && page.request.open ? (
            <Form method="post" className="bid-no-print">
              <Button type="submit" name="intent" value="plan">
                {t("bids.plan.run")}
              </Button>
            </Form>
          ) : undefined
        }
      >
        <Stack gap="md">
          {page.plan && page.planStale && (open || page.requestAmendedSincePlan) && <PlanStaleNotice amended={page.requestAmendedSincePlan} />}
          {page.plan ? <BidPlan plan={page.plan} names={names} unit={requestUnit(page.request.items)} /> : <Text>{t("bids.plan.none")}</Text>}
        </Stack>
      </SectionCard>

      {permissions.manage && (
        <SectionCard title={t("bids.actions")}>
          <Stack gap="sm" className="bid-no-print">
            {page.status === "draft" || page.status === "committed" ? <Text size="sm">{t("bids.submitHint")}</Text> : null}
            {page.status === "submitted" && <Text size="sm">{t("bids.awaitingAward")}</Text>}
            <Group gap="sm">
              {page.status === "committed" && (
                <Form method="post">
                  <Button type="submit" name="intent" value="submit" disabled={blocked.length > 0 || page.planStale || !page.plan || !page.request.open}>
                    {t("bids.submit")}
                  </Button>
                </Form>
              )}
              {(open || page.status === "submitted") && !searchParams.has("withdraw") && (
                <Button component={Link} to={confirmHref({ withdraw: 1 }, "confirm-withdraw")} variant="outline" color="red.9">
                  {t("bids.withdraw")}
                </Button>
              )}
            </Group>
            {(open || page.status === "submitted") && searchParams.has("withdraw") && (
              <ConfirmAction
                question={t("bids.withdrawConfirm")}
                intent="withdraw"
                anchor="confirm-withdraw"
                confirmLabel={t("bids.withdraw")}
                cancelTo={`/bids/${page.id}`}
              />
            )}
          </Stack>
        </SectionCard>
      )}

      {feasibility && <FeasibilityPanel view={feasibility} />}

      <SectionCard title={t("bids.export")}>
        <Group gap="md" className="bid-no-print">
          <Anchor component={Link} to={`/bids/${page.id}/tender`}>
            {t("bids.tenderLink")}
          </Anchor>
          <Anchor component={Link} to={`/bids/${page.id}/summary`}>
            {t("bids.print")}
          </Anchor>
          {page.plan && (
            <>
              <Anchor href={`/bids/${page.id}/allocations.csv`}>{t("bids.csv")}</Anchor>
              <Anchor href={`/bids/${page.id}/export.json`}>{t("bids.json")}</Anchor>
            </>
          )}
        </Group>
      </SectionCard>

      <SectionCard title={t("bids.history")}>
        <List size="sm">
          {page.events.map((e) => (
            <List.Item key={e.id}>
              {eventText(t, e)} — {t("bids.history.entry", { when: dateTime(date, e.at), who: e.userName ?? t("bids.history.system") })}
            </List.Item>
          ))}
        </List>
      </SectionCard>
    </Stack>
  );
}

function dateTime(date: (iso: string) => string, iso: string): string {
  return `${date(iso)} ${new Date(iso).toLocaleTimeString("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" })}`;
}

function eventText(t: Translate, e: { kind: string; organisationName: string | null; details: string }): string {
  const key = `bids.event.${e.kind}`;
  return t(key as MessageKey, { organisation: e.organisationName ?? "", details: e.details });
}
