import { Alert, Anchor, Button, Card, Group, Radio, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { Form, Link, useSearchParams } from "react-router";
import { responseInterests } from "../../domain/request";
import type { ResponseView } from "../../domain/request-view";
import type { ResponseFormValues } from "../../forms/request-form";
import type { FieldErrors } from "../../utils/forms";
import { formatDateTime, type MessageKey } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { ConfirmAction, confirmHref } from "../confirm-action";
import { useFieldError } from "../form-fields";
import { SectionCard } from "../section-card";
import type { RequestPageData } from "./page-data";

/** A response form sent back refused: its organisation, the messages by field, and what was typed. */
export interface ResponseFormResult {
  organisationId: string;
  errors: FieldErrors;
  values: ResponseFormValues;
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
              errors={mine?.errors}
              values={mine?.values}
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

function ResponseForm({
  page,
  organisation,
  stored,
  errors,
  values,
  lastChanged,
}: {
  page: RequestPageData;
  organisation: { id: number; name: string };
  stored: ResponseView | undefined;
  errors?: FieldErrors;
  values?: ResponseFormValues;
  lastChanged: string | null;
}) {
  const { t, number } = useI18n();
  const error = useFieldError(errors);
  const [searchParams] = useSearchParams();
  const capacity = (lineId: number) => values?.capacity[lineId] ?? (stored?.capacity[lineId] ? String(stored.capacity[lineId]) : "");
  const answer = (questionId: number) => values?.answers[questionId] ?? stored?.answers[questionId] ?? "";
  const closedNote = errors?.form ? error("form") : null;
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
      <Form method="post" action={responsesAction(page.request.id)} noValidate>
        <input type="hidden" name="organisationId" value={organisation.id} />
        <input type="hidden" name="version" value={stored?.version ?? 0} />
        <Stack gap="sm">
          {page.responderOrganisations.length > 1 && <Text fw={600}>{organisation.name}</Text>}
          {lastChanged && (
            <Text size="sm" c="dimmed">
              {lastChanged}
            </Text>
          )}
          <Radio.Group
            name="interest"
            label={t("requests.response.interest")}
            required
            defaultValue={values?.interest ?? stored?.interest ?? ""}
            error={error("interest")}
          >
            <Group gap="md" mt={4}>
              {responseInterests.map((i) => (
                <Radio key={i} value={i} label={t(`requests.interest.${i}` as MessageKey)} />
              ))}
            </Group>
          </Radio.Group>
          {page.lines.map((l) => (
            <TextInput
              key={l.id}
              name={`capacity-${l.id}`}
              inputMode="numeric"
              label={t("requests.response.capacity", { item: l.item, site: l.site, quantity: number(l.quantity), unit: t(`unit.${l.unit}` as MessageKey) })}
              defaultValue={capacity(l.id)}
              error={error(`capacity.${l.id}`)}
            />
          ))}
          {page.questions.map((q) => (
            <Textarea key={q.id} name={`answer-${q.id}`} label={q.text} autosize minRows={2} defaultValue={answer(q.id)} error={error(`answers.${q.id}`)} />
          ))}
          <Textarea
            name="message"
            label={t("requests.response.message")}
            autosize
            minRows={2}
            defaultValue={values?.message ?? stored?.message ?? ""}
            error={error("message")}
          />
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
