import { Alert, Anchor, Badge, Button, Card, Group, List, Radio, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/requests.$id";
import type { ServerArgs } from "../utils/route-args";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { useFieldError } from "../components/form-fields";
import { CoverageSummaryView, DemandLinesTable, WeekViewTable } from "../components/request-views";
import { SectionCard } from "../components/section-card";
import { FeasibilityPanel } from "../components/feasibility-panel";
import { responseCoverage } from "../domain/coverage";
import { reasonsText } from "../components/bid-text";
import { findCpvCode } from "../domain/cpv";
import { availableActions, effectiveStatus, isEditable, isOpenForResponses, responseInterests, timeLeft, type RequestAction } from "../domain/request";
import { answerSchema, questionSchema, responseSchema, responseValuesFromForm, type ResponseFormValues } from "../forms/request-form";
import { answerQuestion, askQuestion, listAllResponses, listOwnResponses, saveResponse, withdrawResponse, type ResponseView } from "../models/request-response.server";
import { listBidsForViewer } from "../models/joint-bid/page.server";
import { loadFeasibility } from "../models/feasibility.server";
import { getAward, type RecordedAward } from "../models/tender/award.server";
import { getRequestPage, requestResource, transitionRequest } from "../models/request.server";
import { can } from "../domain/permissions";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { formObject, parseForm, type FieldErrors } from "../utils/forms";
import { dispatchIntent, forbidden, notFound, orNotFound } from "../utils/http.server";
import { formatDateTime, type MessageKey, messagesHandle } from "../utils/i18n";
import { serverTranslator } from "../utils/messages.server";
import { parseId } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";
import { titleMeta } from "../utils/meta";
import { requestViewer } from "../route-helpers/request-access.server";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { requestsMessages } from "../locales/requests";
import { bidsMessages } from "../locales/bids";
import { awardMessages } from "../locales/award";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(formsMessages, requestsMessages, bidsMessages, awardMessages);

export const meta = titleMeta((d) => (d as { request?: { title: string } } | undefined)?.request?.title);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { user, access } = await requestViewer(request);
  const id = orNotFound(parseId(params.id));
  const page = orNotFound(await getRequestPage({ db: db(), requestId: id }));
  // A draft someone may not see does not exist for them.
  if (!can(access.viewer, "request.see", requestResource(page.request))) throw notFound();
  const now = new Date();
  const owner = can(access.viewer, "request.manage", requestResource(page.request));
  const seesAll = can(access.viewer, "request.seeResponses", requestResource(page.request));
  const responderOrganisations = owner ? [] : access.responderOrganisations;
  const responses: ResponseView[] = seesAll
    ? await listAllResponses({ db: db(), requestId: id })
    : await listOwnResponses({ db: db(), requestId: id, organisationIds: responderOrganisations.map((o) => o.id) });
  const r = page.request;
  return {
    request: {
      id: r.id,
      title: r.title,
      description: r.description,
      kind: r.kind,
      status: effectiveStatus(r, now),
      cpvCode: r.cpv_code,
      cpv: findCpvCode(r.cpv_code) ?? null,
      periodFrom: r.period_from,
      periodTo: r.period_to,
      deadlineAt: r.deadline_at,
      buyerName: r.buyer_name,
      contactName: r.contact_name,
      contactEmail: r.contact_email,
      contactPhone: r.contact_phone,
      publishedAt: r.published_at,
      linesAreLots: r.lines_are_lots,
    },
    timeLeft: timeLeft(r.deadline_at, now),
    lines: page.lines.map((l) => ({ ...l, cpv: l.cpvCode ? (findCpvCode(l.cpvCode) ?? null) : null })),
    questions: page.questions,
    changes: page.changes,
    qa: page.qa,
    isOwner: owner,
    seesAll,
    canEdit: owner && isEditable(r.status),
    actions: owner ? availableActions(r, now) : [],
    open: isOpenForResponses(r, now),
    signedIn: access.userId !== null,
    responderOrganisations,
    responses,
    // For a reserved procurement only eligible respondents count; what the others would add is shown beside it.
    coverage:
      seesAll && page.lines.length > 0 ? responseCoverage(page.lines, responses.map((x) => ({ ...x, counts: r.kind !== "reserved" || x.eligibility.length === 0 }))) : null,
    // "Can the network do this?": for the buyer and coordinators, before anyone has responded.
    feasibility: seesAll && r.status === "published" && page.lines.length > 0 ? await loadFeasibility({ db: db(), requestId: id }) : null,
    // Joint bids on this request the viewer may see: the buyer sees a bid once it is submitted.
    bids: user ? await listBidsForViewer({ db: db(), viewer: user, requestId: id }) : [],
    award: r.status === "awarded" ? await getAward({ db: db(), requestId: id }) : null,
    canStartBid:
      r.status === "published" && isOpenForResponses(r, now) && can(access.viewer, "request.respond", requestResource(r)),
  };
}

