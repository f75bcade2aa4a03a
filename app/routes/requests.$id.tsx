import { Anchor, Badge, Button, Group, List, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useLoaderData, useOutlet, useSearchParams } from "react-router";
import type { Route } from "./+types/requests.$id";
import type { ServerArgs } from "../utils/route-args";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { CoverageSummaryView, DemandLinesTable, WeekViewTable } from "../components/request-views";
import { SectionCard } from "../components/section-card";
import { FeasibilityPanel } from "../components/feasibility-panel";
import { AwardSection } from "../components/requests/award-section";
import { ResponseAndQuestions } from "../components/requests/response-and-questions";
import { ResponsesTable } from "../components/requests/responses-table";
import { responseCoverage } from "../domain/coverage";
import { findCpvCode } from "../domain/cpv";
import { availableActions, effectiveStatus, isEditable, isOpenForResponses, timeLeft, type RequestAction } from "../domain/request";
import type { ResponseView } from "../domain/request-view";
import { listAllResponses, listOwnResponses } from "../models/request-response.server";
import { listBidsForViewer } from "../models/joint-bid/page.server";
import { loadFeasibility } from "../models/feasibility.server";
import { getAward } from "../models/tender/award.server";
import { getRequestPage, requestResource, transitionRequest } from "../models/request.server";
import { can } from "../domain/permissions";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { dispatchIntent, forbidden, notFound, orNotFound } from "../utils/http.server";
import { formatDateTime, type MessageKey, messagesHandle } from "../utils/i18n";
import { serverTranslator } from "../utils/messages.server";
import { parseId } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";
import { titleMeta } from "../utils/meta";
import { requestViewer, requireVisibleRequest } from "../route-helpers/request-access.server";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { requestsMessages } from "../locales/requests";
import { bidsMessages } from "../locales/bids";
import { awardMessages } from "../locales/award";

export const handle = messagesHandle(formsMessages, requestsMessages, bidsMessages, awardMessages);

export const meta = titleMeta((d) => (d as { request?: { title: string } } | undefined)?.request?.title);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { user, access } = await requestViewer(request);
  const id = orNotFound(parseId(params.id));
  const page = orNotFound(await getRequestPage({ db: db(), requestId: id }));
  const resource = requestResource(page.request);
  // A draft someone may not see does not exist for them.
  if (!can(access.viewer, "request.see", resource)) throw notFound();
  const now = new Date();
  const owner = can(access.viewer, "request.manage", resource);
  const seesAll = can(access.viewer, "request.seeResponses", resource);
  // The organisations the viewer may respond for: none for the request's own buyers.
  const responderOrganisations = access.responderOrganisations.filter((o) => can(access.viewer, "response.write", { request: resource, organisationId: o.id }));
  const responses: ResponseView[] = seesAll
    ? await listAllResponses({ db: db(), requestId: id })
    : await listOwnResponses({ db: db(), requestId: id, organisationIds: responderOrganisations.map((o) => o.id) });
  const r = page.request;
  return {
    request: { ...r, status: effectiveStatus(r, now), cpv: findCpvCode(r.cpvCode) ?? null },
    timeLeft: timeLeft(r.deadlineAt, now),
    lines: page.lines.map((l) => ({ ...l, cpv: l.cpvCode ? (findCpvCode(l.cpvCode) ?? null) : null })),
    questions: page.questions,
    changes: page.changes,
    qa: page.qa,
    isOwner: owner,
    mayAsk: can(access.viewer, "request.ask", resource),
    seesAll,
    canEdit: owner && isEditable(r.status),
    actions: owner ? availableActions(r, now) : [],
    open: isOpenForResponses(r, now),
    signedIn: access.userId !== null,
    responderOrganisations,
    responses,
    // For a reserved procurement only eligible respondents count; what the others would add is shown beside it.
    coverage:
      seesAll && page.lines.length > 0
        ? responseCoverage(
            page.lines,
            responses.map((x) => ({ ...x, counts: r.kind !== "reserved" || x.eligibility.length === 0 })),
          )
        : null,
    // "Can the network do this?": for the buyer and coordinators, before anyone has responded.
    feasibility: seesAll && r.status === "published" && page.lines.length > 0 ? await loadFeasibility({ db: db(), requestId: id }) : null,
    // Joint bids on this request the viewer may see: the buyer sees a bid once it is submitted.
    bids: user ? await listBidsForViewer({ db: db(), viewer: user, requestId: id }) : [],
    award: r.status === "awarded" ? await getAward({ db: db(), requestId: id }) : null,
    canStartBid: r.status === "published" && isOpenForResponses(r, now) && can(access.viewer, "request.respond", resource),
  };
}

