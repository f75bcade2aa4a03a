import { Button, Card, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { Form } from "react-router";
import type { FieldErrors } from "../utils/forms";
import type { MeetingFormValues } from "../utils/meeting-forms";
import { useI18n } from "../utils/use-i18n";
import { FormErrorSummary, useFieldError } from "./form-fields";

/**
 * The whole meeting form, for a new meeting and for changing one: errors first, the fields, save.
 * "Lägg till rad" is a second submit button that saves nothing and brings the form back with one more
 * agenda row (without JavaScript as with it); it comes after "Spara" so that Enter in a field saves.
 */
export function MeetingForm(props: Parameters<typeof MeetingFields>[0]) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="lg">
      <Form method="post" noValidate>
        <FormErrorSummary
          errors={props.errors}
          labels={{
            title: t("meetings.form.title"),
            description: t("meetings.form.description"),
            startsAt: t("meetings.form.startsAt"),
            endsAt: t("meetings.form.endsAt"),
            registrationDeadline: t("meetings.form.deadline"),
            place: t("meetings.form.place"),
            onlineUrl: t("meetings.form.onlineUrl"),
            capacity: t("meetings.form.capacity"),
            conveners: t("meetings.form.conveners"),
          }}
        />
        <MeetingFields {...props} />
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

/**
 * The meeting form's fields. Times are typed as Lund wall-clock (`datetime-local`); agenda items
 * are rows of plain fields (filled rows plus a few empty ones), so the form works without
 * JavaScript.
 */
export function MeetingFields({
  values,
  errors,
  addedRow,
  askFewerPlaces = false,
  convenerOptions,
  requestOptions,
}: {
  values: MeetingFormValues;
  errors?: FieldErrors;
  /** The agenda row just added by "Lägg till rad": its first field takes the focus. */
  addedRow?: number;
  /** Fewer places than people registered: the coordinator is asked to confirm. */
  askFewerPlaces?: boolean;
  convenerOptions: { id: number; name: string }[];
  requestOptions: { id: number; title: string }[];
}) {
  const { t } = useI18n();
  const error = useFieldError(errors);
  return (
    <Stack gap="md">
      <TextInput name="title" label={t("meetings.form.title")} required maxLength={200} defaultValue={values.title} error={error("title")} />
      <Textarea
        name="description"
        label={t("meetings.form.description")}
        autosize
        minRows={3}
        maxLength={4000}
        defaultValue={values.description}
        error={error("description")}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          type="datetime-local"
          name="startsAt"
          label={t("meetings.form.startsAt")}
          description={t("meetings.form.timeHint")}
          required
          defaultValue={values.startsAt}
          error={error("startsAt")}
        />
        <TextInput
          type="datetime-local"
          name="endsAt"
          label={t("meetings.form.endsAt")}
          description={t("meetings.form.timeHint")}
          required
          defaultValue={values.endsAt}
          error={error("endsAt")}
        />
        <TextInput
          type="datetime-local"
          name="registrationDeadline"
          label={t("meetings.form.deadline")}
          description={t("meetings.form.timeHint")}
          required
          defaultValue={values.registrationDeadline}
          error={error("registrationDeadline")}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput name="place" label={t("meetings.form.place")} maxLength={300} defaultValue={values.place} error={error("place")} />
        <TextInput
          type="url"
          name="onlineUrl"
          label={t("meetings.form.onlineUrl")}
          maxLength={500}
          defaultValue={values.onlineUrl}
          error={error("onlineUrl")}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput name="capacity" inputMode="numeric" label={t("meetings.form.capacity")} defaultValue={values.capacity} error={error("capacity")} />
        <Checkbox name="unlimited" label={t("meetings.form.unlimited")} defaultChecked={values.unlimited} mt={{ base: 0, sm: "xl" }} />
      </SimpleGrid>
      {askFewerPlaces && <Checkbox name="confirmFewerPlaces" label={t("meetings.form.confirmFewerPlaces")} defaultChecked={values.confirmFewerPlaces} />}
      <Checkbox name="sendReminder" label={t("meetings.form.sendReminder")} defaultChecked={values.sendReminder} />
      <Checkbox.Group label={t("meetings.form.conveners")} error={error("conveners")} defaultValue={values.conveners} withAsterisk>
        <Stack gap={6} mt="xs">
          {convenerOptions.map((o) => (
            <Checkbox key={o.id} name="conveners" value={String(o.id)} label={o.name} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Fieldset legend={t("meetings.form.agenda")}>
        <Text size="sm" c="dimmed" mb="sm">
          {t("meetings.form.agendaHint")}
        </Text>
        <Stack gap="md">
          {values.agenda.map((row, i) => (
            <Fieldset key={i} legend={t("meetings.form.agendaRow", { n: i + 1 })} variant="filled">
              <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }}>
                <TextInput
                  name="agendaPosition"
                  inputMode="numeric"
                  autoFocus={i === addedRow}
                  label={t("meetings.form.agendaPosition")}
                  defaultValue={row.position || (row.title ? String(i + 1) : "")}
                  error={error(`agendaPosition.${i}`)}
                />
                <TextInput
                  name="agendaTitle"
                  label={t("meetings.form.agendaTitle")}
                  maxLength={200}
                  defaultValue={row.title}
                  error={error(`agendaTitle.${i}`)}
                />
                <TextInput
                  name="agendaMinutes"
                  inputMode="numeric"
                  label={t("meetings.form.agendaMinutes")}
                  defaultValue={row.minutes}
                  error={error(`agendaMinutes.${i}`)}
                />
                <NativeSelect
                  name="agendaRequestId"
                  label={t("meetings.form.agendaRequest")}
                  defaultValue={row.requestId}
                  error={error(`agendaRequestId.${i}`)}
                  data={[{ value: "", label: t("meetings.form.agendaNoRequest") }, ...requestOptions.map((r) => ({ value: String(r.id), label: r.title }))]}
                />
                <TextInput
                  name="agendaJointBidId"
                  inputMode="numeric"
                  label={t("meetings.form.agendaJointBid")}
                  defaultValue={row.jointBidId}
                  error={error(`agendaJointBidId.${i}`)}
                />
              </SimpleGrid>
            </Fieldset>
          ))}
        </Stack>
      </Fieldset>
    </Stack>
  );
}
