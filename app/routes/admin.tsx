import { Anchor, Box, Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, data, useActionData, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/admin";
import type { ServerArgs } from "../utils/route-args";
import { ConfirmAction, confirmHref } from "../components/confirm-action";
import { db } from "../utils/db.server";
import { PaginationLinks } from "../components/pagination-links";
import { roleNames } from "../domain/roles";
import { getUserById, grantRole, listUsers, revokeRole } from "../models/user.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { parseSubmission } from "../utils/forms";
import { roleChangeSchema } from "../forms/administration-forms";
import { FormErrorSummary, useReplyMessages } from "../components/form-fields";
import { badRequest, dispatchIntent, notFound, orNotFound } from "../utils/http.server";
import { parsePage } from "../utils/ids";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { wrappingButtonStyles } from "../components/wrapping-button";
import { readFormData } from "../utils/form-data.server";
import { formsMessages } from "../locales/forms";
import { coordinationMessages } from "../locales/coordination";
import { pilotMessages } from "../locales/pilot";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, coordinationMessages, pilotMessages);

export const meta = titleMeta("admin.title");

const PAGE_SIZE = 50;

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "administer");
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("page"));
  const search = (url.searchParams.get("q") ?? "").slice(0, 100);
  const { users, total } = await listUsers({ db: db(), search, page, pageSize: PAGE_SIZE });
  return { users, total, page, search };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const admin = await requireUserWithPermission(request, "administer");
  const form = await readFormData(request);
  const submission = parseSubmission(form, roleChangeSchema);
  if (submission.status !== "success") throw submission.error?.role ? badRequest() : notFound();
  const { role } = submission.value;
  const user = orNotFound(await getUserById({ db: db(), userId: submission.value.userId }));
  // Back to the same list and search, without the confirmation that led here.
  const backUrl = new URL(request.url);
  backUrl.searchParams.delete("confirmRole");
  backUrl.searchParams.delete("user");
  const back = `/admin${backUrl.search}`;
  return dispatchIntent(form, {
    grant: async () => {
      await grantRole({ db: db(), userId: user.id, role, grantedBy: admin.id });
      return redirectWithToast(back, { key: "admin.granted" });
    },
    revoke: async () => {
      const result = await revokeRole({ db: db(), userId: user.id, role, revokedBy: admin.id });
      if (!result.ok) return data(submission.reply({ formErrors: [{ key: "admin.cannotRevokeOwnAdmin" }] }), { status: 400 });
      return redirectWithToast(back, { key: "admin.revoked" });
    },
  });
}

export default function Admin() {
  const { users, total, page, search } = useLoaderData<typeof loader>();
  const errors = useReplyMessages(useActionData<typeof action>());
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  // Granting or revoking admin asks first (?confirmRole=admin&user=ID); the other roles are one click.
  const confirm = searchParams.get("confirmRole") === "admin" ? { role: "admin", userId: searchParams.get("user") } : null;
  return (
    <Stack gap="lg">
      <Title order={1}>{t("admin.title")}</Title>
      <Anchor component={Link} to="/pilot/participants" w="fit-content">
        {t("pilot.participantsLink")}
      </Anchor>
      <FormErrorSummary errors={errors} />
      <Form method="get" role="search">
        <Group align="flex-end">
          <TextInput name="q" type="search" label={t("admin.search")} defaultValue={search} />
          <Button type="submit" variant="outline">
            {t("directory.search")}
          </Button>
        </Group>
      </Form>
      {users.length === 0 ? (
        <Text>{t("admin.noUsers")}</Text>
      ) : (
        <Stack gap={0} component="ul" aria-label={t("admin.user")} style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {users.map((u) => (
            <Box component="li" key={u.id} py="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
              <Text fw={500}>{u.name}</Text>
              <Text size="sm" mb="xs" style={{ overflowWrap: "anywhere" }}>
                {u.email}
              </Text>
              <Stack gap={6} component="ul" aria-label={t("admin.rolesOf", { name: u.name })} style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {roleNames.map((role) => {
                  const has = u.roles.includes(role);
                  const roleLabel = t(`role.${role}`);
                  const anchor = `confirm-${role}-${u.id}`;
                  const confirming = confirm?.userId === u.id && confirm.role === role;
                  const label = has ? t("admin.revoke", { role: roleLabel, name: u.name }) : t("admin.grant", { role: roleLabel, name: u.name });
                  const button = { size: "xs", variant: "outline", color: has ? "red.9" : undefined, styles: wrappingButtonStyles, children: label } as const;
                  return (
                    <li key={role}>
                      <Group gap="sm" wrap="wrap">
                        <Text size="sm" style={{ flex: "1 1 12rem" }}>
                          {t(has ? "admin.hasRole" : "admin.lacksRole", { role: roleLabel })}
                        </Text>
                        {role === "admin" ? (
                          !confirming && (
                            <Button
                              component={Link}
                              to={confirmHref({ ...(search ? { q: search } : {}), confirmRole: role, user: u.id }, anchor)}
                              {...button}
                            />
                          )
                        ) : (
                          <Form method="post">
                            <input type="hidden" name="userId" value={u.id} />
                            <input type="hidden" name="role" value={role} />
                            <Button type="submit" name="intent" value={has ? "revoke" : "grant"} {...button} />
                          </Form>
                        )}
                      </Group>
                      {confirming && (
                        <ConfirmAction
                          question={t(has ? "admin.revokeAdminConfirm" : "admin.grantAdminConfirm", { name: u.name })}
                          intent={has ? "revoke" : "grant"}
                          anchor={anchor}
                          fields={{ userId: u.id, role }}
                          confirmLabel={label}
                          cancelTo={search ? `?${new URLSearchParams({ q: search })}` : "/admin"}
                          size="xs"
                        />
                      )}
                    </li>
                  );
                })}
              </Stack>
            </Box>
          ))}
        </Stack>
      )}
      <PaginationLinks page={page} pageSize={PAGE_SIZE} total={total} />
    </Stack>
  );
}
