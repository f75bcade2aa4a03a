import { Alert, Button, Card, Stack, Text, Textarea } from "@mantine/core";
import { Form } from "react-router";
import type { FieldErrors } from "../../utils/forms";
import { formatDateTime } from "../../utils/i18n";
import { useI18n } from "../../utils/use-i18n";
import { useFieldError } from "../form-fields";
import { SectionCard } from "../section-card";
import type { RequestPageData } from "./page-data";

/** A question or an answer sent back refused, with the messages by field and what was typed. */
export type QaFormResult =
  | { form: "question"; errors: FieldErrors; values: { question: string } }
  | { form: "answer"; questionId: string; errors: FieldErrors; values: { answer: string } };

/** Where the question and answer forms post (the route requests.$id.qa). */
export const qaAction = (requestId: number) => `/requests/${requestId}/qa`;

/** The public question-and-answer thread: members ask, the buyer answers each question in place. */
export function QaSection({ page, result }: { page: RequestPageData; result?: QaFormResult }) {
  const { t, locale } = useI18n();
  const questionErrors = result?.form === "question" ? result.errors : undefined;
  const questionError = useFieldError(questionErrors);
  const answerData = result?.form === "answer" ? result : undefined;
  const answerError = useFieldError(answerData?.errors);
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
              <Form method="post" action={qaAction(page.request.id)} noValidate>
                <input type="hidden" name="questionId" value={item.id} />
                <Textarea
                  name="answer"
                  label={t("requests.qa.answerLabel")}
                  mt="xs"
                  autosize
                  minRows={2}
                  defaultValue={answerData?.questionId === String(item.id) ? answerData.values.answer : (item.answer ?? "")}
                  error={answerData?.questionId === String(item.id) ? answerError("answer") : undefined}
                />
                <Button type="submit" name="intent" value="answer" mt="xs" size="xs">
                  {t("requests.qa.answerSubmit")}
                </Button>
              </Form>
            )}
          </Card>
        ))}
        {canAsk && (
          <Form method="post" action={qaAction(page.request.id)} noValidate>
            {questionErrors?.form && (
              <Alert color="red" role="alert" mb="xs">
                {questionError("form")}
              </Alert>
            )}
            <Textarea
              name="question"
              label={t("requests.qa.question")}
              autosize
              minRows={2}
              maxLength={2000}
              defaultValue={result?.form === "question" ? result.values.question : ""}
              error={questionError("question")}
            />
            <Button type="submit" name="intent" value="ask" mt="xs">
              {t("requests.qa.ask")}
            </Button>
          </Form>
        )}
      </Stack>
    </SectionCard>
  );
}
