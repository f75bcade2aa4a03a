import { Alert, Anchor, Button, Card, Grid, Group, Image, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/organisations.$slug";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { CapacityTable } from "../components/capacity-table";
import { OrganisationBadges } from "../components/organisation-badges";
import { cpvLabels } from "../domain/cpv";
import { profileCapacityLinesShown } from "../domain/limits";
import { parseOrgNumber } from "../domain/org-number";
import { isEligibleForReservedContracts } from "../domain/organisation";
import { requestToJoin } from "../models/membership.server";
import { listOfferings } from "../models/offering.server";
import { getOrganisationBySlug, organisationProfileDetails } from "../models/organisation.server";
import { profileVisibility } from "../models/profile-access.server";
import { getCurrentUser, requireVerifiedUser } from "../utils/auth.server";
import { dispatchIntent, forbidden, orNotFound } from "../utils/http.server";
import type { MessageKey } from "../utils/i18n";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";

export const meta = titleMeta((data) => (data as { organisation?: { name: string } } | undefined)?.organisation?.name);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await getCurrentUser(request);
  const organisation = orNotFound(await getOrganisationBySlug({ db: db(), slug: params.slug ?? "" }));
  const { canEdit, membershipStatus } = orNotFound(await profileVisibility({ db: db(), organisation, user }));
  const profile = await organisationProfileDetails({ db: db(), organisation });
  // Long capacity lists are summarised: the first few lines and a count of the rest.
  const offerings = (await listOfferings({ db: db(), organisationId: profile.organisation.id })).map((offering) => ({
    ...offering,
    cpv: cpvLabels(offering.cpvCode),
    capacity: offering.capacity.slice(0, profileCapacityLinesShown),
    moreCapacityLines: Math.max(0, offering.capacity.length - profileCapacityLinesShown),
  }));
  const parsed = parseOrgNumber(profile.organisation.orgNumber);
  return {
    ...profile,
    offerings,
    legalForm: parsed.ok ? parsed.legalForm : null,
    reservedEligible: isEligibleForReservedContracts(organisation),
    canEdit,
    membershipStatus,
    signedIn: user !== null,
    // A buyer's account acts for a buyer organisation: joining a supplier is a member's action.
    mayAskToJoin: user !== null && !user.roles.includes("buyer"),
  };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const user = await requireVerifiedUser(request);
  const organisation = orNotFound(await getOrganisationBySlug({ db: db(), slug: params.slug ?? "" }));
  orNotFound(await profileVisibility({ db: db(), organisation, user }));
  const form = await readFormData(request);
  return dispatchIntent(form, {
    join: async () => {
      // Buyers buy from the network; they do not join its organisations.
      if (user.roles.includes("buyer")) throw forbidden();
      const asked = orNotFound(await requestToJoin({ db: db(), userId: user.id, organisationId: organisation.id }));
      return redirectWithToast(`/organisations/${organisation.slug}`, {
        key: asked.decidedBy === "owners" ? "profile.joinRequested" : "profile.joinRequestedNoOwner",
      });
    },
  });
}

