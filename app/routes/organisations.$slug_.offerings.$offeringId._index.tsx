/**
 * The capacity lines of one offering, shown inside the offering's page (the parent route, which
 * loads the offering): add, edit and remove a line. One form per line; each posts here.
 */
import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link, data, useActionData, useRouteLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/organisations.$slug_.offerings.$offeringId._index";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { CapacityLineForm, emptyCapacityLine, type CapacityLineFormValues } from "../components/capacity-line-fields";
import { BelowCommitments } from "../components/below-commitments";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import type { FormReply } from "../components/form-fields";
import { SectionCard } from "../components/section-card";
import { sitesToText } from "../domain/capacity";
import { addCapacityLine, removeCapacityLine, updateCapacityLine, type BelowCommitments as Refusal } from "../models/offering.server";
import { requireOrganisationEditor } from "../route-helpers/permissions.server";
import { readFormData } from "../utils/form-data.server";
import { capacityLineSchema, parseSubmission, type FormMessage } from "../utils/forms";
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

/** The answer to one line's form: its reply (a refused change keeps what was typed), and the bids a refused cut concerns. */
type ActionResult = { lineId: string; reply: FormReply; belowCommitments?: Refusal["bids"] };

type Submission = ReturnType<typeof parseSubmission<typeof capacityLineSchema>>;

/**
 * A cut below confirmed commitments, refused: the message at the fields it narrows and the bids it
 * concerns. A refused change replies to what was typed; a refused removal has nothing typed.
 */
function refusedCut(lineId: string, refusal: Refusal, submission?: Submission) {
  const fieldErrors: Record<string, FormMessage[]> = {};
  for (const field of refusal.narrowed) fieldErrors[field] = [{ key: "offering.belowCommitmentsField" }];
  const reply: FormReply = submission
    ? submission.reply({ formErrors: [{ key: "offering.belowCommitments" }], fieldErrors })
    : { status: "error", error: { "": [{ key: "offering.belowCommitmentsRemove" }], ...fieldErrors } };
  return data<ActionResult>({ lineId, reply, belowCommitments: refusal.bids }, { status: 409 });
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const scope = { db: db(), organisationId: organisation.id, offeringId: orNotFound(parseId(params.offeringId)) };
  const offeringPath = `/organisations/${organisation.slug}/offerings/${scope.offeringId}`;
  const formData = await readFormData(request);
  const lineIdField = String(formData.get("capacityLineId") ?? "");
  const submission = parseSubmission(formData, capacityLineSchema);
  const invalid = (lineId: string) => data<ActionResult>({ lineId, reply: submission.reply() }, { status: 400 });
  return dispatchIntent(formData, {
    addCapacity: async () => {
      if (submission.status !== "success") return invalid("new");
      const added = await addCapacityLine({ ...scope, input: submission.value });
      if (added === null) throw notFound();
      if (!added.ok) {
        return data<ActionResult>({ lineId: "new", reply: submission.reply({ formErrors: [{ key: "security.tooManyCapacityLines" }] }) }, { status: 400 });
      }
      return redirectWithToast(offeringPath, { key: "offering.capacityAdded" });
    },
    updateCapacity: async () => {
      if (submission.status !== "success") return invalid(lineIdField);
      const capacityLineId = orNotFound(parseId(lineIdField));
      const updated = await updateCapacityLine({ ...scope, capacityLineId, input: submission.value });
      if (!updated) throw notFound();
      if (updated !== true) return refusedCut(lineIdField, updated, submission);
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
          const stored: CapacityLineFormValues = {
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
              <CapacityLineForm
                idPrefix={`line-${line.id}`}
                lastResult={result?.reply}
                defaultValue={stored}
                unitLabel={unitLabel}
                before={result?.belowCommitments && <BelowCommitments bids={result.belowCommitments} unitLabel={unitLabel} />}
                key={JSON.stringify(stored)}
              >
                <input type="hidden" name="capacityLineId" value={line.id} />
                <Group mt="md">
                  <Button type="submit" name="intent" value="updateCapacity">
                    {t("offering.saveCapacity")}
                  </Button>
                  <Button component={Link} to={confirmHref({ removeLine: line.id }, `confirm-line-${line.id}`)} variant="outline" color="red.9">
                    {t("offering.removeCapacity")}
                  </Button>
                </Group>
              </CapacityLineForm>
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
          <CapacityLineForm
            idPrefix="line-new"
            lastResult={capacityResult("new")?.reply}
            defaultValue={emptyCapacityLine}
            unitLabel={unitLabel}
            // A line added empties the form for the next one.
            key={offering.capacity.length}
          >
            <Button type="submit" name="intent" value="addCapacity" mt="md">
              {t("offering.addCapacity")}
            </Button>
          </CapacityLineForm>
        </Card>
      </Stack>
    </SectionCard>
  );
}
