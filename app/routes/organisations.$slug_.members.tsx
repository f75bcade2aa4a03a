import { Anchor, Badge, Box, Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/organisations.$slug_.members";
import type { ServerArgs } from "../utils/route-args";
import { getZodConstraint } from "@conform-to/zod/v3";
import { db } from "../utils/db.server";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { SectionCard } from "../components/section-card";
import { changeMemberRole, decideJoinRequest, listMembers, removeMember } from "../models/membership.server";
import { requireOrganisationEditor } from "../route-helpers/permissions.server";
import { parseSubmission } from "../utils/forms";
import { memberRoleSchema, memberSchema } from "../forms/administration-forms";
import { FormErrorSummary, useReplyMessages } from "../components/form-fields";
import { dispatchIntent, forbidden } from "../utils/http.server";
import { titleMeta } from "../utils/meta";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { wrappingButtonStyles } from "../components/wrapping-button";
import { readFormData } from "../utils/form-data.server";
import { formsMessages } from "../locales/forms";
import { organisationEditingMessages } from "../locales/organisation-editing";
import { accountMessages } from "../locales/account";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, organisationEditingMessages, accountMessages);

export const meta = titleMeta("members.title");

const roleConstraint = getZodConstraint(memberRoleSchema);

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const { organisation, isOwner, user } = await requireOrganisationEditor(request, params.slug ?? "");
  const members = await listMembers({ db: db(), organisationId: organisation.id });
  return { organisation: { slug: organisation.slug, name: organisation.name }, members, isOwner, userId: user.id };
}

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { organisation, isOwner, user } = await requireOrganisationEditor(request, params.slug ?? "");
  // Editors see the members; only owners decide who belongs and with which role.
  if (!isOwner) throw forbidden();
  const formData = await readFormData(request);
  const here = `/organisations/${organisation.slug}/members`;
  const scope = { db: db(), organisationId: organisation.id };
  // A member's id is a hidden field: when it is missing or names no member, the member is not found.
  const member = parseSubmission(formData, memberSchema);
  const refused = (error: "notFound" | "lastOwner") =>
    data(member.reply({ formErrors: [{ key: error === "lastOwner" ? "members.lastOwner" : "members.notFound" }] }), {
      status: error === "lastOwner" ? 400 : 404,
    });
  const decide = async (approve: boolean) => {
    if (member.status !== "success") return refused("notFound");
    if (!(await decideJoinRequest({ ...scope, userId: member.value.userId, approve, actorUserId: user.id }))) return refused("notFound");
    return redirectWithToast(here, { key: approve ? "edit.memberApproved" : "edit.memberRejected" });
  };
  return dispatchIntent(formData, {
    approveMember: () => decide(true),
    rejectMember: () => decide(false),
    changeRole: async () => {
      const submission = parseSubmission(formData, memberRoleSchema);
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const result = await changeMemberRole({ ...scope, ...submission.value });
      return result.ok ? redirectWithToast(here, { key: "members.roleChanged" }) : refused(result.error.kind);
    },
    removeMember: async () => {
      if (member.status !== "success") return refused("notFound");
      const { userId } = member.value;
      const result = await removeMember({ ...scope, userId });
      if (!result.ok) return refused(result.error.kind);
      // An owner who left has no members page any more.
      return redirectWithToast(userId === user.id ? "/organisations/new" : here, { key: "members.removed" });
    },
  });
}

export default function Members() {
  const { organisation: org, members, isOwner, userId } = useLoaderData<typeof loader>();
  const errors = useReplyMessages(useActionData<typeof action>());
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  const pending = members.filter((m) => m.status === "pending");
  const active = members.filter((m) => m.status === "active");
  const removing = searchParams.get("remove");

  return (
    <Stack gap="xl">
      <Group justify="space-between">
        <Title order={1}>{t("members.heading", { name: org.name })}</Title>
        <Anchor component={Link} to={`/organisations/${org.slug}/edit`}>
          {t("members.backToEdit")}
        </Anchor>
      </Group>
      <FormErrorSummary errors={errors} />

      <SectionCard title={t("members.pendingCount", { count: pending.length })}>
        {pending.length === 0 ? (
          <Text>{t("edit.noPending")}</Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {pending.map((m) => (
              <Group component="li" key={m.userId} justify="space-between" gap="sm">
                <Text style={{ overflowWrap: "anywhere", flex: "1 1 12rem" }}>
                  {m.name} ({m.email})
                </Text>
                {isOwner && (
                  <Form method="post">
                    <input type="hidden" name="userId" value={m.userId} />
                    <Group gap="xs">
                      <Button type="submit" name="intent" value="approveMember" size="sm" styles={wrappingButtonStyles}>
                        {t("edit.approveMember", { name: m.name })}
                      </Button>
                      <Button type="submit" name="intent" value="rejectMember" size="sm" variant="outline" color="red.9" styles={wrappingButtonStyles}>
                        {t("edit.rejectMember", { name: m.name })}
                      </Button>
                    </Group>
                  </Form>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </SectionCard>

      <SectionCard title={t("edit.members")}>
        <Stack gap={0} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {active.map((m) => (
            <Box component="li" key={m.userId} py="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
              <Group justify="space-between" align="flex-end" gap="sm">
                <Stack gap={2} style={{ flex: "1 1 12rem", minWidth: 0 }}>
                  <Text fw={500}>
                    {m.name}{" "}
                    {m.userId === userId && (
                      <Text span size="sm">
                        ({t("members.you")})
                      </Text>
                    )}
                  </Text>
                  <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                    {m.email}
                  </Text>
                  {!isOwner && (
                    <Badge variant="outline" color="gray.8" tt="none">
                      {t(`edit.role.${m.role}`)}
                    </Badge>
                  )}
                </Stack>
                {isOwner && (
                  <Group gap="xs" align="flex-end">
                    <Form method="post">
                      <input type="hidden" name="userId" value={m.userId} />
                      <Group gap="xs" align="flex-end">
                        <NativeSelect
                          name="role"
                          required={roleConstraint.role?.required}
                          label={t("members.roleOf", { name: m.name })}
                          defaultValue={m.role}
                          size="sm"
                          data={[
                            { value: "owner", label: t("edit.role.owner") },
                            { value: "editor", label: t("edit.role.editor") },
                          ]}
                        />
                        <Button type="submit" name="intent" value="changeRole" size="sm" variant="outline">
                          {t("members.changeRole")}
                        </Button>
                      </Group>
                    </Form>
                    <Button
                      component={Link}
                      to={confirmHref({ remove: m.userId }, `confirm-remove-${m.userId}`)}
                      size="sm"
                      variant="subtle"
                      color="red.9"
                      c="red.9"
                      styles={wrappingButtonStyles}
                    >
                      {t("members.remove", { name: m.name })}
                    </Button>
                  </Group>
                )}
              </Group>
              {isOwner && removing === m.userId && (
                <ConfirmAction
                  question={t("members.removeConfirm", { name: m.name, organisation: org.name })}
                  intent="removeMember"
                  anchor={`confirm-remove-${m.userId}`}
                  fields={{ userId: m.userId }}
                  confirmLabel={t("members.removeConfirmButton")}
                  cancelTo="."
                  size="sm"
                />
              )}
            </Box>
          ))}
        </Stack>
        <Text size="sm" mt="sm" c="dimmed">
          {t("members.ownerRule")}
        </Text>
      </SectionCard>
    </Stack>
  );
}
