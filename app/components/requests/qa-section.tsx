import { Alert, Button, Card, Stack, Text, Textarea } from "@mantine/core";
import { Form } from "react-router";
import { answerConstraint, questionConstraint } from "../../forms/response-form";
import { formatDateTime } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { useFormMessage, useSchemaFields, useSchemaForm, type FormReply } from "../form-fields";
import { SectionCard } from "../section-card";
import type { RequestPageData } from "./page-data";

/** A question or an answer sent back refused: Conform's reply, with the messages by field and what was typed. */
export type QaFormResult = { form: "question"; reply: FormReply } | { form: "answer"; questionId: string; reply: FormReply };

/** Where the question and answer forms post (the route requests.$id.qa). */
export const qaAction = (requestId: number) => `/requests/${requestId}/qa`;

/** The public question-and-answer thread: members ask, the buyer answers each question in place. */
export function QaSection({ page, result }: { page: RequestPageData; result?: QaFormResult }) {
  const { t, locale } = useI18n();
  const answerData = result?.form === "answer" ? result : undefined;
  const canAsk = page.mayAsk && page.open;
  return (
    <SectionCard title={t("requests.qa")}>
      <Stack id="qa">
        <Text size="sm">{t("requests.qa.intro")}</Text>
        {page.qa.length === 0 && <Text>{t("requests.qa.none")}</Text>}
        {page.qa.map((item) => (
          <Card withBorder key={item.id} padding="sm" component="article">
            <Text size="sm" c="dimmed">
              {t("requests.qa.q", { date: formatDateTime(locale, item.askedAt) })}
            </Text>
            <Text style={{ whiteSpace: "pre-wrap" }}>{item.question}</Text>
            {item.answer ? (
              <>
                <Text size="sm" c="dimmed" mt="xs">
                  {t("requests.qa.a", { date: formatDateTime(locale, item.answeredAt ?? item.askedAt) })}
                </Text>
                <Text style={{ whiteSpace: "pre-wrap" }}>{item.answer}</Text>
              </>
            ) : (
              <Text size="sm" fs="italic">
                {t("requests.qa.unanswered")}
              </Text>
            )}
            {page.isOwner && (
              <AnswerForm
                requestId={page.request.id}
                questionId={item.id}
                answer={item.answer ?? ""}
                lastResult={answerData?.questionId === String(item.id) ? answerData.reply : undefined}
              />
            )}
          </Card>
        ))}
        {canAsk && <QuestionForm requestId={page.request.id} lastResult={result?.form === "question" ? result.reply : undefined} />}
      </Stack>
    </SectionCard>
  );
}

/** A member's question; a refusal (the request closed meanwhile) shows above it. */
function QuestionForm({ requestId, lastResult }: { requestId: number; lastResult: FormReply | undefined }) {
  const { t } = useI18n();
  const translate = useFormMessage();
  const { form, fields } = useSchemaForm<{ question: string }>({ id: "question", constraint: questionConstraint, lastResult });
  const field = useSchemaFields("question");
  return (
    <Form method="post" action={qaAction(requestId)} id={form.id} onSubmit={form.onSubmit} noValidate>
      {form.errors?.[0] && (
        <Alert color="red" role="alert" mb="xs">
          {translate(form.errors[0])}
        </Alert>
      )}
      <Textarea {...field(fields.question)} label={t("requests.qa.question")} autosize minRows={2} />
      <Button type="submit" name="intent" value="ask" mt="xs">
        {t("requests.qa.ask")}
      </Button>
    </Form>
  );
}

/** The buyer's answer to one question, in place under it. */
function AnswerForm({
  requestId,
  questionId,
  answer,
  lastResult,
}: {
  requestId: number;
  questionId: number;
  answer: string;
  lastResult: FormReply | undefined;
}) {
  const { t } = useI18n();
  const idPrefix = `answer-${questionId}`;
  const { form, fields } = useSchemaForm<{ questionId: string; answer: string }>({
    id: idPrefix,
    constraint: answerConstraint,
    lastResult,
    defaultValue: { questionId: String(questionId), answer },
  });
  const field = useSchemaFields(idPrefix);
  return (
    <Form method="post" action={qaAction(requestId)} id={form.id} onSubmit={form.onSubmit} noValidate>
      <input type="hidden" name={fields.questionId.name} value={questionId} />
      <Textarea {...field(fields.answer)} label={t("requests.qa.answerLabel")} mt="xs" autosize minRows={2} />
      <Button type="submit" name="intent" value="answer" mt="xs" size="xs">
        {t("requests.qa.answerSubmit")}
      </Button>
    </Form>
  );
}
