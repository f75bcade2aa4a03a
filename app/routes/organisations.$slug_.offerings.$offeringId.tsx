import { Anchor, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "../utils/db.server";
import {
  CapacityLineFields,
  capacityFieldLabels,
  capacityValuesFromForm,
  emptyCapacityLine,
  type CapacityLineFormValues,
} from "../components/capacity-line-fields";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { FormErrorSummary } from "../components/form-fields";
import { OfferingFields, offeringFieldLabels, offeringValuesFromForm, type OfferingFormValues } from "../components/offering-fields";
import { cpvLabel } from "../domain/cpv";
import {
  addCapacityLine,
  deleteOffering,
  removeCapacityLine,
  requireOffering,
  updateCapacityLine,
  updateOffering,
} from "../models/offering.server";
import { requireOrganisationEditor } from "../utils/auth.server";
import { capacityLineSchema, formObject, offeringSchema, parseForm, type FieldErrors } from "../utils/forms";
import type { MessageKey } from "../utils/i18n";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { SectionCard } from "../components/section-card";

function offeringIdFrom(params: { offeringId?: string }): number {
  const id = Number(params.offeringId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}

export const meta = titleMeta("offering.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const offering = await requireOffering({ db: db(), organisationId: organisation.id, offeringId: offeringIdFrom(params) });
  return { organisation: { slug: organisation.slug, name: organisation.name }, offering };
}

type ActionResult =
  | { form: "offering"; errors: FieldErrors; values: OfferingFormValues }
  | { form: "capacity"; lineId: string; errors: FieldErrors; values: CapacityLineFormValues };

export async function action({ request, params }: ActionFunctionArgs) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const scope = { db: db(), organisationId: organisation.id, offeringId: offeringIdFrom(params) };
  const here = `/organisations/${organisation.slug}/offerings/${scope.offeringId}`;
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const lineIdField = String(formData.get("capacityLineId") ?? "");
  const capacityLineId = Number(lineIdField);

  switch (intent) {
    case "updateOffering": {
      const input = formObject(formData);
      const parsed = parseForm(offeringSchema, input);
      if (!parsed.ok) return data<ActionResult>({ form: "offering", errors: parsed.errors, values: offeringValuesFromForm(input) }, { status: 400 });
      await updateOffering({ ...scope, input: parsed.data });
      return redirectWithToast(here, { key: "offering.saved" });
    }
    case "deleteOffering":
      await deleteOffering(scope);
      return redirectWithToast(`/organisations/${organisation.slug}/edit`, { key: "offering.deleted" });
    case "addCapacity":
    case "updateCapacity": {
      const input = formObject(formData, ["weekdays"]);
      const parsed = parseForm(capacityLineSchema, input);
      if (!parsed.ok) {
        return data<ActionResult>(
          { form: "capacity", lineId: intent === "addCapacity" ? "new" : lineIdField, errors: parsed.errors, values: capacityValuesFromForm(input) },
          { status: 400 },
        );
      }
      if (intent === "addCapacity") {
        await addCapacityLine({ ...scope, input: parsed.data });
        return redirectWithToast(here, { key: "offering.capacityAdded" });
      }
      if (!Number.isSafeInteger(capacityLineId)) throw new Response("Not found", { status: 404 });
      await updateCapacityLine({ ...scope, capacityLineId, input: parsed.data });
      return redirectWithToast(here, { key: "offering.capacitySaved" });
    }
    case "removeCapacity":
      if (!Number.isSafeInteger(capacityLineId)) throw new Response("Not found", { status: 404 });
      await removeCapacityLine({ ...scope, capacityLineId });
      return redirectWithToast(here, { key: "offering.capacityRemoved" });
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

export default function EditOffering() {
  const { organisation, offering } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, locale } = useI18n();
  const unitLabel = t(`unit.${offering.unit}` as MessageKey);
  const confirmingDelete = searchParams.get("delete") === "confirm";
  const confirmingLine = Number(searchParams.get("removeLine"));
  const offeringErrors = actionData?.form === "offering" ? actionData.errors : undefined;
  const capacityResult = (lineId: string) => (actionData?.form === "capacity" && actionData.lineId === lineId ? actionData : undefined);
  const offeringValues: OfferingFormValues =
    actionData?.form === "offering"
      ? actionData.values
      : {
          title: offering.title,
          description: offering.description,
          cpvCode: `${offering.cpv_code} ${cpvLabel(offering.cpv_code, locale)}`,
          unit: offering.unit,
        };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/organisations/${organisation.slug}/edit`}>
        {t("offering.back")}
      </Anchor>
      <Title order={1}>
        {t("offering.editTitle")}: {offering.title}
      </Title>

      <SectionCard title={t("offering.editTitle")}>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="updateOffering" />
          <FormErrorSummary errors={offeringErrors} idPrefix="offering" labels={offeringFieldLabels(t)} />
          <OfferingFields values={offeringValues} errors={offeringErrors} key={JSON.stringify(offeringValues)} />
          <Group mt="lg">
            <Button type="submit">{t("offering.save")}</Button>
            <Button component={Link} to={confirmHref({ delete: "confirm" }, "confirm-delete")} variant="outline" color="red.9">
              {t("offering.delete")}
            </Button>
          </Group>
        </Form>
        {confirmingDelete && (
          <ConfirmAction
            question={t("offering.deleteConfirm", { title: offering.title })}
            intent="deleteOffering"
            anchor="confirm-delete"
            confirmLabel={t("offering.deleteConfirmButton")}
            cancelTo="."
          />
        )}
      </SectionCard>

      <SectionCard title={t("offering.capacity")}>
        <Text mb="md">{t("offering.capacityIntro")}</Text>
        <Stack gap="lg">
          {offering.capacity.map((line, index) => {
            const result = capacityResult(String(line.id));
            const values: CapacityLineFormValues = result?.values ?? {
              quantity: String(line.quantity),
              period: line.period,
              weekdays: line.weekdays.map(String),
              validFrom: line.validFrom ?? "",
              validTo: line.validTo ?? "",
              sites: line.sites.join(", "),
            };
            return (
              <Card withBorder padding="md" key={line.id} component="fieldset" style={{ border: undefined }}>
                <Text component="legend" fw={600}>
                  {t("offering.capacityLine", { n: index + 1 })}
                </Text>
                <Form method="post" noValidate>
                  <input type="hidden" name="capacityLineId" value={line.id} />
                  <FormErrorSummary errors={result?.errors} idPrefix={`line-${line.id}`} labels={capacityFieldLabels(t, unitLabel)} />
                  <CapacityLineFields
                    values={values}
                    errors={result?.errors}
                    unitLabel={unitLabel}
                    idPrefix={`line-${line.id}`}
                    key={JSON.stringify(values)}
                  />
                  <Group mt="md">
                    <Button type="submit" name="intent" value="updateCapacity">
                      {t("offering.saveCapacity")}
                    </Button>
                    <Button component={Link} to={confirmHref({ removeLine: line.id }, `confirm-line-${line.id}`)} variant="outline" color="red.9">
                      {t("offering.removeCapacity")}
                    </Button>
                  </Group>
                </Form>
                {confirmingLine === line.id && (
                  <ConfirmAction
                    question={t("offering.removeCapacityConfirm", { n: index + 1 })}
                    intent="removeCapacity"
                    anchor={`confirm-line-${line.id}`}
                    fields={{ capacityLineId: line.id }}
                    confirmLabel={t("offering.deleteConfirmButton")}
                    cancelTo="."
                  />
                )}
              </Card>
            );
          })}
          <Card withBorder padding="md" component="section" aria-labelledby="add-capacity-heading">
            <Title order={3} size="h4" id="add-capacity-heading" mb="sm">
              {t("offering.addCapacity")}
            </Title>
            <Form method="post" noValidate>
              <FormErrorSummary errors={capacityResult("new")?.errors} idPrefix="line-new" labels={capacityFieldLabels(t, unitLabel)} />
              <CapacityLineFields
                idPrefix="line-new"
                values={capacityResult("new")?.values ?? emptyCapacityLine}
                errors={capacityResult("new")?.errors}
                unitLabel={unitLabel}
                key={JSON.stringify(capacityResult("new")?.values ?? offering.capacity.length)}
              />
              <Button type="submit" name="intent" value="addCapacity" mt="md">
                {t("offering.addCapacity")}
              </Button>
            </Form>
          </Card>
        </Stack>
      </SectionCard>
    </Stack>
  );
}
