import { Anchor, Badge, Button, Card, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/coordinator";
import type { ServerArgs } from "../utils/route-args";
import { getZodConstraint } from "@conform-to/zod/v3";
import { db } from "../utils/db.server";
import { approveOrganisation, deactivateOrganisation, reactivateOrganisation, verifyOrganisation } from "../models/organisation.server";
import { appointOwner, listOrganisationsForReview, listOrganisationsWithoutOwner, rejectApplication } from "../models/coordination.server";
import { confirmHref, RowRemoval } from "../components/confirm-action";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../components/form-fields";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { parseSubmission } from "../utils/forms";
import { appointOwnerSchema, rejectApplicationSchema } from "../forms/administration-forms";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { wrappingButtonStyles } from "../components/wrapping-button";
import { readFormData } from "../utils/form-data.server";
import { SectionCard } from "../components/section-card";
import { formsMessages } from "../locales/forms";
import { organisationEditingMessages } from "../locales/organisation-editing";
import { coordinationMessages } from "../locales/coordination";
import { securityMessages } from "../locales/security";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import type { OrganisationKind, VerifiedFactName } from "../domain/organisation";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(formsMessages, organisationEditingMessages, coordinationMessages, securityMessages);

export const meta = titleMeta("coordinator.title");

const factLabels: Record<VerifiedFactName, MessageKey> = {
  kind: "edit.kind",
  org_number: "edit.orgNumber",
  workforce_share: "coordinator.workforceShare",
  workforce_share_date: "edit.workforceShareDate",
};

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "coordinate");
  return { organisations: await listOrganisationsForReview({ db: db() }), withoutOwner: await listOrganisationsWithoutOwner({ db: db() }) };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const coordinator = await requireUserWithPermission(request, "coordinate");
  const form = await readFormData(request);
  // Appointing an owner: the organisation is chosen in the form, and a missing choice is a message, not a 404.
  if (form.get("intent") === "appointOwner") {
    const submission = parseSubmission(form, appointOwnerSchema);
    if (submission.status !== "success") return data({ appoint: submission.reply() }, { status: 400 });
    const result = await appointOwner({ db: db(), ...submission.value, coordinatorId: coordinator.id });
    if (!result.ok) {
      const field = result.error.kind === "unknownOrganisation" ? "organisationId" : "email";
      const key = `coordinator.appointError.${result.error.kind}` as const;
      return data({ appoint: submission.reply({ fieldErrors: { [field]: [{ key }] } }) }, { status: 400 });
    }
    return redirectWithToast("/coordinator", { key: "coordinator.appointed", vars: { name: result.name, organisation: result.organisation } });
  }
  const organisationId = parseId(form.get("organisationId"));
  if (organisationId === null) throw notFound();
  const scope = { db: db(), organisationId, coordinatorId: coordinator.id };
  return dispatchIntent(form, {
    approve: async () => {
      const name = orNotFound(await approveOrganisation(scope));
      return redirectWithToast("/coordinator", { key: "coordinator.approved", vars: { name } });
    },
    reject: async () => {
      const submission = parseSubmission(form, rejectApplicationSchema);
      if (submission.status !== "success") return data({ rejected: organisationId, reply: submission.reply() }, { status: 400 });
      const result = await rejectApplication({ ...scope, reason: submission.value.reason });
      if (!result.ok) throw notFound();
      return redirectWithToast("/coordinator", { key: "coordinator.rejected", vars: { name: result.name } });
    },
    verify: async () => {
      const name = orNotFound(await verifyOrganisation(scope));
      return redirectWithToast("/coordinator", { key: "coordinator.verified", vars: { name } });
    },
    deactivate: async () => {
      const name = orNotFound(await deactivateOrganisation(scope));
      return redirectWithToast("/coordinator", { key: "coordinator.deactivated", vars: { name } });
    },
    reactivate: async () => {
      const name = orNotFound(await reactivateOrganisation(scope));
      return redirectWithToast("/coordinator", { key: "coordinator.reactivated", vars: { name } });
    },
  });
}

