/**
 * The capacity lines of one offering, shown inside the offering's page (the parent route, which
 * loads the offering): add, edit and remove a line. One form per line; each posts here.
 */
import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useRouteLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/organisations.$slug_.offerings.$offeringId._index";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import {
  CapacityLineFields,
  capacityFieldLabels,
  capacityValuesFromForm,
  emptyCapacityLine,
  type CapacityLineFormValues,
} from "../components/capacity-line-fields";
import { BelowCommitments } from "../components/below-commitments";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { FormErrorSummary } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { sitesToText } from "../domain/capacity";
import { addCapacityLine, removeCapacityLine, updateCapacityLine, type BelowCommitments as Refusal } from "../models/offering.server";
import { requireOrganisationEditor } from "../utils/permissions.server";
import { readFormData } from "../utils/form-data.server";
import { capacityLineSchema, formObject, parseForm, type FieldErrors } from "../utils/forms";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import type { loader as offeringLoader } from "./organisations.$slug_.offerings.$offeringId";
import { formsMessages } from "../locales/forms";
import { organisationEditingMessages } from "../locales/organisation-editing";
import { securityMessages } from "../locales/security";

export const handle = messagesHandle(formsMessages, organisationEditingMessages, securityMessages);

/** A refused change of a line keeps what was typed (`values`); a refused removal has nothing typed. */
type ActionResult = { lineId: string; errors: FieldErrors; values?: CapacityLineFormValues; belowCommitments?: Refusal["bids"] };

/** A cut below confirmed commitments, refused: the message at the fields it narrows and the bids it concerns. */
function refusedCut(lineId: string, refusal: Refusal, values?: CapacityLineFormValues) {
  const errors: FieldErrors = { form: values ? "offering.belowCommitments" : "offering.belowCommitmentsRemove" };
  for (const field of refusal.narrowed) errors[field] = "offering.belowCommitmentsField";
  return data<ActionResult>({ lineId, errors, values, belowCommitments: refusal.bids }, { status: 409 });
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const scope = { db: db(), organisationId: organisation.id, offeringId: orNotFound(parseId(params.offeringId)) };
  const offeringPath = `/organisations/${organisation.slug}/offerings/${scope.offeringId}`;
  const formData = await readFormData(request);
  const lineIdField = String(formData.get("capacityLineId") ?? "");
  const lineInput = (lineId: string) => {
    const input = formObject(formData, ["weekdays"]);
    const parsed = parseForm(capacityLineSchema, input);
    if (parsed.ok) return parsed;
    return { ...parsed, invalid: data<ActionResult>({ lineId, errors: parsed.errors, values: capacityValuesFromForm(input) }, { status: 400 }) };
  };
  return dispatchIntent(formData, {
    addCapacity: async () => {
      const parsed = lineInput("new");
      if (!parsed.ok) return parsed.invalid;
      const added = await addCapacityLine({ ...scope, input: parsed.data });
      if (added === null) throw notFound();
      if (!added.ok) {
        const values = capacityValuesFromForm(formObject(formData, ["weekdays"]));
        return data<ActionResult>({ lineId: "new", errors: { form: "security.tooManyCapacityLines" }, values }, { status: 400 });
      }
      return redirectWithToast(offeringPath, { key: "offering.capacityAdded" });
    },
    updateCapacity: async () => {
      const parsed = lineInput(lineIdField);
      if (!parsed.ok) return parsed.invalid;
      const capacityLineId = orNotFound(parseId(lineIdField));
      const updated = await updateCapacityLine({ ...scope, capacityLineId, input: parsed.data });
      if (!updated) throw notFound();
      if (updated !== true) return refusedCut(lineIdField, updated, capacityValuesFromForm(formObject(formData, ["weekdays"])));
      return redirectWithToast(offeringPath, { key: "offering.capacitySaved" });
    },
    removeCapacity: async () => {
      const capacityLineId = orNotFound(parseId(lineIdField));
      const removed = await removeCapacityLine({ ...scope, capacityLineId });
      if (!removed) throw notFound();
      if (removed !== true) return refusedCut(lineIdField, removed);
      return redirectWithToast(offeringPath, { key: "offering.capacityRemoved" });
    },
  });
}

export default function OfferingCapacity() {
  const { offering } = useRouteLoaderData<typeof offeringLoader>("routes/organisations.$slug_.offerings.$offeringId")!;
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const unitLabel = t(`unit.${offering.unit}` as MessageKey);
  const confirmingLine = parseId(searchParams.get("removeLine"));
  const capacityResult = (lineId: string) => (actionData?.lineId === lineId ? actionData : undefined);

  return (
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
            sites: sitesToText(line.sites),
          };
          return (
            <Card withBorder padding="md" key={line.id} component="fieldset" style={{ border: undefined }}>
              <Text component="legend" fw={600}>
                {t("offering.capacityLine", { n: index + 1 })}
              </Text>
              <Form method="post" noValidate>
                <input type="hidden" name="capacityLineId" value={line.id} />
                <FormErrorSummary errors={result?.errors} idPrefix={`line-${line.id}`} labels={capacityFieldLabels(t, unitLabel)} />
                {result?.belowCommitments && <BelowCommitments bids={result.belowCommitments} unitLabel={unitLabel} />}
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
  );
}
