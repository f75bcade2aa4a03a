import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "../utils/db.server";
import { recordAudit } from "../models/audit-log.server";
import {
  approveOrganisation,
  deactivateOrganisation,
  listOrganisationsForCoordinator,
  reactivateOrganisation,
  verifyOrganisation,
} from "../models/organisation.server";
import { ConfirmAction } from "../components/confirm-action";
import { requireRole } from "../utils/auth.server";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { SectionCard } from "../components/section-card";

export const meta = titleMeta("coordinator.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "coordinator");
  return { organisations: await listOrganisationsForCoordinator({ db: db() }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const coordinator = await requireRole(request, "coordinator");
  const form = await readFormData(request);
  const organisationId = Number(form.get("organisationId"));
  if (!Number.isSafeInteger(organisationId) || organisationId <= 0) throw new Response("Not found", { status: 404 });
  const scope = { db: db(), organisationId };
  switch (form.get("intent")) {
    case "approve": {
      const name = await approveOrganisation({ ...scope, coordinatorId: coordinator.id });
      await recordAudit(db(), { actorUserId: coordinator.id, organisationId, entity: "organisation", entityId: organisationId, action: "approved" });
      return redirectWithToast("/coordinator", { key: "coordinator.approved", vars: { name } });
    }
    case "verify": {
      const name = await verifyOrganisation({ ...scope, coordinatorId: coordinator.id });
      await recordAudit(db(), { actorUserId: coordinator.id, organisationId, entity: "organisation", entityId: organisationId, action: "verified" });
      return redirectWithToast("/coordinator", { key: "coordinator.verified", vars: { name } });
    }
    case "deactivate": {
      const name = await deactivateOrganisation(scope);
      await recordAudit(db(), { actorUserId: coordinator.id, organisationId, entity: "organisation", entityId: organisationId, action: "deactivated" });
      return redirectWithToast("/coordinator", { key: "coordinator.deactivated", vars: { name } });
    }
    case "reactivate": {
      const name = await reactivateOrganisation(scope);
      await recordAudit(db(), { actorUserId: coordinator.id, organisationId, entity: "organisation", entityId: organisationId, action: "reactivated" });
      return redirectWithToast("/coordinator", { key: "coordinator.reactivated", vars: { name } });
    }
    default:
      throw new Response("Bad request", { status: 400 });
  }
}

export default function Coordinator() {
  const { organisations } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, date } = useI18n();
  const confirmId = Number(searchParams.get("deactivate"));
  const applicants = organisations.filter((o) => o.status === "applicant");
  const active = organisations.filter((o) => o.status === "active");
  const inactive = organisations.filter((o) => o.status === "deactivated");
  const actionButton = (id: number, intent: string, label: string, variant: "filled" | "outline" = "filled") => (
    <Form method="post">
      <input type="hidden" name="organisationId" value={id} />
      <Button type="submit" name="intent" value={intent} size="xs" variant={variant}>
        {label}
      </Button>
    </Form>
  );

  return (
    <Stack gap="xl">
      <Title order={1}>{t("coordinator.title")}</Title>

      <SectionCard title={t("coordinator.applicants")}>
        {applicants.length === 0 ? (
          <Text>{t("coordinator.noApplicants")}</Text>
        ) : (
          <Stack gap="sm">
            {applicants.map((o) => (
              <Group key={o.id} justify="space-between">
                <Stack gap={0}>
                  <Anchor component={Link} to={`/organisations/${o.slug}`} fw={600}>
                    {o.name}
                  </Anchor>
                  <Text size="sm">
                    {o.org_number} · {t(`kind.${o.kind}`)} · {date(o.created_at)}
                  </Text>
                </Stack>
                <Group gap="xs">
                  {actionButton(o.id, "approve", t("coordinator.approve", { name: o.name }))}
                  {!o.verified_at && actionButton(o.id, "verify", t("coordinator.verify", { name: o.name }), "outline")}
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </SectionCard>

      <SectionCard title={t("coordinator.organisations")}>
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Tbody>
              {active.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organisations/${o.slug}`}>
                      {o.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {o.verified_at ? (
                      <Badge color="teal.9" tt="none">
                        {t("coordinator.verifiedBy", { date: date(o.verified_at), by: o.verified_by_name ?? t("security.formerMember") })}
                      </Badge>
                    ) : (
                      actionButton(o.id, "verify", t("coordinator.verify", { name: o.name }), "outline")
                    )}
                  </Table.Td>
                  <Table.Td>
                    {confirmId === o.id ? (
                      <ConfirmAction
                        question={t("coordinator.deactivateConfirm", { name: o.name })}
                        intent="deactivate"
                        fields={{ organisationId: o.id }}
                        confirmLabel={t("coordinator.confirm")}
                        cancelTo="/coordinator"
                        size="xs"
                      />
                    ) : (
                      <Button component={Link} to={`?deactivate=${o.id}`} size="xs" variant="subtle" color="red.9" c="red.9">
                        {t("coordinator.deactivate", { name: o.name })}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </SectionCard>

      {inactive.length > 0 && (
        <SectionCard title={t("coordinator.inactive")}>
          <Stack gap="xs">
            {inactive.map((o) => (
              <Group key={o.id} justify="space-between">
                <Text>{o.name}</Text>
                {actionButton(o.id, "reactivate", t("coordinator.reactivate", { name: o.name }), "outline")}
              </Group>
            ))}
          </Stack>
        </SectionCard>
      )}
    </Stack>
  );
}