/**
 * The buyer's changes of the request's status. The response forms post to requests.$id.responses,
 * the question thread's to requests.$id.qa, and the award is a page of its own (requests.$id_.award).
 */
export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { user, stored, resource, here } = await requireVisibleRequest(request, params.id);
  const formData = await readFormData(request);
  const t = serverTranslator(localeFromRequest(request));

  const transition = (action: RequestAction) => async () => {
    if (!can(user, "request.manage", resource)) throw forbidden();
    const result = await transitionRequest({ db: db(), requestId: stored.id, buyerOrganisationId: stored.buyerOrganisationId, userId: user.id, action });
    if (!result.ok) {
      if (result.error.kind === "notFound") throw notFound();
      return redirectWithToast(here, { key: result.error.kind === "deadlinePassed" ? "requests.publishPastDeadline" : "requests.transitionRefused" });
    }
    return redirectWithToast(here, { key: "requests.statusChanged", vars: { status: t(`requests.status.${result.status}` as MessageKey) } });
  };

  return dispatchIntent(formData, {
    publish: transition("publish"),
    close: transition("close"),
    cancel: transition("cancel"),
  });
}

export default function RequestPage() {
  const d = useLoaderData<typeof loader>();
  // After a response or question form was refused, the route it posted to draws that part of the page.
  const outlet = useOutlet();
  const { t, date, locale } = useI18n();
  const [searchParams] = useSearchParams();
  const r = d.request;
  const cpv = r.cpv;
  const dateTime = (iso: string) => formatDateTime(locale, iso);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/requests">
        {t("requests.backToList")}
      </Anchor>
      <Stack gap={4}>
        <Group gap="xs">
          <Badge radius="sm" tt="none" color={r.status === "published" ? "teal.9" : "gray.8"}>
            {t(`requests.status.${r.status}` as MessageKey)}
          </Badge>
          <Badge
            variant="outline"
            color="blue.9"
            radius="sm"
            tt="none"
            styles={{ root: { height: "auto", paddingBlock: 2 }, label: { whiteSpace: "normal", overflow: "visible" } }}
          >
            {t(`requests.kind.${r.kind}` as MessageKey)}
          </Badge>
        </Group>
        <Title order={1}>{r.title}</Title>
        <Text>{t("requests.buyer", { name: r.buyerName })}</Text>
        <Text fw={600}>{t("requests.deadline", { date: dateTime(r.deadlineAt) })}</Text>
        <Text data-testid="time-left">
          {d.timeLeft ? t("requests.timeLeft", { days: d.timeLeft.days, hours: d.timeLeft.hours, minutes: d.timeLeft.minutes }) : t("requests.deadlinePassed")}
        </Text>
        <Text>{t("requests.period", { from: date(r.periodFrom), to: date(r.periodTo) })}</Text>
        {cpv && <Text size="sm">{t("requests.cpv", { code: cpv.code, label: cpv[locale] })}</Text>}
      </Stack>

      {/* An awarded or cancelled request has nothing left to manage: no empty card. */}
      {d.isOwner && (d.canEdit || d.actions.length > 0) && (
        <SectionCard title={t("requests.actions")}>
          <Group gap="sm">
            {d.canEdit && (
              <Button component={Link} to={`/requests/${r.id}/edit`} variant="default">
                {t("requests.action.edit")}
              </Button>
            )}
            {d.actions
              .filter((a) => a !== "cancel" && a !== "close" && a !== "award")
              .map((a) => (
                <Form method="post" key={a}>
                  <Button type="submit" name="intent" value={a}>
                    {t(`requests.action.${a}` as MessageKey)}
                  </Button>
                </Form>
              ))}
            {d.actions.includes("award") && (
              <Button component={Link} to={`/requests/${r.id}/award`}>
                {t("requests.action.award")}
              </Button>
            )}
            {/* Closing cannot be undone and tells every respondent: asked first, like cancelling, and not the page's primary action. */}
            {d.actions.includes("close") && (
              <Button component={Link} to={confirmHref({ close: "confirm" }, "confirm-close")} variant="default">
                {t("requests.action.close")}
              </Button>
            )}
            {d.actions.includes("cancel") && (
              <Button component={Link} to={confirmHref({ cancel: "confirm" }, "confirm-cancel")} variant="outline" color="red.9">
                {t("requests.action.cancel")}
              </Button>
            )}
          </Group>
          {searchParams.get("close") === "confirm" && d.actions.includes("close") && (
            <ConfirmAction
              question={t("requests.action.closeConfirm")}
              intent="close"
              anchor="confirm-close"
              confirmLabel={t("requests.action.close")}
              cancelTo={`/requests/${r.id}`}
            />
          )}
          {searchParams.get("cancel") === "confirm" && d.actions.includes("cancel") && (
            <ConfirmAction
              question={t("requests.action.cancelConfirm")}
              intent="cancel"
              anchor="confirm-cancel"
              confirmLabel={t("requests.action.cancel")}
              cancelTo={`/requests/${r.id}`}
            />
          )}
        </SectionCard>
      )}

      {d.award && <AwardSection award={d.award} />}

      {d.changes.length > 0 && (
        <SectionCard title={t("requests.changes")}>
          <List spacing="xs">
            {d.changes.map((c) => (
              <List.Item key={c.id}>
                <Text span fw={600}>
                  {t(`requests.change.${c.kind}` as MessageKey, { date: dateTime(c.createdAt) })}:{" "}
                </Text>
                {c.kind === "status" ? t(`requests.status.${c.note}` as MessageKey) : c.note}
              </List.Item>
            ))}
          </List>
        </SectionCard>
      )}

      {r.description && <Text style={{ whiteSpace: "pre-wrap" }}>{r.description}</Text>}

      <SectionCard title={t("requests.demandLines")}>
        {d.lines.length === 0 ? (
          <Text>{t("requests.noDemandLines")}</Text>
        ) : (
          <Stack>
            {r.linesAreLots && <Text>{t("requests.linesAreLots")}</Text>}
            <DemandLinesTable lines={d.lines} />
            <Title order={3} size="h4">
              {t("requests.weekView")}
            </Title>
            <WeekViewTable lines={d.lines} />
          </Stack>
        )}
      </SectionCard>

      {d.questions.length > 0 && (
        <SectionCard title={t("requests.rfiQuestions")}>
          <List type="ordered">
            {d.questions.map((q) => (
              <List.Item key={q.id}>{q.text}</List.Item>
            ))}
          </List>
        </SectionCard>
      )}

      <SectionCard title={t("requests.contact")}>
        <Text>{r.contactName}</Text>
        <Anchor href={`mailto:${r.contactEmail}`}>{r.contactEmail}</Anchor>
        {r.contactPhone && <Text>{r.contactPhone}</Text>}
      </SectionCard>

      {d.feasibility && <FeasibilityPanel view={d.feasibility} />}

      {(d.bids.length > 0 || d.canStartBid) && (
        <SectionCard title={t("bids.onRequest")}>
          <Stack gap="xs">
            {d.bids.map((b) => (
              <Group key={b.id} gap="sm" wrap="wrap">
                <Anchor component={Link} to={`/bids/${b.id}`}>
                  {t("bids.onRequestItem", { lead: b.leadName ?? "–", participants: b.participants })}
                </Anchor>
                <Badge color="gray.8" tt="none">
                  {t(`bids.status.${b.status}` as MessageKey)}
                </Badge>
              </Group>
            ))}
            {d.canStartBid && (
              <Anchor component={Link} to={`/bids/new?request=${r.id}`}>
                {t("bids.startOnRequest")}
              </Anchor>
            )}
          </Stack>
        </SectionCard>
      )}

      {d.coverage && (
        <SectionCard title={t("requests.coverage")}>
          <CoverageSummaryView lines={d.lines} coverage={d.coverage} reserved={r.kind === "reserved"} />
        </SectionCard>
      )}

      {d.seesAll && <ResponsesTable page={d} />}

      {outlet ?? <ResponseAndQuestions page={d} />}

      {r.status !== "draft" && (
        <Anchor href={`/requests/${r.id}/ocds.json`} size="sm">
          {t("requests.openData")}
        </Anchor>
      )}
    </Stack>
  );
}
