import "../styles/bids.css";
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useRef } from "react";
import { Form, Link, data, useActionData, useLoaderData, useLocation, useSearchParams } from "react-router";
import type { Route } from "./+types/bids.$id";
import type { ServerArgs } from "../utils/route-args";
import { z } from "zod";
import { BidPlan, PlanStaleNotice } from "../components/bid-plan";
import { bidStatusColour, eligibilityText, reasonsText, requestUnit, unitLabel, weekdayNames } from "../components/bid-text";
import { ConfirmAction, confirmHref, RowRemoval } from "../components/confirm-action";
import { FeasibilityPanel } from "../components/feasibility-panel";
import { SectionCard } from "../components/section-card";
import { RESERVED_CONTRACT_THRESHOLD } from "../domain/organisation";
import type { BidCommitmentView, BidParticipantView } from "../domain/joint-bid-view";
import { addCommitment, confirmCommitments, removeCommitment, updateCommitment } from "../models/joint-bid/commitments.server";
import { changeBidStatus, type StatusAction } from "../models/joint-bid/status.server";
import { getBidAccess } from "../models/joint-bid/access.server";
import { inviteParticipant, removeParticipant, respondToInvitation } from "../models/joint-bid/participants.server";
import { loadBidPage } from "../models/joint-bid/page.server";
import { loadFeasibility } from "../models/feasibility.server";
import { planBid } from "../models/joint-bid/planning.server";
import type { ActionResult } from "../models/joint-bid/change.server";
import { requireUser } from "../utils/auth.server";
import { bidErrorResponse, type BidMessage } from "../route-helpers/bid-errors.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { formObject, isOneLine, parseForm, requiredText, type FieldErrors } from "../utils/forms";
import { badRequest, dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { messagesHandle, type MessageKey, type Translate } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { redirectWithToast, type Toast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { splitList } from "../domain/organisation";
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

const commitmentSchema = z.object({
  item: requiredText(200),
  quantity: z.coerce
    .number({ invalid_type_error: "form.positiveInteger" })
    .int("form.positiveInteger")
    .min(0, "form.positiveInteger")
    .max(1_000_000, "form.positiveInteger"),
  weekdays: z.array(z.coerce.number().int().min(1).max(7)).min(1, "form.weekdays").max(7),
  sites: z.string().max(1000).refine(isOneLine, "form.oneLine").default("").transform(splitList),
});

/** A refused action; one about a participant's commitments names it, and the message shows at its card. */
type ActionData = { message: BidMessage; organisationId?: number; commitmentId?: number; errors?: FieldErrors };

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const viewer = await requireUser(request);
  const bidId = parseId(params.id);
  if (bidId === null) throw notFound();
  // A bid does not exist for outsiders, whatever they post (the models check each permission again).
  orNotFound(await getBidAccess({ db: db(), bidId, viewer }));
  const form = await readFormData(request);
  const scope = { db: db(), viewer, bidId };
  const here = `/bids/${bidId}`;
  const id = (name: string) => {
    const value = parseId(form.get(name));
    if (value === null) throw badRequest();
    return value;
  };
  const respond = (result: ActionResult<object>, toast: Toast, extra: Partial<ActionData> = {}) => {
    if (result.ok) return redirectWithToast(here, toast);
    const { status, message } = bidErrorResponse(result.error);
    if (status === 404) throw notFound();
    return data<ActionData>({ message, ...extra }, { status });
  };
  const status = (action: StatusAction) => async () =>
    respond(await changeBidStatus({ ...scope, action }), { key: `bids.toast.${action}` as MessageKey });

  return dispatchIntent(form, {
    invite: async () => respond(await inviteParticipant({ ...scope, organisationId: id("organisationId") }), { key: "bids.toast.invited" }),
    removeParticipant: async () =>
      respond(await removeParticipant({ ...scope, organisationId: id("organisationId") }), { key: "bids.toast.participantRemoved" }),
    accept: async () => respond(await respondToInvitation({ ...scope, organisationId: id("organisationId"), accept: true }), { key: "bids.toast.accepted" }),
    decline: async () => respond(await respondToInvitation({ ...scope, organisationId: id("organisationId"), accept: false }), { key: "bids.toast.declined" }),
    saveCommitment: async () => {
      const commitmentId = id("commitmentId");
      const organisationId = id("organisationId");
      const parsed = parseForm(commitmentSchema, formObject(form, ["weekdays"]));
      if (!parsed.ok) return data<ActionData>({ message: { key: "bids.error.invalid" }, organisationId, commitmentId, errors: parsed.errors }, { status: 400 });
      return respond(await updateCommitment({ ...scope, organisationId, commitmentId, input: parsed.data }), { key: "bids.toast.saved" }, { organisationId, commitmentId });
    },
    addCommitment: async () => {
      const organisationId = id("organisationId");
      return respond(await addCommitment({ ...scope, organisationId, capacityLineId: id("capacityLineId") }), { key: "bids.toast.added" }, { organisationId });
    },
    removeCommitment: async () => {
      const organisationId = id("organisationId");
      return respond(await removeCommitment({ ...scope, organisationId, commitmentId: id("commitmentId") }), { key: "bids.toast.removed" }, { organisationId });
    },
    confirm: async () => {
      const organisationId = id("organisationId");
      return respond(await confirmCommitments({ ...scope, organisationId }), { key: "bids.toast.confirmed" }, { organisationId });
    },
    plan: async () => {
      const result = await planBid(scope);
      return respond(result, { key: "bids.toast.planned", vars: { percent: result.ok ? result.summary.coverage : 0 } });
    },
    submit: status("submit"),
    withdraw: status("withdraw"),
    won: status("won"),
    lost: status("lost"),
  });
}

export default function BidPage() {
  const { page, permissions, feasibility } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
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
      {actionData?.message && actionData.organisationId === undefined && <FocusedMessage message={actionData.message} />}
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
                {t("bids.demandRow", { quantity: number(d.quantity), unit: unitLabel(t, d.unit), item: d.item, site: d.site, weekdays: weekdayNames(t, d.weekdays) })}
              </List.Item>
            ))}
          </List>
        </Stack>
      </SectionCard>

      <SectionCard title={t("bids.participants")}>
        <Stack gap="lg">
          {page.participants.map((p) => (
            <ParticipantCard
              key={p.organisationId}
              participant={p}
              reserved={reserved}
              open={open}
              requestOpen={page.request.open}
              manage={permissions.manage}
              actionData={actionData}
            />
          ))}
          {permissions.manage && open && page.invitable.length > 0 && (
            <Form method="post" className="bid-no-print">
              <Group align="end" gap="sm">
                <NativeSelect
                  name="organisationId"
                  label={t("bids.inviteLabel")}
                  data={page.invitable.map((o) => ({ value: String(o.id), label: o.name }))}
                />
                <Button type="submit" name="intent" value="invite" variant="outline">
                  {t("bids.invite")}
                </Button>
              </Group>
            </Form>
          )}
        </Stack>
      </SectionCard>

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
              <ConfirmAction question={t("bids.withdrawConfirm")} intent="withdraw" anchor="confirm-withdraw" confirmLabel={t("bids.withdraw")} cancelTo={`/bids/${page.id}`} />
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