export default function OrganisationProfile() {
  const {
    organisation: org,
    serviceAreas,
    targetGroups,
    offerings,
    legalForm,
    reservedEligible,
    canEdit,
    membershipStatus,
    mayAskToJoin,
    logoVersion,
  } = useLoaderData<typeof loader>();
  const { t, date, locale, counted } = useI18n();
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Group align="center" gap="md">
          {logoVersion && (
            <Image
              src={`/organisations/${org.slug}/logo?v=${encodeURIComponent(logoVersion)}`}
              alt={t("profile.logoAlt", { name: org.name })}
              h={72}
              w="auto"
              fit="contain"
            />
          )}
          <Stack gap={6}>
            <Title order={1}>{org.name}</Title>
            <OrganisationBadges kind={org.kind} verifiedAt={org.verifiedAt} reservedEligible={reservedEligible} reservedAsOf={org.workforceShareDate} />
          </Stack>
        </Group>
        {canEdit && (
          <Button component={Link} to={`/organisations/${org.slug}/edit`}>
            {t("profile.edit")}
          </Button>
        )}
      </Group>

      {org.status === "applicant" && !org.rejectedAt && <Alert color="yellow">{t("profile.applicant")}</Alert>}
      {org.status === "applicant" && org.rejectedAt && (
        <Alert color="red" role="status">
          {t("profile.rejected", { date: date(org.rejectedAt), reason: org.rejectionReason ?? "" })}
        </Alert>
      )}
      {org.status === "deactivated" && <Alert color="gray">{t("profile.deactivated")}</Alert>}
      {org.isExample && (
        <Text size="sm" c="dimmed">
          {t("profile.example")}
        </Text>
      )}

      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Title order={2} size="h3">
              {t("profile.about")}
            </Title>
            <Text style={{ whiteSpace: "pre-line" }}>{org.description}</Text>
            {reservedEligible && org.workforceShare !== null && org.workforceShareDate && (
              <Text>{t("profile.reservedBasis", { share: org.workforceShare, date: date(org.workforceShareDate) })}</Text>
            )}
            {!reservedEligible && org.workforceShare !== null && org.workforceShareDate && (
              <Text>
                {t(org.verifiedAt ? "profile.workforceShare" : "profile.workforceShareSelfDeclared", {
                  share: org.workforceShare,
                  date: date(org.workforceShareDate),
                })}
              </Text>
            )}
            <Title order={2} size="h3">
              {t("profile.offerings")}
            </Title>
            {offerings.length === 0 && <Text>{t("profile.noOfferings")}</Text>}
            {offerings.map((offering) => (
              <Card withBorder key={offering.id} padding="md" component="article">
                <Title order={3} size="h4">
                  {offering.title}
                </Title>
                <Text size="sm" c="dimmed" mb={4}>
                  {t("profile.cpv", { code: offering.cpvCode })} · {offering.cpv[locale]}
                </Text>
                {offering.description && <Text mb="sm">{offering.description}</Text>}
                <CapacityTable title={offering.title} unit={offering.unit} lines={offering.capacity} />
                {offering.moreCapacityLines > 0 && (
                  <Text size="sm" mt={4}>
                    {counted("profile.moreCapacityLines", offering.moreCapacityLines)}
                  </Text>
                )}
              </Card>
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card withBorder padding="md" component="aside" aria-labelledby="facts-heading">
            <Title order={2} size="h4" id="facts-heading" mb="sm">
              {t("profile.contact")}
            </Title>
            <dl style={{ margin: 0 }}>
              <Fact label={t("profile.orgNumber")} value={org.orgNumber} />
              {legalForm && <Fact label={t("profile.legalForm")} value={t(`legalForm.${legalForm}` as MessageKey)} />}
              {org.contactEmail && <Fact label={t("profile.email")} value={<Anchor href={`mailto:${org.contactEmail}`}>{org.contactEmail}</Anchor>} />}
              {org.contactPhone && <Fact label={t("profile.phone")} value={org.contactPhone} />}
              {org.website && (
                <Fact
                  label={t("profile.website")}
                  value={
                    <Anchor href={org.website} rel="noopener noreferrer">
                      {org.website}
                    </Anchor>
                  }
                />
              )}
              {serviceAreas.length > 0 && <Fact label={t("profile.serviceAreas")} value={serviceAreas.join(", ")} />}
              {targetGroups.length > 0 && <Fact label={t("profile.targetGroups")} value={targetGroups.join(", ")} />}
              <Fact label={t("badge.verified")} value={org.verifiedAt ? date(org.verifiedAt) : t("profile.notVerified")} />
            </dl>
          </Card>
          {mayAskToJoin && !membershipStatus && org.status === "active" && (
            <Form method="post" style={{ marginTop: 16 }}>
              <Button type="submit" name="intent" value="join" variant="outline">
                {t("profile.join")}
              </Button>
            </Form>
          )}
          {membershipStatus === "pending" && <Text mt="md">{t("profile.joinPending")}</Text>}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <>
      <Text component="dt" fw={600} size="sm">
        {label}
      </Text>
      <Text component="dd" ml={0} mb="xs">
        {value}
      </Text>
    </>
  );
}
