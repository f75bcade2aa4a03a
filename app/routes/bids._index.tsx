import { Anchor, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
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
import { DataTable, headings } from "../components/data-table";

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
        <DataTable
          minWidth={640}
          striped
          withTableBorder
          columns={headings(t, "bids.col.request", "bids.col.status", "bids.col.lead", "bids.col.participants", "bids.col.coverage", "bids.col.updated")}
          rows={bids.map((b) => ({
            key: b.id,
            cells: [
              <Anchor component={Link} to={`/bids/${b.id}`} key="request">
                {b.requestTitle}
              </Anchor>,
              <Badge variant="filled" color={bidStatusColour(b.status)} key="status">
                {t(`bids.status.${b.status}`)}
              </Badge>,
              b.leadName ?? t("bids.noLead"),
              number(b.participants),
              b.coverage === null ? "–" : `${number(b.coverage)} %`,
              date(b.updatedAt),
            ],
          }))}
        />
      )}
    </Stack>
  );
}
