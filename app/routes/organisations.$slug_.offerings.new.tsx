import { Anchor, Button, Card, Stack, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/organisations.$slug_.offerings.new";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { FormErrorSummary } from "../components/form-fields";
import { OfferingFields, emptyOfferingValues, offeringFieldLabels, offeringValuesFromForm } from "../components/offering-fields";
import { createOffering } from "../models/offering.server";
import { requireOrganisationEditor } from "../utils/permissions.server";
import { formObject, parseForm } from "../utils/forms";
import { offeringSchema } from "../forms/offering-form";
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
  return { organisation: { slug: organisation.slug, name: organisation.name } };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const input = formObject(await readFormData(request));
  const parsed = parseForm(offeringSchema, input);
  if (!parsed.ok) {
    const values = offeringValuesFromForm(input);
    return data({ errors: parsed.errors, values, cpvChoices: cpvChoices(parsed.errors, values.cpvCode) }, { status: 400 });
  }
  const created = await createOffering({ db: db(), organisationId: organisation.id, input: parsed.data });
  if (!created.ok) {
    return data(
      { errors: { form: "security.tooManyOfferings" }, values: offeringValuesFromForm(input) },
      { status: 400 },
    );
  }
  return redirectWithToast(`/organisations/${organisation.slug}/offerings/${created.id}`, { key: "offering.saved" });
}

export default function NewOffering() {
  const { organisation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/organisations/${organisation.slug}/edit`}>
        {t("offering.back")}
      </Anchor>
      <Title order={1}>{t("offering.newTitle")}</Title>
      <Card withBorder padding="lg">
        <Form method="post" noValidate>
          <FormErrorSummary errors={actionData?.errors} idPrefix="offering" labels={offeringFieldLabels(t)} />
          <OfferingFields
            values={actionData?.values ?? emptyOfferingValues}
            errors={actionData?.errors}
            cpvChoices={actionData && "cpvChoices" in actionData ? actionData.cpvChoices : undefined}
          />
          <Button type="submit" mt="lg">
            {t("offering.save")}
          </Button>
        </Form>
      </Card>
    </Stack>
  );
}
