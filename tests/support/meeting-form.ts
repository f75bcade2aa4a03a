import { readForm } from "./form-submission";
import { emptyMeetingValues, meetingFormLists, meetingFormSchema, type MeetingFormValues } from "../../app/utils/meeting-forms";

/** The meeting form as the browser posts it: `agenda[N].title` and its neighbours, ticked boxes as "on". */
export function meetingFormData(values: Partial<MeetingFormValues> & Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...emptyMeetingValues(), ...values })) {
    if (name === "agenda") {
      (value as MeetingFormValues["agenda"]).forEach((row, i) => {
        for (const [field, typed] of Object.entries(row)) form.append(`agenda[${i}].${field}`, typed ?? "");
      });
    } else if (Array.isArray(value)) for (const v of value) form.append(name, String(v));
    else if (value !== undefined) form.append(name, String(value));
  }
  return form;
}

/** The meeting form read as the server reads it: the model's input, or the first message of each field. */
export function parseMeeting(values: Partial<MeetingFormValues> & Record<string, unknown>) {
  return readForm(meetingFormData(values), meetingFormSchema, meetingFormLists);
}
