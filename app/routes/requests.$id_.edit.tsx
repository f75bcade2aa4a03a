import { Anchor, Card, Stack, Title } from "@mantine/core";
import { Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/requests.$id_.edit";
import type { ServerArgs } from "../utils/route-args";
import { RequestForm } from "../components/request-fields";
import { isEditable } from "../domain/request";
import { requestConstraint, requestFormValues, requestSchema, refusedRequestForm } from "../forms/request-form";
import { demandLinesOf, questionsOf, updateRequest } from "../models/request.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
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
  return {
    id: stored.id,
    title: stored.title,
    published: stored.status !== "draft",
    values: requestFormValues(stored, lines, questions),
    constraint: requestConstraint,
  };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { user, stored } = await requireOwnRequest(request, params.id);
  const submission = parseSubmission(await readFormData(request), requestSchema);
  if (submission.status !== "success") return data(refusedRequestForm(submission), { status: 400 });
  const result = await updateRequest({
    db: db(),
    requestId: stored.id,
    buyerOrganisationId: stored.buyerOrganisationId,
    userId: user.id,
    input: submission.value,
  });
  if (!result.ok) {
    if (result.error.kind === "notFound") throw notFound();
    const reply =
      result.error.kind === "changeNoteRequired"
        ? submission.reply({ fieldErrors: { changeNote: [{ key: "form.request.changeNote" }] } })
        : submission.reply({ formErrors: [{ key: "requests.notEditable" }] });
    return data(refusedRequestForm(submission, reply), { status: result.error.kind === "changeNoteRequired" ? 400 : 409 });
  }
  return redirectWithToast(`/requests/${stored.id}`, { key: result.change === "none" && stored.status !== "draft" ? "requests.noChange" : "requests.saved" });
}

export default function EditRequest() {
  const { id, title, published, values, constraint } = useLoaderData<typeof loader>();
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
        <RequestForm constraint={constraint} refused={actionData} defaultValue={values} published={published} submitLabel={t("requests.form.save")} />
      </Card>
    </Stack>
  );
}
