import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../utils/db.server";
import { recordAudit } from "../models/audit-log.server";
import { PaginationLinks } from "../components/pagination-links";
import { isRoleName, roleNames } from "../domain/roles";
import { getUserById, grantRole, listUsers, revokeRole } from "../models/user.server";
import { requireRole } from "../utils/auth.server";
import { translateMessage } from "../utils/forms";
import { badRequest, dispatchIntent, orNotFound } from "../utils/http.server";
import { parsePage } from "../utils/ids";
import { redirectWithToast } from "../utils/toast.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { readFormData } from "../utils/form-data.server";

export const meta = titleMeta("admin.title");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("page"));
  const search = (url.searchParams.get("q") ?? "").slice(0, 100);
  const { users, total } = await listUsers({ db: db(), search, page, pageSize: PAGE_SIZE });
  return { users, total, page, search };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const form = await readFormData(request);
  const role = form.get("role");
  if (!isRoleName(role)) throw badRequest();
  const user = orNotFound(await getUserById({ db: db(), userId: String(form.get("userId") ?? "") }));
  const back = `/admin${new URL(request.url).search}`;
  return dispatchIntent(form, {
    grant: async () => {
      await grantRole({ db: db(), userId: user.id, role, grantedBy: admin.id });
      await recordAudit(db(), { actorUserId: admin.id, entity: "role", entityId: user.id, action: "granted", details: { role } });
      return redirectWithToast(back, { key: "admin.granted" });
    },
    revoke: async () => {
      const result = await revokeRole({ db: db(), userId: user.id, role, revokedBy: admin.id });
      if (!result.ok) return data({ error: "admin.cannotRevokeOwnAdmin" }, { status: 400 });
      await recordAudit(db(), { actorUserId: admin.id, entity: "role", entityId: user.id, action: "revoked", details: { role } });
      return redirectWithToast(back, { key: "admin.revoked" });
    },
  });
}

export default function Admin() {
  const { users, total, page, search } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("admin.title")}</Title>
      {actionData?.error && (
        <Alert color="red" role="alert">
          {translateMessage(t, actionData.error)}
        </Alert>
      )}
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
        <Table.ScrollContainer minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("admin.user")}</Table.Th>
                <Table.Th scope="col">{t("admin.roles")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text fw={500}>{u.name}</Text>
                    <Text size="sm">{u.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {roleNames.map((role) => {
                        const has = u.roles.includes(role);
                        return (
                          <Form method="post" key={role}>
                            <input type="hidden" name="userId" value={u.id} />
                            <input type="hidden" name="role" value={role} />
                            <Button
                              type="submit"
                              name="intent"
                              value={has ? "revoke" : "grant"}
                              size="xs"
                              variant={has ? "filled" : "outline"}
                              aria-pressed={has}
                              aria-label={has ? t("admin.revoke", { role: t(`role.${role}`), name: u.name }) : t("admin.grant", { role: t(`role.${role}`), name: u.name })}
                            >
                              {t(`role.${role}`)}
                            </Button>
                          </Form>
                        );
                      })}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PaginationLinks page={page} pageSize={PAGE_SIZE} total={total} />
    </Stack>
  );
}