type ActionData =
  | { form: "response"; organisationId: string; errors: FieldErrors; values: ResponseFormValues }
  | { form: "question"; errors: FieldErrors; values: { question: string } }
  | { form: "answer"; questionId: string; errors: FieldErrors; values: { answer: string } };

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUser(request);
  const { access } = await requestViewer(request);
  const id = orNotFound(parseId(params.id));
  const page = orNotFound(await getRequestPage({ db: db(), requestId: id }));
  if (!can(access.viewer, "request.see", requestResource(page.request))) throw notFound();
  const formData = await readFormData(request);
  const here = `/requests/${id}`;
  const owner = can(access.viewer, "request.manage", requestResource(page.request));
  const t = serverTranslator(localeFromRequest(request));

  const respondingOrganisation = (organisationId: number | null) => {
    // Buyers never respond; members only for their own listed organisations.
    if (owner || organisationId === null || !access.responderOrganisations.some((o) => o.id === organisationId)) throw forbidden();
    return organisationId;
  };
  const closed = (form: ActionData) => data({ ...form, errors: { form: "requests.response.closed" } } as ActionData, { status: 409 });

  const transition = (action: RequestAction) => async () => {
    if (!owner) throw forbidden();
    const result = await transitionRequest({ db: db(), requestId: id, buyerOrganisationId: page.request.buyer_organisation_id, userId: user.id, action });
    if (!result.ok) {
      if (result.error === "not_found") throw notFound();
      return redirectWithToast(here, { key: result.error === "deadline_passed" ? "requests.publishPastDeadline" : "requests.transitionRefused" });
    }
    return redirectWithToast(here, { key: "requests.statusChanged", vars: { status: t(`requests.status.${result.status}` as MessageKey) } });
  };

  return dispatchIntent(formData, {
    respond: async () => {
      const values = responseValuesFromForm(formData);
      const organisationId = respondingOrganisation(parseId(values.organisationId));
      const parsed = parseForm(responseSchema, { ...values });
      const form = { form: "response" as const, organisationId: String(organisationId), values };
      if (!parsed.ok) return data({ ...form, errors: parsed.errors } as ActionData, { status: 400 });
      const result = await saveResponse({ db: db(), requestId: id, organisationId, userId: user.id, input: parsed.data });
      if (!result.ok) {
        if (result.error === "not_found") throw notFound();
        return closed({ ...form, errors: {} });
      }
      if (result.overwrote) {
        return redirectWithToast(`${here}#response`, {
          key: "requests.response.overwrote",
          vars: { name: result.overwrote.name ?? "?", time: formatDateTime(localeFromRequest(request), result.overwrote.at) },
        });
      }
      return redirectWithToast(`${here}#response`, { key: "requests.response.saved" });
    },
    withdraw: async () => {
      const organisationId = respondingOrganisation(parseId(formData.get("organisationId")));
      const result = await withdrawResponse({ db: db(), requestId: id, organisationId });
      if (!result.ok) {
        if (result.error === "not_found") throw notFound();
        return closed({ form: "response", organisationId: String(organisationId), errors: {}, values: responseValuesFromForm(formData) });
      }
      return redirectWithToast(here, { key: "requests.response.withdrawn" });
    },
    ask: async () => {
      // Members ask; the buyer answers in the same thread instead.
      if (owner || access.responderOrganisations.length === 0) throw forbidden();
      const input = formObject(formData);
      const parsed = parseForm(questionSchema, input);
      const values = { question: String(input.question ?? "") };
      if (!parsed.ok) return data({ form: "question", errors: parsed.errors, values } as ActionData, { status: 400 });
      const result = await askQuestion({ db: db(), requestId: id, userId: user.id, question: parsed.data.question });
      if (!result.ok) {
        if (result.error === "not_found") throw notFound();
        return closed({ form: "question", errors: {}, values });
      }
      return redirectWithToast(`${here}#qa`, { key: "requests.qa.asked" });
    },
    answer: async () => {
      if (!owner) throw forbidden();
      const input = formObject(formData);
      const parsed = parseForm(answerSchema, input);
      const values = { answer: String(input.answer ?? "") };
      if (!parsed.ok) return data({ form: "answer", questionId: String(input.questionId ?? ""), errors: parsed.errors, values } as ActionData, { status: 400 });
      const result = await answerQuestion({
        db: db(),
        requestId: id,
        buyerOrganisationId: page.request.buyer_organisation_id,
        questionId: parsed.data.questionId,
        userId: user.id,
        answer: parsed.data.answer,
      });
      if (!result.ok) throw notFound();
      return redirectWithToast(`${here}#qa`, { key: "requests.qa.answered" });
    },
    publish: transition("publish"),
    close: transition("close"),
    // The award names a winner, a value and a period: its own page (requests.$id_.award).
    cancel: transition("cancel"),
  });
}

