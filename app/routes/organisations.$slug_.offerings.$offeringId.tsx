/**
 * One offering: its own fields and its deletion here; its capacity lines in the index child route
 * (`organisations.$slug_.offerings.$offeringId._index.tsx`), rendered in the outlet below.
 */
import { Anchor, Button, Group, Stack, Title } from "@mantine/core";
import { Link, Outlet, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/organisations.$slug_.offerings.$offeringId";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { BelowCommitments } from "../components/below-commitments";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { FormErrorSummary, useReplyMessages } from "../components/form-fields";
import { OfferingForm, type OfferingFormValues } from "../components/offering-fields";
import { SectionCard } from "../components/section-card";
import { cpvLabels } from "../domain/cpv";
import { cpvChoices } from "../forms/cpv-field";
import { offeringConstraint, offeringSchema } from "../forms/offering-form";
import { deleteOffering, getOffering, updateOffering } from "../models/offering.server";
import { requireOrganisationEditor } from "../route-helpers/permissions.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission, refusalReply } from "../utils/forms";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { organisationEditingMessages } from "../locales/organisation-editing";
import { messagesHandle, type MessageKey } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, organisationEditingMessages);

export const meta = titleMeta("offering.editTitle");

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const offeringId = orNotFound(parseId(params.offeringId));
  const offering = orNotFound(await getOffering({ db: db(), organisationId: organisation.id, offeringId }));
  return { organisation: { slug: organisation.slug, name: organisation.name }, offering, cpv: cpvLabels(offering.cpvCode), constraint: offeringConstraint };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const scope = { db: db(), organisationId: organisation.id, offeringId: orNotFound(parseId(params.offeringId)) };
  const formData = await readFormData(request);
  return dispatchIntent(formData, {
    updateOffering: async () => {
      const submission = parseSubmission(formData, offeringSchema);
      if (submission.status !== "success") {
        const choices = cpvChoices(submission.error?.cpvCode?.[0], String(submission.payload.cpvCode ?? ""));
        return data({ form: "offering" as const, reply: submission.reply(), cpvChoices: choices }, { status: 400 });
      }
      if (!(await updateOffering({ ...scope, input: submission.value }))) throw notFound();
      return redirectWithToast(`/organisations/${organisation.slug}/offerings/${scope.offeringId}`, { key: "offering.saved" });
    },
    deleteOffering: async () => {
      const deleted = await deleteOffering(scope);
      if (!deleted) throw notFound();
      if (deleted !== true) {
        const refused = { form: "delete" as const, reply: refusalReply({ key: "offering.belowCommitmentsOffering" }), belowCommitments: deleted.bids };
        return data(refused, { status: 409 });
      }
      return redirectWithToast(`/organisations/${organisation.slug}/edit`, { key: "offering.deleted" });
    },
  });
}

export default function EditOffering() {
  const { organisation, offering, cpv, constraint } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const actionData = result?.form === "offering" ? result : undefined;
  const refusedDelete = result?.form === "delete" ? result : undefined;
  const deleteErrors = useReplyMessages(refusedDelete?.reply);
  const [searchParams] = useSearchParams();
  const { t, locale } = useI18n();
  const confirmingDelete = searchParams.get("delete") === "confirm";
  const stored: OfferingFormValues = {
    title: offering.title,
    description: offering.description,
    cpvCode: `${offering.cpvCode} ${cpv[locale]}`,
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
        <OfferingForm
          intent="updateOffering"
          constraint={constraint}
          lastResult={actionData?.reply}
          defaultValue={stored}
          cpvChoices={actionData?.cpvChoices}
          key={JSON.stringify(stored)}
        >
          <Group mt="lg">
            <Button type="submit">{t("offering.save")}</Button>
            <Button component={Link} to={confirmHref({ delete: "confirm" }, "confirm-delete")} variant="outline" color="red.9">
              {t("offering.delete")}
            </Button>
          </Group>
        </OfferingForm>
        {refusedDelete && (
          <>
            <FormErrorSummary errors={deleteErrors} />
            <BelowCommitments bids={refusedDelete.belowCommitments} unitLabel={t(`unit.${offering.unit}` as MessageKey)} />
          </>
        )}
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

      <Outlet />
    </Stack>
  );
}
