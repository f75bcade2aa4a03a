import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/meetings.$id_.follow-up";
import type { ServerArgs } from "../utils/route-args";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { getZodConstraint } from "@conform-to/zod/v3";
import type { ReactNode } from "react";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import {
  addActionItem,
  deleteActionItem,
  listActionItems,
  listActiveOrganisations,
  saveMinutes,
  setActionStatus,
  updateActionItem,
} from "../models/meeting-minutes.server";
import { getMeeting } from "../models/meeting.server";
import { listRegistrations, recordAttendance } from "../models/meeting-registration.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { formatDate, formatDateTime, messagesHandle } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { actionItemSchema, minutesSchema } from "../utils/meeting-forms";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { meetingsMessages } from "../locales/meetings";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(formsMessages, meetingsMessages);

export const meta = titleMeta((d) => (d as { meeting?: { title: string } } | undefined)?.meeting?.title);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "meeting.manage");
  const meetingId = orNotFound(parseId(params.id));
  const meeting = orNotFound(await getMeeting({ db: db(), meetingId }));
  return {
    meeting: { id: meeting.id, title: meeting.title, minutes: meeting.minutes, minutesPublished: meeting.minutesPublished, startsAt: meeting.startsAt },
    // Minutes record what happened: they are written once the meeting has started.
    started: Date.parse(meeting.startsAt) <= Date.now(),
    registrations: await listRegistrations({ db: db(), meetingId, includeNeeds: false }),
    actions: await listActionItems({ db: db(), meetingId, includeUnpublished: true }),
    organisations: await listActiveOrganisations({ db: db() }),
  };
}

/** Which of the page's forms a reply is for (the action item being changed by its id). */
interface Answer {
  form: "minutes" | "action" | "editAction";
  reply: FormReply;
  actionId?: number;
}
const answer = (form: Answer["form"], reply: FormReply, actionId?: number) => data<Answer>({ form, reply, actionId }, { status: 400 });

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const coordinator = await requireUserWithPermission(request, "meeting.manage");
  const meetingId = orNotFound(parseId(params.id));
  orNotFound(await getMeeting({ db: db(), meetingId }));
  const form = await readFormData(request);
  const here = `/meetings/${meetingId}/follow-up`;
  /** An organisation the model does not know, at the field it was chosen in. */
  const unknownOrganisation = { fieldErrors: { organisationId: [{ key: "meetings.action.error.unknownOrganisation" as const }] } };
  return dispatchIntent(form, {
    attendance: async () => {
      const ids = form.getAll("attended").map((v) => parseId(String(v)));
      if (ids.some((id) => id === null)) throw notFound();
      await recordAttendance({ db: db(), meetingId, attendedRegistrationIds: ids as number[] });
      return redirectWithToast(here, { key: "meetings.attendance.saved" });
    },
    minutes: async () => {
      const submission = parseSubmission(form, minutesSchema);
      if (submission.status !== "success") return answer("minutes", submission.reply());
      const { minutes, published } = submission.value;
      const saved = await saveMinutes({ db: db(), meetingId, minutes, published, userId: coordinator.id });
      if (!saved.ok && saved.error.kind === "notFound") throw notFound();
      if (!saved.ok) return answer("minutes", submission.reply({ formErrors: [{ key: "meetings.minutes.error.notStarted" }] }));
      return redirectWithToast(here, { key: "meetings.minutes.saved" });
    },
    addAction: async () => {
      const submission = parseSubmission(form, actionItemSchema);
      if (submission.status !== "success") return answer("action", submission.reply());
      const result = await addActionItem({ db: db(), meetingId, input: submission.value });
      if (!result.ok) return answer("action", submission.reply(unknownOrganisation));
      return redirectWithToast(here, { key: "meetings.action.added" });
    },
    editAction: async () => {
      const actionId = orNotFound(parseId(String(form.get("actionId") ?? "")));
      const submission = parseSubmission(form, actionItemSchema);
      if (submission.status !== "success") return answer("editAction", submission.reply(), actionId);
      const result = await updateActionItem({ db: db(), meetingId, actionId, input: submission.value });
      if (!result.ok && result.error.kind === "notFound") throw notFound();
      if (!result.ok) return answer("editAction", submission.reply(unknownOrganisation), actionId);
      return redirectWithToast(here, { key: "meetings.action.updated" });
    },
    deleteAction: async () => {
      const actionId = orNotFound(parseId(String(form.get("actionId") ?? "")));
      if (!(await deleteActionItem({ db: db(), meetingId, actionId }))) throw notFound();
      return redirectWithToast(here, { key: "meetings.action.deleted" });
    },
    toggleAction: async () => {
      const actionId = orNotFound(parseId(String(form.get("actionId") ?? "")));
      const updated = await setActionStatus({ db: db(), meetingId, actionId, done: form.get("done") === "1" });
      if (!updated) throw notFound();
      return redirectWithToast(here, { key: "meetings.action.updated" });
    },
  });
}

