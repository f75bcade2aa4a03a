import { Alert, Anchor, Button, Group, Image, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/organisations.$slug_.edit";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { useSchemaFields, useSchemaForm, type FormReply } from "../components/form-fields";
import { OrganisationProfileForm, storedProfileValues } from "../components/organisation-profile-fields";
import { cpvLabels } from "../domain/cpv";
import { listMembers } from "../models/membership.server";
import { listOfferings } from "../models/offering.server";
import { applyAgain, organisationProfileDetails, updateOrganisationProfile } from "../models/organisation.server";
import { requireOrganisationEditor } from "../route-helpers/permissions.server";
import { organisationProfileSchema, parseSubmission } from "../utils/forms";
import { logoErrorParam, parseLogoError } from "../domain/image-type";
import { dispatchIntent, notFound } from "../utils/http.server";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { SectionCard } from "../components/section-card";
import { FileField } from "../components/file-field";
import { formsMessages } from "../locales/forms";
import { organisationEditingMessages } from "../locales/organisation-editing";
import { accountMessages } from "../locales/account";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, organisationEditingMessages, accountMessages);

export const meta = titleMeta("edit.profile");

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { organisation, isOwner } = await requireOrganisationEditor(request, params.slug ?? "");
  const [profile, offerings, members] = await Promise.all([
    organisationProfileDetails({ db: db(), organisation }),
    listOfferings({ db: db(), organisationId: organisation.id }),
    listMembers({ db: db(), organisationId: organisation.id }),
  ]);
  const logoError = parseLogoError(new URL(request.url).searchParams.get(logoErrorParam));
  return {
    ...profile,
    offerings: offerings.map((offering) => ({ ...offering, cpv: cpvLabels(offering.cpvCode) })),
    members,
    isOwner,
    // The upload posts to the logo's own route, which comes back here with the reason in the address.
    logoReply: logoError ? ({ status: "error", error: { logo: [{ key: logoError }] } } satisfies FormReply) : null,
  };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { user, organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const formData = await readFormData(request);
  return dispatchIntent(formData, {
    profile: async () => {
      const submission = parseSubmission(formData, organisationProfileSchema);
      if (submission.status !== "success") return data({ form: "profile" as const, reply: submission.reply() }, { status: 400 });
      const result = await updateOrganisationProfile({ db: db(), organisationId: organisation.id, actorUserId: user.id, input: submission.value });
      if (!result.ok && result.error.kind === "notFound") throw notFound();
      if (!result.ok) {
        return data({ form: "profile" as const, reply: submission.reply({ fieldErrors: { orgNumber: [{ key: "form.orgNumber.taken" }] } }) }, { status: 400 });
      }
      return redirectWithToast(`/organisations/${result.slug}/edit`, { key: result.verificationEnded ? "edit.savedVerificationEnded" : "edit.saved" });
    },
    applyAgain: async () => {
      if (!(await applyAgain({ db: db(), organisationId: organisation.id, userId: user.id }))) throw notFound();
      return redirectWithToast(`/organisations/${organisation.slug}/edit`, { key: "onboarding.appliedAgain" });
    },
  });
}

