import { Alert, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Form, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/bids.new";
import type { ServerArgs } from "../utils/route-args";
import { FeasibilityPanel } from "../components/feasibility-panel";
import { SectionCard } from "../components/section-card";
import { listBidCandidates, listBiddableRequests } from "../models/joint-bid/candidates.server";
import { loadFeasibility } from "../models/feasibility.server";
import { startJointBid } from "../models/joint-bid/participants.server";
import { can, supplierSideOrganisations } from "../domain/permissions";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { bidErrorResponse } from "../route-helpers/bid-errors.server";
import type { BidMessage } from "../utils/bid-messages";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { badRequest } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { bidsMessages } from "../locales/bids";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(bidsMessages);

export const meta = titleMeta("bids.new.title");

/** Who may start a bid: a coordinator, or a member of a listed organisation (which then leads). */
async function starter(request: Request) {
  const user = await requireUserWithPermission(request, "bid.start");
  const own = supplierSideOrganisations(user).map(({ id, name }) => ({ id, name }));
  return { user, coordinator: can(user, "coordinate"), own };
}

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const { coordinator, own } = await starter(request);
  const requests = await listBiddableRequests({ db: db() });
  const chosen = parseId(new URL(request.url).searchParams.get("request")) ?? requests[0]?.id ?? null;
  const requestId = requests.some((r) => r.id === chosen) ? chosen : null;
  return {
    requests,
    requestId,
    leads: coordinator ? await listBidCandidates({ db: db() }) : own,
    coordinator,
    candidates: await listBidCandidates({ db: db() }),
    feasibility: requestId === null ? null : await loadFeasibility({ db: db(), requestId }),
  };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const { user } = await starter(request);
  const form = await readFormData(request);
  const requestId = parseId(form.get("requestId"));
  if (requestId === null) throw badRequest();
  const lead = String(form.get("leadOrganisationId") ?? "");
  const leadOrganisationId = lead === "" ? null : parseId(lead);
  if (lead !== "" && leadOrganisationId === null) throw badRequest();
  const invite = form.getAll("invite").map((v) => parseId(v));
  if (invite.some((v) => v === null)) throw badRequest();
  const result = await startJointBid({ db: db(), viewer: user, requestId, leadOrganisationId, inviteOrganisationIds: invite as number[] });
  if (result.ok) return redirectWithToast(`/bids/${result.bidId}`, { key: "bids.toast.started" });
  const { status, message } = bidErrorResponse(result.error);
  const shown: BidMessage = result.error.kind === "invalid" && result.error.field === "inviteOrganisationIds" ? { key: "bids.new.needInvite" } : message;
  return data({ message: shown }, { status });
}

export default function NewBid() {
  const { requests, requestId, leads, coordinator, candidates, feasibility } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("bids.new.title")}</Title>
      {actionData?.message && (
        <Alert color="red" variant="light" role="alert">
          <Text c="dark.9">{t(actionData.message.key, actionData.message.vars)}</Text>
        </Alert>
      )}
      {requests.length === 0 ? (
        <Text>{t("bids.new.noRequests")}</Text>
      ) : (
        <>
          <Form method="get">
            <Group align="end" gap="sm">
              <NativeSelect
                name="request"
                label={t("bids.new.request")}
                defaultValue={requestId === null ? undefined : String(requestId)}
                data={requests.map((r) => ({ value: String(r.id), label: r.title }))}
              />
              <Button type="submit" variant="outline">
                {t("bids.new.show")}
              </Button>
            </Group>
          </Form>
          {feasibility && <FeasibilityPanel view={feasibility} />}
          {requestId !== null && (
            <SectionCard title={t("bids.start")}>
              <Form method="post">
                <input type="hidden" name="requestId" value={requestId} />
                <Stack gap="md">
                  <NativeSelect
                    name="leadOrganisationId"
                    label={t("bids.new.lead")}
                    data={[...(coordinator ? [{ value: "", label: t("bids.new.noLead") }] : []), ...leads.map((o) => ({ value: String(o.id), label: o.name }))]}
                  />
                  <Checkbox.Group label={t("bids.new.invite")} description={t("bids.new.inviteHint")}>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                      {candidates.map((o) => (
                        <Checkbox key={o.id} name="invite" value={String(o.id)} label={o.name} />
                      ))}
                    </SimpleGrid>
                  </Checkbox.Group>
                  <Group>
                    <Button type="submit">{t("bids.new.submit")}</Button>
                  </Group>
                </Stack>
              </Form>
            </SectionCard>
          )}
        </>
      )}
    </Stack>
  );
}