/**
 * A refused action's message where the user acted: it takes the focus, so the page scrolls to it,
 * with JavaScript (after each refusal) and without it (the `autofocus` of the page the server sends
 * back).
 */
function FocusedMessage({ message, id }: { message: BidMessage; id?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <Alert color="red" variant="light" role="alert" ref={ref} tabIndex={-1} autoFocus id={id} data-scroll-target="">
      <Text c="dark.9">{t(message.key, message.vars)}</Text>
    </Alert>
  );
}

function ParticipantCard({
  participant: p,
  reserved,
  open,
  requestOpen,
  manage,
  actionData,
}: {
  participant: BidParticipantView;
  reserved: boolean;
  open: boolean;
  requestOpen: boolean;
  manage: boolean;
  actionData: ActionData | undefined;
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
        {p.isLead && <Badge variant="outline" color="dark.7">{t("bids.participant.lead")}</Badge>}
      </Group>
      {p.status === "accepted" && (
        <Text size="sm">{p.confirmedAt ? t("bids.confirmedAt", { date: date(p.confirmedAt) }) : t("bids.notConfirmed")}</Text>
      )}
      {actionData?.message && actionData.organisationId === p.organisationId && (
        <FocusedMessage message={actionData.message} id={`participant-${p.organisationId}-message`} />
      )}
      {reserved && p.status === "accepted" && p.eligibility.length > 0 && (
        <Text size="sm" c="red.9">
          {t("bids.eligibility.blocked", { name: p.name, reasons: reasonsText(t, p) })}
        </Text>
      )}
      {p.mine && p.status === "invited" && open && (
        <Form method="post" className="bid-no-print">
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
                key={c.id}
                organisationId={p.organisationId}
                commitment={c}
                errors={actionData?.commitmentId === c.id ? actionData.errors : undefined}
              />
            ) : (
              <Text size="sm" key={c.id}>
                {commitmentText(t, c)}
              </Text>
            ),
          )}
          {editable && p.capacityLines.length > 0 && (
            <Form method="post" className="bid-no-print">
              <input type="hidden" name="organisationId" value={p.organisationId} />
              <Group align="end" gap="sm">
                <NativeSelect
                  name="capacityLineId"
                  label={t("bids.commitment.addFrom")}
                  data={p.capacityLines.map((l) => ({ value: String(l.id), label: capacityLineText(t, { offeringTitle: l.offeringTitle, lineQuantity: l.quantity, linePeriod: l.period, lineSites: l.sites }) }))}
                />
                <Button type="submit" name="intent" value="addCommitment" variant="outline">
                  {t("bids.commitment.add")}
                </Button>
              </Group>
            </Form>
          )}
          {editable && !p.confirmedAt && requestOpen && (
            <Form method="post" className="bid-no-print">
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

function commitmentText(t: Translate, c: BidCommitmentView): string {
  return t("bids.commitment.summary", {
    quantity: c.quantity,
    item: c.item,
    weekdays: weekdayNames(t, c.weekdays),
    sites: c.sites.length ? c.sites.join(", ") : t("bids.commitment.allSites"),
  });
}

/** A capacity line as the participant knows it: "Sallader: kapacitet 40 per leveransdag, till Stadshuset". */
function capacityLineText(t: Translate, line: Pick<BidCommitmentView, "offeringTitle" | "lineQuantity" | "linePeriod" | "lineSites">): string {
  return t("bids.commitment.legend", {
    offering: line.offeringTitle,
    quantity: line.lineQuantity,
    period: t(`bids.period.${line.linePeriod}`),
    sites: line.lineSites.length ? t("bids.commitment.at", { sites: line.lineSites.join(", ") }) : t("bids.commitment.anywhere"),
  });
}

function CommitmentForm({
  organisationId,
  commitment: c,
  errors,
}: {
  organisationId: number;
  commitment: BidCommitmentView;
  errors: FieldErrors | undefined;
}) {
  const { t } = useI18n();
  const legendId = `commitment-${c.id}`;
  const days = c.linePeriod === "weekday" ? c.lineWeekdays : [1, 2, 3, 4, 5, 6, 7];
  const error = (name: string) => (errors?.[name] ? t(errors[name].split("|")[0] as MessageKey) : undefined);
  return (
    <Form method="post">
      <fieldset aria-labelledby={legendId} style={{ border: "1px solid var(--mantine-color-gray-4)", borderRadius: 4, padding: "0.75rem" }}>
        <legend id={legendId}>
          {capacityLineText(t, c)}
        </legend>
        <input type="hidden" name="organisationId" value={organisationId} />
        <input type="hidden" name="commitmentId" value={c.id} />
        <Stack gap="xs">
          <Text size="sm">{t("bids.commitment.available", { available: c.available ?? 0, deliveries: c.deliveries })}</Text>
          <Group align="start" gap="sm" wrap="wrap">
            <NativeSelect name="item" label={t("bids.commitment.item")} defaultValue={c.item} data={c.items.includes(c.item) ? c.items : [c.item, ...c.items]} error={error("item")} />
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
