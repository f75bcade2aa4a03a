import { Anchor, Card, NativeSelect, Stack, Title } from "@mantine/core";
import { Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/requests.new";
import type { ServerArgs } from "../utils/route-args";
import { RequestForm } from "../components/request-fields";
import { emptyRequestValues, requestConstraint, requestSchema, refusedRequestForm } from "../forms/request-form";
import { createRequest } from "../models/request.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { forbidden } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { requireBuyer } from "../route-helpers/request-access.server";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { requestsMessages } from "../locales/requests";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, requestsMessages);

export const meta = titleMeta("requests.newTitle");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const { user, access } = await requireBuyer(request);
  return { organisations: access.buyerOrganisations, values: emptyRequestValues({ name: user.name, email: user.email }), constraint: requestConstraint };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const { user, access } = await requireBuyer(request);
  const formData = await readFormData(request);
  const organisationId = parseId(formData.get("buyerOrganisationId")) ?? access.buyerOrganisations[0].id;
  if (!access.buyerOrganisations.some((o) => o.id === organisationId)) throw forbidden();
  const submission = parseSubmission(formData, requestSchema);
  if (submission.status !== "success") return data(refusedRequestForm(submission), { status: 400 });
  const id = await createRequest({ db: db(), buyerOrganisationId: organisationId, userId: user.id, input: submission.value });
  return redirectWithToast(`/requests/${id}`, { key: "requests.saved" });
}

export default function NewRequest() {
  const { organisations, values, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/requests">
        {t("requests.backToList")}
      </Anchor>
      <Title order={1}>{t("requests.newTitle")}</Title>
      <Card withBorder padding="lg">
        <RequestForm constraint={constraint} refused={actionData} defaultValue={values} published={false} submitLabel={t("requests.form.saveDraft")}>
          {organisations.length > 1 && (
            <NativeSelect
              name="buyerOrganisationId"
              label={t("requests.form.buyerOrganisation")}
              mb="md"
              data={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            />
          )}
        </RequestForm>
      </Card>
    </Stack>
  );
}