export default function RequestPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
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
          <Badge variant="outline" color="blue.9" radius="sm" tt="none" styles={{ root: { height: "auto", paddingBlock: 2 }, label: { whiteSpace: "normal", overflow: "visible" } }}>
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
            <ConfirmAction question={t("requests.action.closeConfirm")} intent="close" anchor="confirm-close" confirmLabel={t("requests.action.close")} cancelTo={`/requests/${r.id}`} />
          )}
          {searchParams.get("cancel") === "confirm" && d.actions.includes("cancel") && (
            <ConfirmAction question={t("requests.action.cancelConfirm")} intent="cancel" anchor="confirm-cancel" confirmLabel={t("requests.action.cancel")} cancelTo={`/requests/${r.id}`} />
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
                  {t(`requests.change.${c.kind}` as MessageKey, { date: dateTime(c.created_at) })}:{" "}
                </Text>
                {c.kind === "status" ? t(`requests.status.${c.note}` as MessageKey) : c.note}
              </List.Item>
            ))}
          </List>
        </SectionCard>
      )}

      {r.description && (
        <Text style={{ whiteSpace: "pre-wrap" }}>{r.description}</Text>
      )}

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

      {d.seesAll && <ResponsesTable d={d} />}

      {!d.isOwner && <ResponseSection d={d} actionData={actionData} />}

      <QaSection d={d} actionData={actionData} />

      {r.status !== "draft" && (
        <Anchor href={`/requests/${r.id}/ocds.json`} size="sm">
          {t("requests.openData")}
        </Anchor>
      )}
    </Stack>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

