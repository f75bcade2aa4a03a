import { Stack, Table, Text, Title } from "@mantine/core";
import { useLoaderData } from "react-router";
import type { Route } from "./+types/coordinator_.audit";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { PaginationLinks } from "../components/pagination-links";
import { listAuditLog } from "../models/audit-log.server";
import { requireRole } from "../utils/auth.server";
import { parsePage } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(securityMessages);

export const meta = titleMeta("security.auditTitle");

const pageSize = 50;

/** The append-only audit log, for coordinators to read. */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireRole(request, "coordinator");
  const page = parsePage(new URL(request.url).searchParams.get("page"));
  const { total, entries } = await listAuditLog({ db: db(), page, pageSize });
  return { total, page, entries };
}

export default function AuditLog() {
  const { total, page, entries } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <Stack gap="md">
      <Title order={1}>{t("security.auditTitle")}</Title>
      <Text>{t("security.auditIntro")}</Text>
      {entries.length === 0 ? (
        <Text>{t("security.auditEmpty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("security.auditWhen")}</Table.Th>
                <Table.Th scope="col">{t("security.auditWho")}</Table.Th>
                <Table.Th scope="col">{t("security.auditOrganisation")}</Table.Th>
                <Table.Th scope="col">{t("security.auditWhat")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>{date(entry.at)}</Table.Td>
                  <Table.Td>{entry.actor_name ?? (entry.actor_user_id ? t("security.formerMember") : "–")}</Table.Td>
                  <Table.Td>{entry.organisation_name ?? "–"}</Table.Td>
                  <Table.Td>
                    {entry.entity} {entry.entity_id}: {entry.action}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PaginationLinks page={page} pageSize={pageSize} total={total} />
    </Stack>
  );
}
