import { Button, Card, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { getZodConstraint } from "@conform-to/zod/v3";
import { Form } from "react-router";
import { meetingFormSchema, type MeetingFormValues } from "../utils/meeting-forms";
import type { MessageKey, Translate } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";
import { FormErrorSummary, checkedValues, fieldId, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "./form-fields";

const constraint = getZodConstraint(meetingFormSchema);
const idPrefix = "meeting";

/** The times, typed as Lund wall-clock (`datetime-local`). */
const times = [
  ["startsAt", "meetings.form.startsAt"],
  ["endsAt", "meetings.form.endsAt"],
  ["registrationDeadline", "meetings.form.deadline"],
] as const;

/** An agenda row's text fields, in the order they stand (the request is a list between them). */
const agendaLabels = {
  position: "meetings.form.agendaPosition",
  title: "meetings.form.agendaTitle",
  minutes: "meetings.form.agendaMinutes",
  requestId: "meetings.form.agendaRequest",
  jointBidId: "meetings.form.agendaJointBid",
} as const satisfies Record<string, MessageKey>;

/**
 * The whole meeting form, for a new meeting and for changing one: errors first, the fields, save.
 * Times are typed as Lund wall-clock; agenda items are rows of plain fields (filled rows plus a few
 * empty ones), so the form works without JavaScript. "Lägg till rad" is a second submit button: the
 * server answers with the form as typed and one more row, nothing saved (without JavaScript as with
 * it); it comes after "Spara" so that Enter in a field saves.
 */
export function MeetingForm(props: Parameters<typeof MeetingFormBody>[0]) {
  // Conform keeps the rows it started with; a reply with more rows ("Lägg till rad") starts the form again from it.
  const rows = (props.lastResult?.initialValue?.agenda as unknown[] | undefined)?.length ?? props.defaultValue.agenda.length;
  return <MeetingFormBody key={rows} {...props} />;
}

function MeetingFormBody({
  lastResult,
  defaultValue,
  convenerOptions,
  requestOptions,
}: {
  lastResult: FormReply | null | undefined;
  defaultValue: MeetingFormValues;
  convenerOptions: { id: number; name: string }[];
  requestOptions: { id: number; title: string }[];
}) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm<MeetingFormValues>({ id: idPrefix, constraint, lastResult, defaultValue });
  const field = useSchemaFields(idPrefix);
  const errors = useReplyMessages(lastResult);
  const rows = fields.agenda.getFieldList();
  // The row "Lägg till rad" just added takes the focus.
  const addedRow = lastResult && !lastResult.status ? rows.length - 1 : undefined;
  // Fewer places than people registered: the coordinator is asked to confirm, and stays asked.
  const typed = lastResult?.initialValue as Record<string, unknown> | undefined;
  const askFewerPlaces = lastResult?.error?.capacity?.[0]?.key === "meetings.form.fewerPlaces" || typed?.confirmFewerPlaces === "on";
  return (
    <Card withBorder padding="lg">
      <Form method="post" id={form.id} onSubmit={form.onSubmit} noValidate>
        <FormErrorSummary errors={errors} idPrefix={idPrefix} labels={meetingFieldLabels(t, rows.length)} />
        <Stack gap="md">
          <TextInput {...field(fields.title)} label={t("meetings.form.title")} />
          <Textarea {...field(fields.description)} label={t("meetings.form.description")} autosize minRows={3} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {times.map(([name, label]) => (
              <TextInput key={name} {...field(fields[name])} type="datetime-local" label={t(label)} description={t("meetings.form.timeHint")} />
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput {...field(fields.place)} label={t("meetings.form.place")} />
            <TextInput {...field(fields.onlineUrl)} type="url" label={t("meetings.form.onlineUrl")} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput {...field(fields.capacity)} inputMode="numeric" label={t("meetings.form.capacity")} />
            <Checkbox
              name={fields.unlimited.name}
              label={t("meetings.form.unlimited")}
              defaultChecked={fields.unlimited.initialValue === "on"}
              mt={{ base: 0, sm: "xl" }}
            />
          </SimpleGrid>
          {askFewerPlaces && (
            <Checkbox name="confirmFewerPlaces" label={t("meetings.form.confirmFewerPlaces")} defaultChecked={typed?.confirmFewerPlaces === "on"} />
          )}
          <Checkbox name={fields.sendReminder.name} label={t("meetings.form.sendReminder")} defaultChecked={fields.sendReminder.initialValue === "on"} />
          <Checkbox.Group
            label={t("meetings.form.conveners")}
            error={field(fields.conveners).error}
            defaultValue={checkedValues(fields.conveners)}
            withAsterisk
          >
            <Stack gap={6} mt="xs">
              {convenerOptions.map((o, i) => (
                <Checkbox
                  key={o.id}
                  id={i === 0 ? fieldId(idPrefix, fields.conveners.name) : undefined}
                  name={fields.conveners.name}
                  value={String(o.id)}
                  label={o.name}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <Fieldset legend={t("meetings.form.agenda")}>
            <Text size="sm" c="dimmed" mb="sm">
              {t("meetings.form.agendaHint")}
            </Text>
            <Stack gap="md">
              {rows.map((row, i) => {
                const cells = row.getFieldset();
                const shown = (name: keyof typeof agendaLabels) => ({ ...field(cells[name]), label: t(agendaLabels[name]) });
                const position = shown("position");
                return (
                  <Fieldset key={row.key ?? i} legend={t("meetings.form.agendaRow", { n: i + 1 })} variant="filled">
                    <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }}>
                      <TextInput
                        {...position}
                        defaultValue={position.defaultValue || (cells.title.initialValue ? String(i + 1) : "")}
                        inputMode="numeric"
                        autoFocus={i === addedRow}
                      />
                      <TextInput {...shown("title")} />
                      <TextInput {...shown("minutes")} inputMode="numeric" />
                      <NativeSelect
                        {...shown("requestId")}
                        data={[
                          { value: "", label: t("meetings.form.agendaNoRequest") },
                          ...requestOptions.map((r) => ({ value: String(r.id), label: r.title })),
                        ]}
                      />
                      <TextInput {...shown("jointBidId")} inputMode="numeric" />
                    </SimpleGrid>
                  </Fieldset>
                );
              })}
            </Stack>
          </Fieldset>
        </Stack>
        <Group mt="lg" gap="sm">
          <Button type="submit">{t("meetings.form.save")}</Button>
          <Button type="submit" name="intent" value="addAgendaRow" variant="default" formNoValidate>
            {t("meetings.form.addAgendaRow")}
          </Button>
        </Group>
      </Form>
    </Card>
  );
}

/** The fields' labels by name, for the error summary: an agenda row's as "Punkt 2: Minuter". */
function meetingFieldLabels(t: Translate, rows: number): Record<string, string> {
  const labels: Record<string, string> = {
    title: t("meetings.form.title"),
    description: t("meetings.form.description"),
    ...Object.fromEntries(times.map(([name, label]) => [name, t(label)])),
    place: t("meetings.form.place"),
    onlineUrl: t("meetings.form.onlineUrl"),
    capacity: t("meetings.form.capacity"),
    conveners: t("meetings.form.conveners"),
  };
  for (let i = 0; i < rows; i++) {
    for (const [name, label] of Object.entries(agendaLabels)) labels[`agenda[${i}].${name}`] = `${t("meetings.form.agendaRow", { n: i + 1 })}: ${t(label)}`;
  }
  return labels;
}