export default function MeetingFollowUp() {
  const { meeting, started, registrations, actions, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useI18n();
  const replyTo = (form: Answer["form"]) => (actionData?.form === form ? actionData.reply : undefined);
  const minutesForm = useSchemaForm<{ minutes: string; published?: "on" }>({
    id: "minutes",
    constraint: minutesConstraint,
    lastResult: replyTo("minutes"),
    defaultValue: { minutes: meeting.minutes, published: meeting.minutesPublished ? "on" : undefined },
  });
  const minutesField = useSchemaFields("minutes");
  const minutesErrors = useReplyMessages(replyTo("minutes"));
  const confirmed = registrations.filter((r) => r.status === "confirmed");
  const here = `/meetings/${meeting.id}/follow-up`;
  const editingId = actionData?.form === "editAction" ? (actionData.actionId ?? null) : parseId(searchParams.get("editAction"));
  const editing = actions.find((a) => a.id === editingId) ?? null;
  const deletingId = parseId(searchParams.get("deleteAction"));
  const organisationOptions = [{ value: "", label: "–" }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))];
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/meetings/${meeting.id}`}>
        {meeting.title}
      </Anchor>
      <Title order={1} style={{ overflowWrap: "anywhere" }}>
        {t("meetings.followUpTitle", { title: meeting.title })}
      </Title>

      <SectionCard title={t("meetings.attendance")}>
        {confirmed.length === 0 ? (
          <Text>{t("meetings.registrationsEmpty")}</Text>
        ) : (
          <Form method="post">
            <Stack gap="xs">
              {confirmed.map((r) => (
                <Checkbox
                  key={r.id}
                  name="attended"
                  value={String(r.id)}
                  defaultChecked={r.attended}
                  label={t("meetings.attendance.attended", { name: r.name, organisation: r.organisationName })}
                />
              ))}
              <Group mt="sm">
                <Button type="submit" name="intent" value="attendance">
                  {t("meetings.attendance.save")}
                </Button>
              </Group>
            </Stack>
          </Form>
        )}
      </SectionCard>

      <SectionCard title={t("meetings.minutes")}>
        {!started ? (
          <Text>{t("meetings.minutes.notYet", { date: formatDateTime(locale, meeting.startsAt) })}</Text>
        ) : (
          <Form method="post" id={minutesForm.form.id} onSubmit={minutesForm.form.onSubmit} noValidate>
            <FormErrorSummary errors={minutesErrors} idPrefix="minutes" />
            <Stack gap="sm">
              <Textarea
                {...minutesField(minutesForm.fields.minutes)}
                label={t("meetings.minutes.field")}
                description={t("meetings.minutes.hint")}
                autosize
                minRows={8}
              />
              <Checkbox
                name={minutesForm.fields.published.name}
                label={t("meetings.minutes.published")}
                defaultChecked={minutesForm.fields.published.initialValue === "on"}
              />
              <Group>
                <Button type="submit" name="intent" value="minutes">
                  {t("meetings.minutes.save")}
                </Button>
              </Group>
            </Stack>
          </Form>
        )}
      </SectionCard>

      <SectionCard title={t("meetings.actions")}>
        {actions.length === 0 ? (
          <Text mb="md">{t("meetings.actionsEmpty")}</Text>
        ) : (
          <TableScroller minWidth={720} mb="md">
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("meetings.action.text")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.action.organisation")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.action.due")}</Table.Th>
                  <Table.Th scope="col">{t("meetings.action.status")}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t("meetings.action.editTitle")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {actions.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td style={{ overflowWrap: "anywhere" }}>{a.text}</Table.Td>
                    <Table.Td>{a.organisationName}</Table.Td>
                    <Table.Td>
                      <Text span size="sm">
                        {formatDate(locale, a.dueDate)}
                      </Text>
                      {a.overdue && (
                        <Badge ml="xs" color="red.9" variant="filled" tt="none">
                          {t("meetings.action.overdue")}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Form method="post">
                        <input type="hidden" name="actionId" value={a.id} />
                        <input type="hidden" name="done" value={a.status === "done" ? "0" : "1"} />
                        <Group gap="xs" wrap="nowrap">
                          <Text span size="sm">
                            {t(a.status === "done" ? "meetings.action.done" : "meetings.action.open")}
                          </Text>
                          <Button
                            type="submit"
                            name="intent"
                            value="toggleAction"
                            size="xs"
                            variant="default"
                            aria-label={t(a.status === "done" ? "meetings.action.reopen" : "meetings.action.markDone", { text: a.text })}
                          >
                            {t(a.status === "done" ? "meetings.action.open" : "meetings.action.done")}
                          </Button>
                        </Group>
                      </Form>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={confirmHref({ editAction: a.id }, "edit-action")}
                          size="sm"
                          aria-label={t("meetings.action.editLabel", { text: a.text })}
                        >
                          {t("meetings.action.edit")}
                        </Anchor>
                        <Anchor
                          component={Link}
                          to={confirmHref({ deleteAction: a.id }, `confirm-delete-action-${a.id}`)}
                          size="sm"
                          c="red.9"
                          aria-label={t("meetings.action.deleteLabel", { text: a.text })}
                        >
                          {t("meetings.action.delete")}
                        </Anchor>
                      </Group>
                      {deletingId === a.id && (
                        <ConfirmAction
                          question={t("meetings.action.deleteConfirm", { text: a.text })}
                          intent="deleteAction"
                          anchor={`confirm-delete-action-${a.id}`}
                          fields={{ actionId: a.id }}
                          confirmLabel={t("meetings.action.deleteButton")}
                          cancelTo={here}
                          size="xs"
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroller>
        )}
        {editing && (
          <ActionItemForm
            key={editing.id}
            id="edit-action"
            lastResult={replyTo("editAction")}
            defaultValue={{ text: editing.text, organisationId: String(editing.organisationId), dueDate: editing.dueDate }}
            organisationOptions={organisationOptions}
            title={t("meetings.action.editTitle")}
          >
            <input type="hidden" name="actionId" value={editing.id} />
            <Button type="submit" name="intent" value="editAction">
              {t("meetings.action.save")}
            </Button>
            <Button component={Link} to={here} variant="default">
              {t("confirm.cancel")}
            </Button>
          </ActionItemForm>
        )}
        <ActionItemForm id="add-action" lastResult={replyTo("action")} defaultValue={{}} organisationOptions={organisationOptions}>
          <Button type="submit" name="intent" value="addAction">
            {t("meetings.action.add")}
          </Button>
        </ActionItemForm>
      </SectionCard>
    </Stack>
  );
}

const minutesConstraint = getZodConstraint(minutesSchema);
const actionItemConstraint = getZodConstraint(actionItemSchema);

type ActionItemValues = { text: string; organisationId: string; dueDate: string };

/**
 * An action item's form, for adding one and for changing one: what, who is responsible, by when.
 * The one being changed has a title and takes the focus (the page scrolls to it).
 */
function ActionItemForm({
  id,
  lastResult,
  defaultValue,
  organisationOptions,
  title,
  children,
}: {
  id: string;
  lastResult: FormReply | undefined;
  defaultValue: Partial<ActionItemValues>;
  organisationOptions: { value: string; label: string }[];
  title?: string;
  /** The hidden fields and buttons. */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm<ActionItemValues>({ id, constraint: actionItemConstraint, lastResult, defaultValue });
  const field = useSchemaFields(id);
  const errors = useReplyMessages(lastResult);
  const labels = { text: t("meetings.action.text"), organisationId: t("meetings.action.organisation"), dueDate: t("meetings.action.due") };
  const editing = title !== undefined;
  return (
    <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate tabIndex={editing ? -1 : undefined} data-scroll-target={editing ? "" : undefined}>
      {editing && (
        <Title order={3} size="h4" mb="sm">
          {title}
        </Title>
      )}
      <FormErrorSummary errors={errors} idPrefix={id} labels={labels} />
      <Stack gap="sm" mb={editing ? "xl" : undefined}>
        <TextInput {...field(fields.text)} label={labels.text} autoFocus={editing} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect {...field(fields.organisationId)} label={labels.organisationId} data={organisationOptions} />
          <TextInput {...field(fields.dueDate)} type="date" label={labels.dueDate} />
        </SimpleGrid>
        <Group>{children}</Group>
      </Stack>
    </Form>
  );
}