export default function EditOrganisation() {
  const { organisation: org, serviceAreas, targetGroups, offerings, members, isOwner, logoVersion, logoReply } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale, date } = useI18n();
  const profileReply = actionData?.form === "profile" ? actionData.reply : undefined;
  const { fields: logoFields } = useSchemaForm({ id: "logo", constraint: {}, lastResult: logoReply });
  const logo = useSchemaFields("logo")(logoFields.logo);
  const stored = storedProfileValues(org, serviceAreas, targetGroups);
  const pendingCount = members.filter((m) => m.status === "pending").length;
  const busy = navigation.state === "submitting";
  const logoPath = `/organisations/${org.slug}/logo`;

  return (
    <Stack gap="xl">
      <Group justify="space-between">
        <Title order={1}>{t("edit.title", { name: org.name })}</Title>
        <Group gap="md">
          <Anchor component={Link} to={`/organisations/${org.slug}`}>
            {t("edit.viewProfile")}
          </Anchor>
          {/* Waiting join requests show here, where an owner lands, with their count. */}
          <Button component={Link} to={`/organisations/${org.slug}/members`} variant={pendingCount > 0 && isOwner ? "filled" : "outline"}>
            {pendingCount > 0 ? t("members.manageWithCount", { count: pendingCount }) : t("members.manage")}
          </Button>
        </Group>
      </Group>

      <SectionCard title={t("edit.profile")}>
        {org.verifiedAt && (
          <Alert color="blue" variant="light" mb="md">
            {t("edit.verifiedFactsNotice")}
          </Alert>
        )}
        <OrganisationProfileForm intent="profile" lastResult={profileReply} defaultValue={stored} key={JSON.stringify(stored)}>
          <Button type="submit" mt="lg" loading={busy && navigation.formData?.get("intent") === "profile"}>
            {t("edit.save")}
          </Button>
        </OrganisationProfileForm>
      </SectionCard>

      {org.status === "applicant" && org.rejectedAt && (
        <SectionCard title={t("onboarding.applyAgainTitle")}>
          <Form method="post" id="apply-again">
            <Text mb="md" style={{ overflowWrap: "anywhere" }}>
              {t("onboarding.applyAgainIntro", { date: date(org.rejectedAt), reason: org.rejectionReason ?? "–" })}
            </Text>
            <Button type="submit" name="intent" value="applyAgain">
              {t("onboarding.applyAgainButton")}
            </Button>
          </Form>
        </SectionCard>
      )}

      <SectionCard title={t("edit.logo")}>
        {logoVersion && (
          <Image
            src={`${logoPath}?v=${encodeURIComponent(logoVersion)}`}
            alt={t("profile.logoAlt", { name: org.name })}
            h={80}
            w="auto"
            fit="contain"
            mb="md"
          />
        )}
        {/* Posted by the browser itself, with or without JavaScript: a file too large to read is then
            answered by the server's body limit with this page and the message at the field. */}
        <Form method="post" action={logoPath} encType="multipart/form-data" reloadDocument>
          <input type="hidden" name="intent" value="uploadLogo" />
          <Stack gap="sm" maw={420}>
            <FileField
              name={logo.name}
              label={t("edit.logoFile")}
              description={t("edit.logoHint")}
              accept="image/png,image/jpeg,image/webp"
              error={logo.error}
            />
            <Group>
              <Button type="submit">{t("edit.logoUpload")}</Button>
            </Group>
          </Stack>
        </Form>
        {logoVersion && (
          <Form method="post" action={logoPath} style={{ marginTop: 12 }}>
            <Button type="submit" name="intent" value="removeLogo" variant="subtle" color="red.9" c="red.9">
              {t("edit.logoRemove")}
            </Button>
          </Form>
        )}
      </SectionCard>

      <SectionCard
        title={t("edit.offerings")}
        actions={
          <Button component={Link} to={`/organisations/${org.slug}/offerings/new`}>
            {t("edit.addOffering")}
          </Button>
        }
      >
        {offerings.length === 0 ? (
          <Text>{t("profile.noOfferings")}</Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {offerings.map((o) => (
              <Group component="li" key={o.id} justify="space-between">
                <Text>
                  {o.title}{" "}
                  <Text span c="dimmed" size="sm">
                    ({o.cpv[locale]})
                  </Text>
                </Text>
                <Anchor component={Link} to={`/organisations/${org.slug}/offerings/${o.id}`} aria-label={`${t("edit.editOffering")}: ${o.title}`}>
                  {t("edit.editOffering")}
                </Anchor>
              </Group>
            ))}
          </Stack>
        )}
      </SectionCard>
    </Stack>
  );
}
