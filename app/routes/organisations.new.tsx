import { Alert, Anchor, Badge, Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/organisations.new";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { FormErrorSummary, useReplyMessages, useSchemaFields, useSchemaForm, type FormReply } from "../components/form-fields";
import { getZodConstraint } from "@conform-to/zod/v3";
import { joinOrganisationSchema } from "../forms/administration-forms";
import { OrganisationProfileForm, emptyProfileValues } from "../components/organisation-profile-fields";
import { listJoinableOrganisations, listMembershipsOfUser, requestToJoin } from "../models/membership.server";
import { createOrganisation } from "../models/organisation.server";
import { requireUser } from "../utils/auth.server";
import { dispatchIntent, orNotFound } from "../utils/http.server";
import { organisationProfileSchema, parseSubmission } from "../utils/forms";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";
import { SectionCard } from "../components/section-card";
import { formsMessages } from "../locales/forms";
import { organisationEditingMessages } from "../locales/organisation-editing";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, organisationEditingMessages);

export const meta = titleMeta("onboarding.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const [memberships, joinable] = await Promise.all([
    listMembershipsOfUser({ db: db(), userId: user.id }),
    listJoinableOrganisations({ db: db(), userId: user.id }),
  ]);
  return { memberships, joinable, email: user.email, verified: user.emailVerified };
}

/**
 * Registering an organisation and asking to join one need a confirmed address. The forms are shown
 * once it is confirmed; a form sent before (from a page opened earlier) comes back as typed, with
 * the reason, instead of being lost on the way to the confirmation page.
 */
export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  return dispatchIntent(formData, {
    join: async () => {
      const submission = parseSubmission(formData, joinOrganisationSchema);
      if (!user.emailVerified) {
        return data({ form: "join" as const, reply: submission.reply({ formErrors: [{ key: "onboarding.verifyFirstError" }] }) }, { status: 400 });
      }
      if (submission.status !== "success") return data({ form: "join" as const, reply: submission.reply() }, { status: 400 });
      const asked = orNotFound(await requestToJoin({ db: db(), userId: user.id, organisationId: submission.value.organisationId }));
      return redirectWithToast("/organisations/new", { key: asked.decidedBy === "owners" ? "profile.joinRequested" : "profile.joinRequestedNoOwner" });
    },
    register: async () => {
      const submission = parseSubmission(formData, organisationProfileSchema);
      if (!user.emailVerified) {
        return data({ form: "register" as const, reply: submission.reply({ formErrors: [{ key: "onboarding.verifyFirstError" }] }) }, { status: 400 });
      }
      if (submission.status !== "success") return data({ form: "register" as const, reply: submission.reply() }, { status: 400 });
      const result = await createOrganisation({ db: db(), ownerUserId: user.id, input: submission.value });
      if (!result.ok) {
        return data({ form: "register" as const, reply: submission.reply({ fieldErrors: { orgNumber: [{ key: "form.orgNumber.taken" }] } }) }, { status: 400 });
      }
      return redirectWithToast(`/organisations/${result.slug}/edit`, { key: "onboarding.registered" });
    },
  });
}

export default function Onboarding() {
  const { memberships, joinable, email, verified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  const registerReply = actionData?.form === "register" ? actionData.reply : undefined;
  const joinReply = actionData?.form === "join" ? actionData.reply : undefined;
  // A form that came back keeps its place on the page, confirmed address or not.
  const showRegister = verified || actionData?.form === "register";
  const showJoin = verified || actionData?.form === "join";
  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1}>{t("onboarding.title")}</Title>
        <Text>{t("onboarding.intro")}</Text>
      </Stack>

      {!verified && (
        <Alert color="blue" variant="light" role="status">
          <Title order={2} size="h4" mb="xs">
            {t("onboarding.verifyFirstTitle")}
          </Title>
          <Text mb="sm">{t("onboarding.verifyFirst", { email })}</Text>
          <Form method="post" action="/account/verify">
            <Button type="submit" variant="outline">
              {t("onboarding.verifyResend")}
            </Button>
          </Form>
        </Alert>
      )}

      <SectionCard title={t("onboarding.yours")}>
        {memberships.length === 0 ? (
          <Text>{t("onboarding.none")}</Text>
        ) : (
          <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {memberships.map((m) => (
              <Group component="li" key={m.slug} gap="sm">
                <Anchor component={Link} to={m.status === "active" ? `/organisations/${m.slug}/edit` : `/organisations/${m.slug}`}>
                  {m.name}
                </Anchor>
                <Badge variant="outline" color="gray.8" tt="none">
                  {m.status === "pending"
                    ? t("onboarding.pending")
                    : m.organisationStatus === "applicant" && m.organisationRejectedAt
                      ? t("onboarding.status.rejected")
                      : t(`onboarding.status.${m.organisationStatus}`)}
                </Badge>
              </Group>
            ))}
          </Stack>
        )}
      </SectionCard>

      {showRegister && (
        <SectionCard title={t("onboarding.register")}>
          <Text mb="md">{t("onboarding.registerIntro")}</Text>
          <OrganisationProfileForm intent="register" lastResult={registerReply} defaultValue={emptyProfileValues}>
            <Button type="submit" mt="lg">
              {t("onboarding.registerButton")}
            </Button>
          </OrganisationProfileForm>
        </SectionCard>
      )}

      {showJoin && (
        <SectionCard title={t("onboarding.join")}>
          <JoinForm lastResult={joinReply} organisations={joinable} />
        </SectionCard>
      )}
    </Stack>
  );
}

const joinConstraint = getZodConstraint(joinOrganisationSchema);

function JoinForm({ lastResult, organisations }: { lastResult: FormReply | undefined; organisations: { id: number; name: string }[] }) {
  const { t } = useI18n();
  const { form, fields } = useSchemaForm({ id: "join", constraint: joinConstraint, lastResult });
  const field = useSchemaFields("join");
  const errors = useReplyMessages(lastResult);
  return (
    <Form method="post" id={form.id} noValidate>
      <input type="hidden" name="intent" value="join" />
      <FormErrorSummary errors={errors} idPrefix="join" labels={{ organisationId: t("onboarding.joinSelect") }} />
      <Stack gap="sm" maw={420}>
        <NativeSelect
          {...field(fields.organisationId)}
          label={t("onboarding.joinSelect")}
          data={[{ value: "", label: t("onboarding.joinSelectPlaceholder") }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
        />
        <Group>
          <Button type="submit" variant="outline">
            {t("onboarding.joinButton")}
          </Button>
        </Group>
      </Stack>
    </Form>
  );
}
