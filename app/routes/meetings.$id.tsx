import { Alert, Anchor, Badge, Button, Group, List, NativeSelect, Stack, Table, Text, Textarea, Title, TypographyStylesProvider } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/meetings.$id";
import type { ServerArgs } from "../utils/route-args";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm } from "../components/form-fields";
import { getZodConstraint } from "@conform-to/zod/v3";
import { MeetingFacts } from "../components/meeting-card";
import { SectionCard } from "../components/section-card";
import { registrationClosedReason } from "../domain/waitlist";
import { cancelMeeting, getMeeting } from "../models/meeting.server";
import { cancelRegistration, getOwnRegistration, listAttendance, listRegistrations, registerForMeeting } from "../models/meeting-registration.server";
import { listActionItems } from "../models/meeting-minutes.server";
import { requireUser } from "../utils/auth.server";
import { getViewer, requireUserWithPermission } from "../route-helpers/permissions.server";
import { can } from "../domain/permissions";
import { db } from "../utils/db.server";
import { parseSubmission, refusalReply } from "../utils/forms";
import { readFormData } from "../utils/form-data.server";
import { dispatchIntent, orNotFound } from "../utils/http.server";
import { formatDate, formatDateTime, messagesHandle } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { renderMarkdown } from "../utils/markdown.server";
import { registrationSchema } from "../utils/meeting-forms";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { meetingsMessages } from "../locales/meetings";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(formsMessages, meetingsMessages);

export const meta = titleMeta((d) => (d as { meeting?: { title: string } } | undefined)?.meeting?.title);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const meetingId = orNotFound(parseId(params.id));
  const user = await getViewer(request);
  const meeting = orNotFound(await getMeeting({ db: db(), meetingId }));
  const isCoordinator = can(user, "meeting.manage");
  const showFollowUp = isCoordinator || meeting.minutesPublished;
  return {
    meeting,
    signedIn: user !== null,
    isCoordinator,
    closedReason: registrationClosedReason({ status: meeting.status, registrationDeadline: meeting.registrationDeadline, now: new Date() }),
    started: new Date(meeting.startsAt).getTime() <= Date.now(),
    ownRegistration: user ? await getOwnRegistration({ db: db(), meetingId, userId: user.id }) : null,
    ownOrganisations: (user?.organisations ?? []).map(({ id, name }) => ({ id, name })),
    registrations: isCoordinator ? await listRegistrations({ db: db(), meetingId, includeNeeds: true }) : null,
    attendance: user ? await listAttendance({ db: db(), meetingId }) : null,
    minutesHtml: showFollowUp && meeting.minutes.trim() !== "" ? renderMarkdown(meeting.minutes) : null,
    actions: showFollowUp ? await listActionItems({ db: db(), meetingId, includeUnpublished: isCoordinator }) : null,
  };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const meetingId = orNotFound(parseId(params.id));
  const form = await readFormData(request);
  const here = `/meetings/${meetingId}`;
  return dispatchIntent(form, {
    register: async () => {
      const user = await requireUser(request);
      const submission = parseSubmission(form, registrationSchema);
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      // Always the signed-in user: nobody registers someone else.
      const { organisationId, needs } = submission.value;
      const result = orNotFound(await registerForMeeting({ db: db(), meetingId, userId: user.id, organisationId, needs }));
      if (!result.ok) return data(submission.reply({ formErrors: [{ key: `meetings.register.error.${result.error}` }] }), { status: 400 });
      return redirectWithToast(here, { key: result.status === "confirmed" ? "meetings.register.done" : "meetings.register.doneWaitlist" });
    },
    unregister: async () => {
      const user = await requireUser(request);
      const result = await cancelRegistration({ db: db(), meetingId, userId: user.id });
      if (!result.ok) return data(refusalReply({ key: `meetings.register.error.${result.error}` }), { status: 400 });
      return redirectWithToast(here, { key: "meetings.register.cancelled" });
    },
    cancelMeeting: async () => {
      await requireUserWithPermission(request, "meeting.manage");
      const result = orNotFound(await cancelMeeting({ db: db(), meetingId }));
      if (!result.ok) return data(refusalReply({ key: `meetings.error.${result.error}` }), { status: 400 });
      return redirectWithToast(here, { key: "meetings.cancelledToast.other", vars: { count: result.notified } });
    },
  });
}