/** Who won, and the contract's value and period, for everyone who may see the request. */
function AwardSection({ award }: { award: RecordedAward }) {
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

function ResponsesTable({ d }: { d: PageData }) {
  const { t, number, locale } = useI18n();
  const reserved = d.request.kind === "reserved";
  return (
    <SectionCard
      title={t("requests.responses", { count: d.responses.length })}
      actions={
        d.responses.length > 0 ? (
          <Anchor href={`/requests/${d.request.id}/responses.csv`} download>
            {t("requests.csv")}
          </Anchor>
        ) : undefined
      }
    >
      {d.responses.length === 0 ? (
        <Text>{t("requests.responses.none")}</Text>
      ) : (
        <TableScroller minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("requests.responses.organisation")}</Table.Th>
                <Table.Th scope="col">{t("requests.response.interest")}</Table.Th>
                {reserved && <Table.Th scope="col">{t("requests.responses.eligibility")}</Table.Th>}
                <Table.Th scope="col">{t("requests.responses.capacity")}</Table.Th>
                <Table.Th scope="col">{t("requests.response.message")}</Table.Th>
                <Table.Th scope="col">{t("requests.responses.updated")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.responses.map((resp) => (
                <Table.Tr key={resp.id}>
                  <Table.Th scope="row">{resp.organisationName}</Table.Th>
                  <Table.Td>{t(`requests.interest.${resp.interest}` as MessageKey)}</Table.Td>
                  {reserved && (
                    <Table.Td>
                      {resp.eligibility.length === 0
                        ? t("requests.responses.eligible")
                        : t("requests.responses.notEligible", { reasons: reasonsText(t, { eligibility: resp.eligibility, workforceShare: resp.workforceShare }) })}
                    </Table.Td>
                  )}
                  <Table.Td>
                    {d.lines
                      .filter((l) => resp.capacity[l.id])
                      .map((l) => (
                        <Text size="sm" key={l.id}>
                          {l.item}, {l.site}: {number(resp.capacity[l.id])}
                        </Text>
                      ))}
                    {d.questions.map((q) =>
                      resp.answers[q.id] ? (
                        <Text size="sm" key={`q${q.id}`}>
                          {q.text}: {resp.answers[q.id]}
                        </Text>
                      ) : null,
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "pre-wrap" }}>{resp.message}</Table.Td>
                  <Table.Td>{formatDateTime(locale, resp.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroller>
      )}
    </SectionCard>
  );
}

function ResponseSection({ d, actionData }: { d: PageData; actionData: ActionData | undefined }) {
  const { t, locale } = useI18n();
  if (d.request.status === "draft") return null;
  if (d.responderOrganisations.length === 0) {
    if (d.signedIn || d.request.status !== "published") return null;
    return (
      <Card withBorder>
        <Text>
          <Anchor component={Link} to={`/login?redirectTo=/requests/${d.request.id}`}>
            {t("requests.response.signIn")}
          </Anchor>
        </Text>
      </Card>
    );
  }
  return (
    <SectionCard title={t("requests.response")}>
      <Stack id="response">
        {d.responderOrganisations.map((org) => {
          const stored = d.responses.find((x) => x.organisationId === org.id);
          const mine = actionData?.form === "response" && actionData.organisationId === String(org.id) ? actionData : undefined;
          return (
            <ResponseForm
              key={org.id}
              d={d}
              organisation={org}
              stored={stored}
              errors={mine?.errors}
              values={mine?.values}
              lastChanged={stored ? t("requests.response.lastChanged", { date: formatDateTime(locale, stored.updatedAt), name: stored.updatedByName ?? "?" }) : null}
            />
          );
        })}
      </Stack>
    </SectionCard>
  );
}

function ResponseForm({
  d,
  organisation,
  stored,
  errors,
  values,
  lastChanged,
}: {
  d: PageData;
  organisation: { id: number; name: string };
  stored: ResponseView | undefined;
  errors?: FieldErrors;
  values?: ResponseFormValues;
  lastChanged: string | null;
}) {
  const { t, number } = useI18n();
  const error = useFieldError(errors);
  const [searchParams] = useSearchParams();
  const capacity = (lineId: number) => values?.capacity[lineId] ?? (stored?.capacity[lineId] ? String(stored.capacity[lineId]) : "");
  const answer = (questionId: number) => values?.answers[questionId] ?? stored?.answers[questionId] ?? "";
  const closedNote = errors?.form ? error("form") : null;
  if (!d.open) {
    return (
      <Stack gap="xs">
        <Text fw={600}>{organisation.name}</Text>
        <Alert color="gray">{t("requests.response.closed")}</Alert>
        {stored ? <Text>{t(`requests.interest.${stored.interest}` as MessageKey)} · {lastChanged}</Text> : <Text>{t("requests.response.none")}</Text>}
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {closedNote && (
        <Alert color="red" role="alert">
          {closedNote}
        </Alert>
      )}
      <Form method="post" noValidate>
        <input type="hidden" name="organisationId" value={organisation.id} />
        <input type="hidden" name="version" value={stored?.version ?? 0} />
        <Stack gap="sm">
          {d.responderOrganisations.length > 1 && <Text fw={600}>{organisation.name}</Text>}
          {lastChanged && <Text size="sm" c="dimmed">{lastChanged}</Text>}
          <Radio.Group name="interest" label={t("requests.response.interest")} required defaultValue={values?.interest ?? stored?.interest ?? ""} error={error("interest")}>
            <Group gap="md" mt={4}>
              {responseInterests.map((i) => (
                <Radio key={i} value={i} label={t(`requests.interest.${i}` as MessageKey)} />
              ))}
            </Group>
          </Radio.Group>
          {d.lines.map((l) => (
            <TextInput
              key={l.id}
              name={`capacity-${l.id}`}
              inputMode="numeric"
              label={t("requests.response.capacity", { item: l.item, site: l.site, quantity: number(l.quantity), unit: t(`unit.${l.unit}` as MessageKey) })}
              defaultValue={capacity(l.id)}
              error={error(`capacity.${l.id}`)}
            />
          ))}
          {d.questions.map((q) => (
            <Textarea key={q.id} name={`answer-${q.id}`} label={q.text} autosize minRows={2} defaultValue={answer(q.id)} error={error(`answers.${q.id}`)} />
          ))}
          <Textarea name="message" label={t("requests.response.message")} autosize minRows={2} defaultValue={values?.message ?? stored?.message ?? ""} error={error("message")} />
          <Group>
            <Button type="submit" name="intent" value="respond">
              {t("requests.response.save")}
            </Button>
            {stored && (
              <Button component={Link} to={confirmHref({ withdraw: organisation.id }, `confirm-withdraw-${organisation.id}`)} variant="outline" color="red.9">
                {t("requests.response.withdraw")}
              </Button>
            )}
          </Group>
        </Stack>
      </Form>
      {stored && searchParams.get("withdraw") === String(organisation.id) && (
        <ConfirmAction
          question={t("requests.response.withdrawConfirm")}
          intent="withdraw"
          anchor={`confirm-withdraw-${organisation.id}`}
          fields={{ organisationId: organisation.id }}
          confirmLabel={t("requests.response.withdraw")}
          cancelTo={`/requests/${d.request.id}`}
        />
      )}
    </Stack>
  );
}

function QaSection({ d, actionData }: { d: PageData; actionData: ActionData | undefined }) {
  const { t, locale } = useI18n();
  const questionErrors = actionData?.form === "question" ? actionData.errors : undefined;
  const questionError = useFieldError(questionErrors);
  const answerData = actionData?.form === "answer" ? actionData : undefined;
  const answerError = useFieldError(answerData?.errors);
  const canAsk = !d.isOwner && d.responderOrganisations.length > 0 && d.open;
  return (
    <SectionCard title={t("requests.qa")}>
      <Stack id="qa">
        <Text size="sm">{t("requests.qa.intro")}</Text>
        {d.qa.length === 0 && <Text>{t("requests.qa.none")}</Text>}
        {d.qa.map((item) => (
          <Card withBorder key={item.id} padding="sm" component="article">
            <Text size="sm" c="dimmed">
              {t("requests.qa.q", { date: formatDateTime(locale, item.asked_at) })}
            </Text>
            <Text style={{ whiteSpace: "pre-wrap" }}>{item.question}</Text>
            {item.answer ? (
              <>
                <Text size="sm" c="dimmed" mt="xs">
                  {t("requests.qa.a", { date: formatDateTime(locale, item.answered_at ?? item.asked_at) })}
                </Text>
                <Text style={{ whiteSpace: "pre-wrap" }}>{item.answer}</Text>
              </>
            ) : (
              <Text size="sm" fs="italic">
                {t("requests.qa.unanswered")}
              </Text>
            )}
            {d.isOwner && (
              <Form method="post" noValidate>
                <input type="hidden" name="questionId" value={item.id} />
                <Textarea
                  name="answer"
                  label={t("requests.qa.answerLabel")}
                  mt="xs"
                  autosize
                  minRows={2}
                  defaultValue={answerData?.questionId === String(item.id) ? answerData.values.answer : (item.answer ?? "")}
                  error={answerData?.questionId === String(item.id) ? answerError("answer") : undefined}
                />
                <Button type="submit" name="intent" value="answer" mt="xs" size="xs">
                  {t("requests.qa.answerSubmit")}
                </Button>
              </Form>
            )}
          </Card>
        ))}
        {canAsk && (
          <Form method="post" noValidate>
            {questionErrors?.form && (
              <Alert color="red" role="alert" mb="xs">
                {questionError("form")}
              </Alert>
            )}
            <Textarea
              name="question"
              label={t("requests.qa.question")}
              autosize
              minRows={2}
              maxLength={2000}
              defaultValue={actionData?.form === "question" ? actionData.values.question : ""}
              error={questionError("question")}
            />
            <Button type="submit" name="intent" value="ask" mt="xs">
              {t("requests.qa.ask")}
            </Button>
          </Form>
        )}
      </Stack>
    </SectionCard>
  );
}
