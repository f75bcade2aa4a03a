import { Anchor, Stack, Title } from "@mantine/core";
import { Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings.new";
import type { ServerArgs } from "../utils/route-args";
import { MeetingForm } from "../components/meeting-fields";
import { createMeeting, listConvenerCandidates, listLinkableRequests } from "../models/meeting.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { emptyMeetingValues, meetingRefusal, withAgendaRows, meetingFormLists, meetingFormSchema } from "../utils/meeting-forms";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { meetingsMessages } from "../locales/meetings";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, meetingsMessages);

export const meta = titleMeta("meetings.newTitle");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "meeting.manage");
  return {
    convenerOptions: await listConvenerCandidates({ db: db() }),
    requestOptions: await listLinkableRequests({ db: db() }),
  };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const coordinator = await requireUserWithPermission(request, "meeting.manage");
  const formData = await readFormData(request);
  const submission = parseSubmission(formData, meetingFormSchema, meetingFormLists);
  const reply = (refusal?: ReturnType<typeof meetingRefusal>) => withAgendaRows(submission.reply(refusal), formData);
  // "Lägg till rad" saves nothing and says nothing wrong: the form comes back as typed with one more agenda row.
  if (formData.get("intent") === "addAgendaRow") return data(withAgendaRows({ initialValue: submission.reply().initialValue }, formData, true));
  if (submission.status !== "success") return data(reply(), { status: 400 });
  const input = submission.value;
  const result = await createMeeting({ db: db(), userId: coordinator.id, input });
  if (!result.ok) return data(reply(meetingRefusal(input, result)), { status: 400 });
  return redirectWithToast(`/meetings/${result.id}`, { key: "meetings.created" });
}

export default function NewMeeting() {
  const { convenerOptions, requestOptions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/meetings">
        {t("meetings.back")}
      </Anchor>
      <Title order={1}>{t("meetings.newTitle")}</Title>
      <MeetingForm lastResult={lastResult} defaultValue={emptyMeetingValues()} convenerOptions={convenerOptions} requestOptions={requestOptions} />
    </Stack>
  );
}
