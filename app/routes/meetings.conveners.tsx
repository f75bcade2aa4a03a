import { Alert, Anchor, Button, Group, List, NativeSelect, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings.conveners";
import type { ServerArgs } from "../utils/route-args";
import { getZodConstraint } from "@conform-to/zod/v3";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { convenerHistory, handOverConvening, listHandovers, previewHandover } from "../models/meeting-handover.server";
import { listConvenerCandidates } from "../models/meeting.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { dispatchIntent } from "../utils/http.server";
import { formatDate, formatDateTime, messagesHandle } from "../utils/i18n";
import { handoverSchema } from "../utils/meeting-forms";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { meetingsMessages } from "../locales/meetings";

export const handle = messagesHandle(formsMessages, meetingsMessages);

export const meta = titleMeta("meetings.conveners.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "meeting.manage");
  return {
    candidates: await listConvenerCandidates({ db: db() }),
    handovers: await listHandovers({ db: db() }),
    history: await convenerHistory({ db: db() }),
  };
}

/**
 * A handover is confirmed before it is made: "Granska" shows which meetings would move, and only
 * "Ja, lämna över" moves them and tells the members of both organisations.
 */
export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const coordinator = await requireUserWithPermission(request, "meeting.manage");
  const form = await readFormData(request);
  const submission = parseSubmission(form, handoverSchema);
  type Answer = { reply: FormReply; review: (NonNullable<Awaited<ReturnType<typeof previewHandover>>> & typeof handover) | null };
  const refuse = (reply: FormReply) => data<Answer>({ reply, review: null }, { status: 400 });
  if (submission.status !== "success") return refuse(submission.reply());
  const handover = submission.value;
  return dispatchIntent(form, {
    review: async () => {
      const review = await previewHandover({ db: db(), ...handover });
      if (!review) return refuse(submission.reply({ formErrors: [{ key: "meetings.error.unknownConvener" }] }));
      return data<Answer>({ reply: submission.reply(), review: { ...review, ...handover } });
    },
    handOver: async () => {
      const result = await handOverConvening({ db: db(), ...handover, userId: coordinator.id });
      if (!result.ok) return refuse(submission.reply({ formErrors: [{ key: `meetings.error.${result.error}` }] }));
      return redirectWithToast("/meetings/conveners", { key: "meetings.conveners.done.other", vars: { count: result.moved } });
    },
  });
}

const constraint = getZodConstraint(handoverSchema);

/** The two organisations of a handover, in the order they are chosen. */
const sides = [
  ["fromOrganisationId", "meetings.conveners.from"],
  ["toOrganisationId", "meetings.conveners.to"],
] as const;

export default function MeetingConveners() {
  const { candidates, handovers, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale, counted } = useI18n();
  const { form, fields } = useSchemaForm<{ fromOrganisationId: string; toOrganisationId: string }>({
    id: "handover",
    constraint,
    lastResult: actionData?.reply,
  });
  const field = useSchemaFields("handover");
  const errors = useReplyMessages(actionData?.reply);
  const review = actionData?.review ?? null;
  const options = [{ value: "", label: "–" }, ...candidates.map((c) => ({ value: String(c.id), label: c.name }))];
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/meetings">
        {t("meetings.back")}
      </Anchor>
      <Title order={1}>{t("meetings.conveners.title")}</Title>
      <Text>{t("meetings.conveners.intro")}</Text>
      <SectionCard title={t("meetings.conveners.submit")}>
        <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
          <FormErrorSummary errors={errors} idPrefix="handover" labels={Object.fromEntries(sides.map(([name, label]) => [name, t(label)]))} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {sides.map(([name, label]) => (
              <NativeSelect key={name} {...field(fields[name])} label={t(label)} data={options} />
            ))}
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit" name="intent" value="review">
              {t("meetings.conveners.review")}
            </Button>
          </Group>
        </Form>
        {review && (
          // Mantine's Alert names itself by its title prop only, dropping an aria-labelledby given to it:
          // the dialog is a wrapper of our own, named by its heading.
          <div role="alertdialog" aria-labelledby="handover-review-title" data-scroll-target="">
            <Alert color="blue" variant="light" mt="md" role="none">
              <Title order={3} size="h4" id="handover-review-title" mb="xs">
                {t("meetings.conveners.confirmTitle")}
              </Title>
              <Text mb="xs">{t("meetings.conveners.confirmText", { from: review.fromName, to: review.toName })}</Text>
              {review.meetings.length === 0 ? (
                <Text mb="xs">{t("meetings.conveners.confirmNone")}</Text>
              ) : (
                <>
                  <Text mb={4}>{t("meetings.conveners.confirmMeetings")}</Text>
                  <List mb="xs" spacing={2}>
                    {review.meetings.map((m) => (
                      <List.Item key={m.id}>
                        {m.title}, {formatDateTime(locale, m.startsAt)}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
              <Text mb="sm">{t("meetings.conveners.confirmTold")}</Text>
              <Form method="post">
                {sides.map(([name]) => (
                  <input key={name} type="hidden" name={name} value={review[name]} />
                ))}
                <Group gap="xs">
                  <Button type="submit" name="intent" value="handOver" autoFocus>
                    {t("meetings.conveners.confirmButton")}
                  </Button>
                  <Button component={Link} to="/meetings/conveners" variant="default">
                    {t("confirm.cancel")}
                  </Button>
                </Group>
              </Form>
            </Alert>
          </div>
        )}
      </SectionCard>
      <SectionCard title={t("meetings.conveners.handovers")}>
        {handovers.length === 0 ? (
          <Text>{t("meetings.conveners.handoversEmpty")}</Text>
        ) : (
          <List spacing="xs">
            {handovers.map((h) => (
              <List.Item key={h.id}>
                {counted("meetings.conveners.handoverLine", h.meetingsMoved, {
                  date: formatDateTime(locale, h.handedOverAt),
                  from: h.fromName,
                  to: h.toName,
                  by: h.byName ?? "–",
                })}
              </List.Item>
            ))}
          </List>
        )}
      </SectionCard>
      <SectionCard title={t("meetings.conveners.history")}>
        <List spacing="xs">
          {history.map((m) => (
            <List.Item key={m.id}>
              <Anchor component={Link} to={`/meetings/${m.id}`}>
                {m.title}
              </Anchor>{" "}
              ({formatDate(locale, m.startsAt)}): {m.conveners.join(", ")}
            </List.Item>
          ))}
        </List>
      </SectionCard>
    </Stack>
  );
}