export default function Coordinator() {
  const { organisations, withoutOwner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t, date } = useI18n();
  const confirmId = parseId(searchParams.get("deactivate"));
  const rejection = actionData && "rejected" in actionData ? actionData : undefined;
  const appoint = actionData && "appoint" in actionData ? actionData.appoint : undefined;
  const rejectId = rejection?.rejected ?? parseId(searchParams.get("reject"));
  const ownerless = new Set(withoutOwner.map((o) => o.id));
  const applicants = organisations.filter((o) => o.status === "applicant" && !o.rejectedAt);
  const rejected = organisations.filter((o) => o.status === "applicant" && o.rejectedAt);
  const active = organisations.filter((o) => o.status === "active");
  const changedSinceVerified = active.filter((o) => o.changedSinceVerified.length > 0);
  const inactive = organisations.filter((o) => o.status === "deactivated");
  const actionButton = (id: number, intent: string, label: string, variant: "filled" | "outline" = "filled") => (
    <Form method="post">
      <input type="hidden" name="organisationId" value={id} />
      <Button type="submit" name="intent" value={intent} size="sm" variant={variant} styles={wrappingButtonStyles}>
        {label}
      </Button>
    </Form>
  );
  /** Organisations as cards: each its name, linked to its profile, then what `body` shows of it. */
  const organisationCards = <O extends { id: number; slug: string; name: string }>(list: O[], body: (o: O) => React.ReactNode) => (
    <Stack gap="md" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {list.map((o) => (
        <Card component="li" withBorder padding="md" key={o.id}>
          <Stack gap="sm">
            <Anchor component={Link} to={`/organisations/${o.slug}`} fw={600} fz="lg">
              {o.name}
            </Anchor>
            {body(o)}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
  const factValue = (name: VerifiedFactName, value: string | number | null) => {
    if (value === null) return "–";
    if (name === "kind") return t(`kind.${value as OrganisationKind}`);
    if (name === "workforce_share") return `${value} %`;
    if (name === "workforce_share_date") return date(String(value));
    return String(value);
  };
  const fact = (label: string, value: React.ReactNode) => (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: "anywhere" }}>
        {value}
      </Text>
    </div>
  );

  return (
    <Stack gap="xl">
      <Title order={1}>{t("coordinator.title")}</Title>

      <SectionCard title={t("coordinator.applicants")}>
        {applicants.length === 0 ? (
          <Text>{t("coordinator.noApplicants")}</Text>
        ) : (
          organisationCards(applicants, (o) => (
            <>
              <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing={6} m={0}>
                {fact(t("profile.orgNumber"), o.orgNumber)}
                {fact(t("edit.kind"), t(`kind.${o.kind}`))}
                {fact(t("coordinator.appliedOn"), date(o.createdAt))}
                {fact(
                  t("coordinator.appliedBy"),
                  o.applicants.length
                    ? o.applicants.map((a) => (
                        <span key={a.email} style={{ display: "block" }}>
                          {a.name}, <Anchor href={`mailto:${a.email}`}>{a.email}</Anchor>
                        </span>
                      ))
                    : "–",
                )}
                {fact(t("profile.email"), o.contactEmail ? <Anchor href={`mailto:${o.contactEmail}`}>{o.contactEmail}</Anchor> : "–")}
                {fact(t("profile.phone"), o.contactPhone ?? "–")}
                {fact(
                  t("coordinator.workforceShare"),
                  o.workforceShare === null
                    ? t("coordinator.noWorkforceShare")
                    : t("coordinator.workforceShareValue", {
                        share: o.workforceShare,
                        date: o.workforceShareDate ? date(o.workforceShareDate) : "–",
                      }),
                )}
              </SimpleGrid>
              <Group gap="xs">
                {actionButton(o.id, "approve", t("coordinator.approve", { name: o.name }))}
                <Button
                  component={Link}
                  to={confirmHref({ reject: o.id }, `reject-${o.id}-reason`)}
                  size="sm"
                  variant="outline"
                  color="red.9"
                  styles={wrappingButtonStyles}
                >
                  {t("coordinator.reject", { name: o.name })}
                </Button>
              </Group>
              {rejectId === o.id && <RejectForm organisationId={o.id} lastResult={rejection?.rejected === o.id ? rejection.reply : undefined} />}
            </>
          ))
        )}
      </SectionCard>

      {changedSinceVerified.length > 0 && (
        <SectionCard title={t("coordinator.changedSinceVerified")}>
          <Text mb="md">{t("coordinator.changedSinceVerifiedIntro")}</Text>
          {organisationCards(changedSinceVerified, (o) => (
            <>
              <Text size="sm">{t("coordinator.verificationEnded", { date: date(o.verificationEndedAt!) })}</Text>
              <TableScroller minWidth={320}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("coordinator.factName")}</Table.Th>
                      <Table.Th scope="col">{t("coordinator.factVerified")}</Table.Th>
                      <Table.Th scope="col">{t("coordinator.factNow")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {o.changedSinceVerified.map((change) => (
                      <Table.Tr key={change.fact}>
                        <Table.Th scope="row" fw={500}>
                          {t(factLabels[change.fact])}
                        </Table.Th>
                        <Table.Td>{factValue(change.fact, change.verified)}</Table.Td>
                        <Table.Td>{factValue(change.fact, change.now)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroller>
              <Group gap="xs">{actionButton(o.id, "verify", t("coordinator.verifyAgain", { name: o.name }))}</Group>
            </>
          ))}
        </SectionCard>
      )}

      <SectionCard title={t("coordinator.organisations")}>
        <Stack gap={0} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {active.map((o) => (
            <Group
              component="li"
              key={o.id}
              justify="space-between"
              align="center"
              gap="sm"
              py="sm"
              style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}
            >
              <Stack gap={4} style={{ flex: "1 1 14rem", minWidth: 0 }}>
                <Anchor component={Link} to={`/organisations/${o.slug}`} fw={500}>
                  {o.name}
                </Anchor>
                {o.verifiedAt && (
                  <Badge color="teal.9" tt="none" styles={{ root: { height: "auto" }, label: { whiteSpace: "normal" } }}>
                    {t("coordinator.verifiedBy", { date: date(o.verifiedAt), by: o.verifiedByName ?? t("security.formerMember") })}
                  </Badge>
                )}
              </Stack>
              <Group gap="xs" style={{ flex: "1 1 14rem" }} justify="flex-end">
                {!o.verifiedAt && actionButton(o.id, "verify", t("coordinator.verify", { name: o.name }), "outline")}
                <RowRemoval
                  confirming={confirmId === o.id}
                  query={{ deactivate: o.id }}
                  anchor={`confirm-deactivate-${o.id}`}
                  question={t("coordinator.deactivateConfirm", { name: o.name })}
                  intent="deactivate"
                  fields={{ organisationId: o.id }}
                  cancelTo="/coordinator"
                  removeLabel={t("coordinator.deactivate", { name: o.name })}
                  confirmLabel={t("coordinator.confirm")}
                  size="sm"
                />
              </Group>
            </Group>
          ))}
        </Stack>
      </SectionCard>

      <SectionCard title={t("coordinator.owners")}>
        <Stack gap="md" id="owners">
          <Text>{t("coordinator.ownersIntro")}</Text>
          <div>
            <Title order={3} size="h5" mb={4}>
              {t("coordinator.withoutOwner")}
            </Title>
            {withoutOwner.length === 0 ? (
              <Text>{t("coordinator.withoutOwnerNone")}</Text>
            ) : (
              <List spacing={2}>
                {withoutOwner.map((o) => (
                  <List.Item key={o.id}>
                    <Anchor component={Link} to={`/organisations/${o.slug}`}>
                      {o.name}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
          </div>
          <AppointOwnerForm
            lastResult={appoint}
            organisations={organisations
              .filter((o) => o.status !== "deactivated")
              .map((o) => ({ value: String(o.id), label: ownerless.has(o.id) ? t("coordinator.noOwnerMark", { name: o.name }) : o.name }))}
          />
        </Stack>
      </SectionCard>

      {rejected.length > 0 && (
        <SectionCard title={t("coordinator.rejectedList")}>
          <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {rejected.map((o) => (
              <li key={o.id}>
                <Text fw={500}>{o.name}</Text>
                <Text size="sm">{t("coordinator.rejectedWith", { date: date(o.rejectedAt!), reason: o.rejectionReason ?? "" })}</Text>
              </li>
            ))}
          </Stack>
        </SectionCard>
      )}

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

const rejectConstraint = getZodConstraint(rejectApplicationSchema);

/** The reason asked for before an application is turned down; it opens under the organisation's card. */
function RejectForm({ organisationId, lastResult }: { organisationId: number; lastResult: FormReply | undefined }) {
  const { t } = useI18n();
  const idPrefix = `reject-${organisationId}`;
  const { form, fields } = useSchemaForm({ id: idPrefix, constraint: rejectConstraint, lastResult });
  const field = useSchemaFields(idPrefix);
  const errors = useReplyMessages(lastResult);
  return (
    <Form method="post" id={form.id} noValidate>
      <input type="hidden" name="organisationId" value={organisationId} />
      <FormErrorSummary errors={errors} idPrefix={idPrefix} labels={{ reason: t("coordinator.rejectReason") }} />
      <Stack gap="sm">
        <Textarea
          {...field(fields.reason)}
          label={t("coordinator.rejectReason")}
          description={t("coordinator.rejectReasonHint")}
          autosize
          minRows={3}
          autoFocus={!lastResult}
          data-scroll-target=""
        />
        <Group gap="xs">
          <Button type="submit" name="intent" value="reject" color="red.9">
            {t("coordinator.rejectConfirm")}
          </Button>
          <Button component={Link} to="/coordinator" variant="default">
            {t("confirm.cancel")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}

const appointConstraint = getZodConstraint(appointOwnerSchema);

function AppointOwnerForm({ lastResult, organisations }: { lastResult: FormReply | undefined; organisations: { value: string; label: string }[] }) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm({ id: "appoint", constraint: appointConstraint, lastResult });
  const field = useSchemaFields("appoint");
  const errors = useReplyMessages(lastResult);
  return (
    <Form method="post" id={form.id} noValidate>
      <FormErrorSummary
        errors={errors}
        idPrefix="appoint"
        labels={{ organisationId: t("coordinator.appointOrganisation"), email: t("coordinator.appointEmail") }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect {...field(fields.organisationId)} label={t("coordinator.appointOrganisation")} data={[{ value: "", label: "–" }, ...organisations]} />
        <TextInput {...field(fields.email)} type="email" label={t("coordinator.appointEmail")} description={t("coordinator.appointEmailHint")} />
      </SimpleGrid>
      <Button type="submit" name="intent" value="appointOwner" mt="md">
        {t("coordinator.appoint")}
      </Button>
    </Form>
  );
}
