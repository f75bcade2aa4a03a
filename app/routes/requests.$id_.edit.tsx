import { Anchor, Button, Card, Stack, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/requests.$id_.edit";
import type { ServerArgs } from "../utils/route-args";
import { FormErrorSummary } from "../components/form-fields";
import { RequestFields } from "../components/request-fields";
import { isEditable } from "../domain/request";
import { crossFieldErrors, requestFormValues, requestSchema, requestValuesFromForm, withEmptyRows } from "../forms/request-form";
import type { CpvCode } from "../domain/cpv-code";
import { cpvChoices } from "../forms/cpv-field";
import { demandLinesOf, questionsOf, updateRequest } from "../models/request.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseForm, type FieldErrors } from "../utils/forms";
import { forbidden, notFound } from "../utils/http.server";
import { titleMeta } from "../utils/meta";
import { requireOwnRequest } from "../route-helpers/request-access.server";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { requestsMessages } from "../locales/requests";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, requestsMessages);

export const meta = titleMeta("requests.editTitle");

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { stored } = await requireOwnRequest(request, params.id);
  if (!isEditable(stored.status)) throw forbidden();
  const [lines, questions] = await Promise.all([demandLinesOf({ db: db(), requestId: stored.id }), questionsOf({ db: db(), requestId: stored.id })]);
  return { id: stored.id, title: stored.title, published: stored.status !== "draft", values: requestFormValues(stored, lines, questions) };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { user, stored } = await requireOwnRequest(request, params.id);
  const values = requestValuesFromForm(await readFormData(request));
  const back = { ...values, lines: withEmptyRows(values.lines) };
  const parsed = parseForm(requestSchema, { ...values });
  if (!parsed.ok) {
    const errors = { ...crossFieldErrors(values), ...parsed.errors };
    return data({ errors, values: back, cpvChoices: cpvChoices(errors.cpvCode, values.cpvCode) }, { status: 400 });
  }
  const result = await updateRequest({
    db: db(),
    requestId: stored.id,
    buyerOrganisationId: stored.buyerOrganisationId,
    userId: user.id,
    input: parsed.data,
  });
  if (!result.ok) {
    if (result.error.kind === "notFound") throw notFound();
    const errors: FieldErrors = result.error.kind === "changeNoteRequired" ? { changeNote: "form.request.changeNote" } : { form: "requests.notEditable" };
    return data({ errors, values: back }, { status: result.error.kind === "changeNoteRequired" ? 400 : 409 });
  }
  return redirectWithToast(`/requests/${stored.id}`, { key: result.change === "none" && stored.status !== "draft" ? "requests.noChange" : "requests.saved" });
}

export default function EditRequest() {
  const { id, title, published, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/requests/${id}`}>
        {t("requests.back")}
      </Anchor>
      <Title order={1}>
        {t("requests.editTitle")}: {title}
      </Title>
      <Card withBorder padding="lg">
        <Form method="post" noValidate>
          <FormErrorSummary errors={actionData?.errors} />
          <RequestFields
            values={actionData?.values ? { ...actionData.values, linesAreLots: published ? values.linesAreLots : actionData.values.linesAreLots } : values}
            errors={actionData?.errors}
            cpvChoices={(actionData as { cpvChoices?: CpvCode[] } | undefined)?.cpvChoices}
            published={published}
          />
          <Button type="submit" mt="lg">
            {t("requests.form.save")}
          </Button>
        </Form>
      </Card>
    </Stack>
  );
}
