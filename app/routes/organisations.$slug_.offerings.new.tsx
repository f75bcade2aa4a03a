import { Anchor, Button, Card, Stack, Title } from "@mantine/core";
import { Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/organisations.$slug_.offerings.new";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { OfferingForm, emptyOfferingValues } from "../components/offering-fields";
import { createOffering } from "../models/offering.server";
import { requireOrganisationEditor } from "../route-helpers/permissions.server";
import { parseSubmission } from "../utils/forms";
import { offeringConstraint, offeringSchema } from "../forms/offering-form";
import { cpvChoices } from "../forms/cpv-field";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { formsMessages } from "../locales/forms";
import { organisationEditingMessages } from "../locales/organisation-editing";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, organisationEditingMessages, securityMessages);

export const meta = titleMeta("offering.newTitle");

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  return { organisation: { slug: organisation.slug, name: organisation.name }, constraint: offeringConstraint };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const submission = parseSubmission(await readFormData(request), offeringSchema);
  if (submission.status !== "success") {
    const choices = cpvChoices(submission.error?.cpvCode?.[0], String(submission.payload.cpvCode ?? ""));
    return data({ reply: submission.reply(), cpvChoices: choices }, { status: 400 });
  }
  const created = await createOffering({ db: db(), organisationId: organisation.id, input: submission.value });
  if (!created.ok) return data({ reply: submission.reply({ formErrors: [{ key: "security.tooManyOfferings" }] }), cpvChoices: [] }, { status: 400 });
  return redirectWithToast(`/organisations/${organisation.slug}/offerings/${created.id}`, { key: "offering.saved" });
}

export default function NewOffering() {
  const { organisation, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/organisations/${organisation.slug}/edit`}>
        {t("offering.back")}
      </Anchor>
      <Title order={1}>{t("offering.newTitle")}</Title>
      <Card withBorder padding="lg">
        <OfferingForm constraint={constraint} lastResult={actionData?.reply} defaultValue={emptyOfferingValues} cpvChoices={actionData?.cpvChoices}>
          <Button type="submit" mt="lg">
            {t("offering.save")}
          </Button>
        </OfferingForm>
      </Card>
    </Stack>
  );
}
