import { Anchor, Button, Group, List, NativeSelect, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings.conveners";
import type { ServerArgs } from "../utils/route-args";
import { FormErrorSummary, useFieldError } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { convenerHistory, handOverConvening, listConvenerCandidates, listHandovers } from "../models/meeting.server";
import { requireRole } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { formObject } from "../utils/forms";
import { formatDate, formatDateTime, messagesHandle } from "../utils/i18n";
import { handoverSchema, parseMeetingFields } from "../utils/meeting-forms";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { meetingsMessages } from "../locales/meetings";

export const handle = messagesHandle(formsMessages, meetingsMessages);

export const meta = titleMeta("meetings.conveners.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireRole(request, "coordinator");
  return {
    candidates: await listConvenerCandidates({ db: db() }),
    handovers: await listHandovers({ db: db() }),
    history: await convenerHistory({ db: db() }),
  };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const coordinator = await requireRole(request, "coordinator");
  const input = formObject(await readFormData(request));
  const values = { fromOrganisationId: String(input.fromOrganisationId ?? ""), toOrganisationId: String(input.toOrganisationId ?? "") };
  const parsed = parseMeetingFields(handoverSchema, input);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = await handOverConvening({ db: db(), ...parsed.data, userId: coordinator.id });
  if (!result.ok) return data({ errors: { form: `meetings.error.${result.error}` }, values }, { status: 400 });
  return redirectWithToast("/meetings/conveners", { key: "meetings.conveners.done", vars: { n: result.moved } });
}

export default function MeetingConveners() {
  const { candidates, handovers, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const error = useFieldError(actionData?.errors);
  const options = [{ value: "", label: "–" }, ...candidates.map((c) => ({ value: String(c.id), label: c.name }))];
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/meetings">
        {t("meetings.back")}
      </Anchor>
      <Title order={1}>{t("meetings.conveners.title")}</Title>
      <Text>{t("meetings.conveners.intro")}</Text>
      <SectionCard title={t("meetings.conveners.submit")}>
        <Form method="post" noValidate>
          <FormErrorSummary errors={actionData?.errors} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              name="fromOrganisationId"
              label={t("meetings.conveners.from")}
              data={options}
              required
              defaultValue={actionData?.values.fromOrganisationId ?? ""}
              error={error("fromOrganisationId")}
            />
            <NativeSelect
              name="toOrganisationId"
              label={t("meetings.conveners.to")}
              data={options}
              required
              defaultValue={actionData?.values.toOrganisationId ?? ""}
              error={error("toOrganisationId")}
            />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit">{t("meetings.conveners.submit")}</Button>
          </Group>
        </Form>
      </SectionCard>
      <SectionCard title={t("meetings.conveners.handovers")}>
        {handovers.length === 0 ? (
          <Text>{t("meetings.conveners.handoversEmpty")}</Text>
        ) : (
          <List spacing="xs">
            {handovers.map((h) => (
              <List.Item key={h.id}>
                {t("meetings.conveners.handoverLine", {
                  date: formatDateTime(locale, h.handedOverAt),
                  from: h.fromName,
                  to: h.toName,
                  n: h.meetingsMoved,
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