const registrationConstraint = getZodConstraint(registrationSchema);

export default function MeetingPage() {
  const { meeting, signedIn, isCoordinator, closedReason, started, ownRegistration, ownOrganisations, registrations, attendance, minutesHtml, actions } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useI18n();
  const { form, fields } = useSchemaForm<{ organisationId: string; needs: string }>({
    id: "register",
    constraint: registrationConstraint,
    lastResult,
    defaultValue: { organisationId: ownOrganisations[0] ? String(ownOrganisations[0].id) : "" },
  });
  const field = useSchemaFields("register");
  const errors = useReplyMessages(lastResult);
  const here = `/meetings/${meeting.id}`;
  const full = meeting.capacity !== null && meeting.confirmed >= meeting.capacity;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/meetings">
        {t("meetings.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Title order={1} style={{ overflowWrap: "anywhere" }}>
          {meeting.title}
        </Title>
        {meeting.status === "cancelled" && (
          <Badge color="red.9" variant="filled" size="lg">
            {t("meetings.cancelledBadge")}
          </Badge>
        )}
      </Group>
      {meeting.status === "cancelled" && (
        <Alert color="red" variant="light">
          <Text c="dark.9">{t("meetings.cancelledNotice")}</Text>
        </Alert>
      )}
      <MeetingFacts meeting={meeting} />
      <Text size="sm">
        {t("meetings.registrationDeadline")}: {formatDateTime(locale, meeting.registrationDeadline)}
      </Text>
      <Group gap="md" wrap="wrap">
        <Anchor href={`/meetings/${meeting.id}/calendar.ics`}>{t("meetings.addToCalendar")}</Anchor>
        {isCoordinator && meeting.status === "scheduled" && (
          <Anchor component={Link} to={`/meetings/${meeting.id}/edit`}>
            {t("meetings.edit")}
          </Anchor>
        )}
        {isCoordinator && (
          <Anchor component={Link} to={`/meetings/${meeting.id}/follow-up`}>
            {t("meetings.followUpLink")}
          </Anchor>
        )}
        {isCoordinator && meeting.status === "scheduled" && (
          <Anchor component={Link} to={confirmHref({ cancel: 1 }, "confirm-cancel")}>
            {t("meetings.cancel")}
          </Anchor>
        )}
      </Group>
      {isCoordinator && searchParams.get("cancel") === "1" && meeting.status === "scheduled" && (
        <ConfirmAction
          question={t("meetings.cancelConfirm", { title: meeting.title })}
          intent="cancelMeeting"
          anchor="confirm-cancel"
          confirmLabel={t("meetings.cancelButton")}
          cancelTo={here}
        />
      )}

      {meeting.description && (
        <SectionCard title={t("meetings.description")}>
          <Text style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>{meeting.description}</Text>
        </SectionCard>
      )}

      <SectionCard title={t("meetings.agenda")}>
        {meeting.agenda.length === 0 ? (
          <Text>{t("meetings.agendaEmpty")}</Text>
        ) : (
          <List type="ordered" spacing="xs">
            {meeting.agenda.map((item) => (
              <List.Item key={item.id}>
                <Text span fw={600} style={{ overflowWrap: "anywhere" }}>
                  {item.title}
                </Text>{" "}
                <Text span size="sm" c="dimmed">
                  ({t("meetings.agendaMinutes", { n: item.durationMinutes })})
                </Text>
                {item.requestId !== null && item.requestTitle !== null && (
                  <Text size="sm">
                    <Anchor component={Link} to={`/requests/${item.requestId}`}>
                      {t("meetings.agendaRequest", { title: item.requestTitle })}
                    </Anchor>
                  </Text>
                )}
                {item.jointBidId !== null && (
                  <Text size="sm">
                    <Anchor component={Link} to={`/bids/${item.jointBidId}`}>
                      {t("meetings.agendaJointBid", { id: item.jointBidId })}
                    </Anchor>
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </SectionCard>

      {!started && meeting.status === "scheduled" && (
        <SectionCard title={t("meetings.register.title")}>
          <FormErrorSummary errors={errors} idPrefix="register" />
          {ownRegistration ? (
            <Stack gap="sm">
              <Text>
                {ownRegistration.status === "confirmed"
                  ? t("meetings.register.confirmed", { organisation: ownRegistration.organisationName })
                  : t("meetings.register.waitlisted", { organisation: ownRegistration.organisationName, position: ownRegistration.waitlistPosition ?? 1 })}
              </Text>
              <Form method="post">
                <Button type="submit" name="intent" value="unregister" variant="default">
                  {t("meetings.register.cancel")}
                </Button>
              </Form>
            </Stack>
          ) : !signedIn ? (
            <Anchor component={Link} to={`/login?${new URLSearchParams({ redirectTo: here })}`}>
              {t("meetings.register.loginFirst")}
            </Anchor>
          ) : closedReason ? (
            <Text>{t("meetings.register.closed")}</Text>
          ) : ownOrganisations.length === 0 ? (
            <Text>{t("meetings.register.noOrganisation")}</Text>
          ) : (
            <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
              <Stack gap="sm">
                <NativeSelect
                  {...field(fields.organisationId)}
                  label={t("meetings.register.organisation")}
                  data={ownOrganisations.map((o) => ({ value: String(o.id), label: o.name }))}
                />
                <Textarea {...field(fields.needs)} label={t("meetings.register.needs")} description={t("meetings.register.needsHint")} autosize minRows={2} />
                <Group>
                  <Button type="submit" name="intent" value="register">
                    {full ? t("meetings.register.submitWaitlist") : t("meetings.register.submit")}
                  </Button>
                </Group>
              </Stack>
            </Form>
          )}
        </SectionCard>
      )}

      {registrations && (
        <SectionCard title={t("meetings.registrations")}>
          {registrations.length === 0 ? (
            <Text>{t("meetings.registrationsEmpty")}</Text>
          ) : (
            <TableScroller minWidth={520}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("meetings.registration.name")}</Table.Th>
                    <Table.Th scope="col">{t("meetings.registration.organisation")}</Table.Th>
                    <Table.Th scope="col">{t("meetings.registration.status")}</Table.Th>
                    <Table.Th scope="col">{t("meetings.registration.needs")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {registrations.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.name}</Table.Td>
                      <Table.Td>{r.organisationName}</Table.Td>
                      <Table.Td>{t(r.status === "confirmed" ? "meetings.registration.confirmed" : "meetings.registration.waitlisted")}</Table.Td>
                      <Table.Td style={{ overflowWrap: "anywhere" }}>{r.needs ?? "–"}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroller>
          )}
        </SectionCard>
      )}

      {attendance && attendance.length > 0 && (
        <SectionCard title={t("meetings.attendance")}>
          <List spacing={4}>
            {attendance.map((a, i) => (
              <List.Item key={i}>
                {a.name} ({a.organisationName})
              </List.Item>
            ))}
          </List>
        </SectionCard>
      )}

      {minutesHtml !== null && (
        <SectionCard title={t("meetings.minutes")}>
          {!meeting.minutesPublished && (
            <Text size="sm" c="dimmed" mb="sm">
              {t("meetings.minutes.unpublished")}
            </Text>
          )}
          <TypographyStylesProvider>
            <div className="minutes" style={{ overflowWrap: "anywhere" }} dangerouslySetInnerHTML={{ __html: minutesHtml }} />
          </TypographyStylesProvider>
        </SectionCard>
      )}

      {actions && actions.length > 0 && (
        <SectionCard title={t("meetings.actions")}>
          <ActionList actions={actions} locale={locale} />
        </SectionCard>
      )}
    </Stack>
  );
}

function ActionList({
  actions,
  locale,
}: {
  actions: { id: number; text: string; dueDate: string; status: "open" | "done"; overdue: boolean; organisationName: string }[];
  locale: "sv" | "en";
}) {
  const { t } = useI18n();
  return (
    <List spacing="xs">
      {actions.map((a) => (
        <List.Item key={a.id}>
          <Text span style={{ overflowWrap: "anywhere" }}>
            {a.text}
          </Text>{" "}
          <Text span size="sm">
            – {a.organisationName}, {t("meetings.action.due")} {formatDate(locale, a.dueDate)},{" "}
            {t(a.status === "done" ? "meetings.action.done" : "meetings.action.open")}
          </Text>
          {a.overdue && (
            <Badge ml="xs" color="red.9" variant="filled" tt="none">
              {t("meetings.action.overdue")}
            </Badge>
          )}
        </List.Item>
      ))}
    </List>
  );
}
