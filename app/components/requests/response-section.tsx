import { Alert, Anchor, Button, Card, Group, Radio, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { Form, Link, useSearchParams } from "react-router";
import { responseInterests } from "../../domain/request";
import type { ResponseView } from "../../domain/request-view";
import { responseConstraint } from "../../forms/response-form";
import { formatDateTime, type MessageKey } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { ConfirmAction, confirmHref } from "../confirm-action";
import { useFormMessage, useSchemaFields, useSchemaForm, type FormReply } from "../form-fields";
import { SectionCard } from "../section-card";
import type { RequestPageData } from "./page-data";

/** A response form sent back refused: its organisation, and Conform's reply (the messages by field, and what was typed). */
export interface ResponseFormResult {
  organisationId: string;
  reply: FormReply;
}

/** Where the response forms post (the route requests.$id.responses). */
export const responsesAction = (requestId: number) => `/requests/${requestId}/responses`;

/** The viewer's organisations' responses: one form each while the request is open. */
export function ResponseSection({ page, result }: { page: RequestPageData; result?: ResponseFormResult }) {
  const { t, locale } = useI18n();
  if (page.request.status === "draft") return null;
  if (page.responderOrganisations.length === 0) {
    if (page.signedIn || page.request.status !== "published") return null;
    return (
      <Card withBorder>
        <Text>
          <Anchor component={Link} to={`/login?redirectTo=/requests/${page.request.id}`}>
            {t("requests.response.signIn")}
          </Anchor>
        </Text>
      </Card>
    );
  }
  return (
    <SectionCard title={t("requests.response")}>
      <Stack id="response">
        {page.responderOrganisations.map((org) => {
          const stored = page.responses.find((x) => x.organisationId === org.id);
          const mine = result?.organisationId === String(org.id) ? result : undefined;
          return (
            <ResponseForm
              key={org.id}
              page={page}
              organisation={org}
              stored={stored}
              lastResult={mine?.reply}
              lastChanged={
                stored ? t("requests.response.lastChanged", { date: formatDateTime(locale, stored.updatedAt), name: stored.updatedByName ?? "?" }) : null
              }
            />
          );
        })}
      </Stack>
    </SectionCard>
  );
}

/** What an organisation's response form holds: its capacity per demand line and answer per question by their ids. */
type ResponseFormValues = {
  organisationId: string;
  version: string;
  interest: string;
  message: string;
  capacity: Record<string, string>;
  answers: Record<string, string>;
};

function ResponseForm({
  page,
  organisation,
  stored,
  lastResult,
  lastChanged,
}: {
  page: RequestPageData;
  organisation: { id: number; name: string };
  stored: ResponseView | undefined;
  lastResult: FormReply | undefined;
  lastChanged: string | null;
}) {
  const { t, number } = useI18n();
  const translate = useFormMessage();
  const idPrefix = `response-${organisation.id}`;
  const { form, fields } = useSchemaForm<ResponseFormValues>({
    id: idPrefix,
    constraint: responseConstraint,
    lastResult,
    defaultValue: {
      organisationId: String(organisation.id),
      version: String(stored?.version ?? 0),
      interest: stored?.interest ?? "",
      message: stored?.message ?? "",
      capacity: Object.fromEntries(Object.entries(stored?.capacity ?? {}).map(([lineId, quantity]) => [lineId, quantity ? String(quantity) : ""])),
      answers: stored?.answers ?? {},
    },
  });
  const field = useSchemaFields(idPrefix);
  const capacity = fields.capacity.getFieldset();
  const answers = fields.answers.getFieldset();
  const closedNote = form.errors?.[0] ? translate(form.errors[0]) : null;
  const [searchParams] = useSearchParams();
  if (!page.open) {
    return (
      <Stack gap="xs">
        <Text fw={600}>{organisation.name}</Text>
        <Alert color="gray">{t("requests.response.closed")}</Alert>
        {stored ? (
          <Text>
            {t(`requests.interest.${stored.interest}` as MessageKey)} · {lastChanged}
          </Text>
        ) : (
          <Text>{t("requests.response.none")}</Text>
        )}
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
      <Form method="post" action={responsesAction(page.request.id)} id={form.id} onSubmit={form.onSubmit} noValidate>
        <input type="hidden" name={fields.organisationId.name} value={organisation.id} />
        <input type="hidden" name={fields.version.name} value={stored?.version ?? 0} />
        <Stack gap="sm">
          {page.responderOrganisations.length > 1 && <Text fw={600}>{organisation.name}</Text>}
          {lastChanged && (
            <Text size="sm" c="dimmed">
              {lastChanged}
            </Text>
          )}
          <Radio.Group {...field(fields.interest)} label={t("requests.response.interest")}>
            <Group gap="md" mt={4}>
              {responseInterests.map((i) => (
                <Radio key={i} value={i} label={t(`requests.interest.${i}` as MessageKey)} required={fields.interest.required} />
              ))}
            </Group>
          </Radio.Group>
          {page.lines.map((l) => (
            <TextInput
              key={l.id}
              {...field(capacity[String(l.id)])}
              inputMode="numeric"
              label={t("requests.response.capacity", { item: l.item, site: l.site, quantity: number(l.quantity), unit: t(`unit.${l.unit}` as MessageKey) })}
            />
          ))}
          {page.questions.map((q) => (
            <Textarea key={q.id} {...field(answers[String(q.id)])} label={q.text} autosize minRows={2} />
          ))}
          <Textarea {...field(fields.message)} label={t("requests.response.message")} autosize minRows={2} />
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
          action={responsesAction(page.request.id)}
          intent="withdraw"
          anchor={`confirm-withdraw-${organisation.id}`}
          fields={{ organisationId: organisation.id }}
          confirmLabel={t("requests.response.withdraw")}
          cancelTo={`/requests/${page.request.id}`}
        />
      )}
    </Stack>
  );
}
