import { Anchor, Stack, Title } from "@mantine/core";
import { Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings.$id_.edit";
import type { ServerArgs } from "../utils/route-args";
import { MeetingForm } from "../components/meeting-fields";
import { utcToStockholmLocal } from "../domain/lund-time";
import { getMeeting, listConvenerCandidates, listLinkableRequests, updateMeeting } from "../models/meeting.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { meetingRefusal, withAgendaRows, meetingFormLists, meetingFormSchema, withSpareRows, type MeetingFormValues } from "../utils/meeting-forms";
import { parseSubmission } from "../utils/forms";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { meetingsMessages } from "../locales/meetings";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, meetingsMessages);

export const meta = titleMeta((d) => (d as { meeting?: { title: string } } | undefined)?.meeting?.title);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "meeting.manage");
  const meeting = orNotFound(await getMeeting({ db: db(), meetingId: orNotFound(parseId(params.id)) }));
  const values: MeetingFormValues = {
    title: meeting.title,
    description: meeting.description,
    startsAt: utcToStockholmLocal(meeting.startsAt),
    endsAt: utcToStockholmLocal(meeting.endsAt),
    registrationDeadline: utcToStockholmLocal(meeting.registrationDeadline),
    place: meeting.place ?? "",
    onlineUrl: meeting.onlineUrl ?? "",
    capacity: meeting.capacity === null ? "" : String(meeting.capacity),
    unlimited: meeting.capacity === null ? "on" : undefined,
    sendReminder: meeting.sendReminder ? "on" : undefined,
    conveners: meeting.conveners.map((c) => String(c.id)),
    agenda: withSpareRows(
      meeting.agenda.map((a, i) => ({
        position: String(i + 1),
        title: a.title,
        minutes: String(a.durationMinutes),
        requestId: a.requestId === null ? "" : String(a.requestId),
        jointBidId: a.jointBidId === null ? "" : String(a.jointBidId),
      })),
    ),
  };
  return {
    meeting: { id: meeting.id, title: meeting.title },
    values,
    convenerOptions: await listConvenerCandidates({ db: db() }),
    requestOptions: await listLinkableRequests({ db: db() }),
  };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  await requireUserWithPermission(request, "meeting.manage");
  const meetingId = orNotFound(parseId(params.id));
  const formData = await readFormData(request);
  const submission = parseSubmission(formData, meetingFormSchema, meetingFormLists);
  const reply = (refusal?: ReturnType<typeof meetingRefusal>) => withAgendaRows(submission.reply(refusal), formData);
  // "Lägg till rad" saves nothing and says nothing wrong: the form comes back as typed with one more agenda row.
  if (formData.get("intent") === "addAgendaRow") return data(withAgendaRows({ initialValue: submission.reply().initialValue }, formData, true));
  if (submission.status !== "success") return data(reply(), { status: 400 });
  const input = submission.value;
  // Asked only once the model has said the places are fewer than those registered.
  const confirmFewerPlaces = formData.get("confirmFewerPlaces") === "on";
  const result = orNotFound(await updateMeeting({ db: db(), meetingId, input, confirmFewerPlaces }));
  if (!result.ok) return data(reply(meetingRefusal(input, result)), { status: 400 });
  return redirectWithToast(`/meetings/${meetingId}`, { key: "meetings.saved" });
}

export default function EditMeeting() {
  const { meeting, values, convenerOptions, requestOptions } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/meetings/${meeting.id}`}>
        {meeting.title}
      </Anchor>
      <Title order={1}>{t("meetings.editTitle", { title: meeting.title })}</Title>
      <MeetingForm lastResult={lastResult} defaultValue={values} convenerOptions={convenerOptions} requestOptions={requestOptions} />
    </Stack>
  );
}
