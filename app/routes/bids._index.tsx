import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/bids._index";
import type { ServerArgs } from "../utils/route-args";
import { bidStatusColour } from "../components/bid-text";
import { listBidsForViewer } from "../models/joint-bid/page.server";
import { can } from "../domain/permissions";
import { requireViewer } from "../route-helpers/permissions.server";
import { db } from "../utils/db.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { bidsMessages } from "../locales/bids";
import { messagesHandle } from "../utils/i18n";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(bidsMessages);

export const meta = titleMeta("bids.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireViewer(request);
  const bids = await listBidsForViewer({ db: db(), viewer: user });
  const canStart = can(user, "bid.start");
  return { bids, canStart };
}

export default function Bids() {
  const { bids, canStart } = useLoaderData<typeof loader>();
  const { t, date, number } = useI18n();
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1}>{t("bids.title")}</Title>
        {canStart && (
          <Button component={Link} to="/bids/new">
            {t("bids.start")}
          </Button>
        )}
      </Group>
      <Text>{t("bids.intro")}</Text>
      {bids.length === 0 ? (
        <Text>{t("bids.empty")}</Text>
      ) : (
        <TableScroller minWidth={640}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("bids.col.request")}</Table.Th>
                <Table.Th scope="col">{t("bids.col.status")}</Table.Th>
                <Table.Th scope="col">{t("bids.col.lead")}</Table.Th>
                <Table.Th scope="col">{t("bids.col.participants")}</Table.Th>
                <Table.Th scope="col">{t("bids.col.coverage")}</Table.Th>
                <Table.Th scope="col">{t("bids.col.updated")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bids.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/bids/${b.id}`}>
                      {b.requestTitle}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="filled" color={bidStatusColour(b.status)}>
                      {t(`bids.status.${b.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{b.leadName ?? t("bids.noLead")}</Table.Td>
                  <Table.Td>{number(b.participants)}</Table.Td>
                  <Table.Td>{b.coverage === null ? "–" : `${number(b.coverage)} %`}</Table.Td>
                  <Table.Td>{date(b.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroller>
      )}
    </Stack>
  );
}
