import { BarChart } from "@mantine/charts";
import "@mantine/charts/styles.css";
import { Anchor, Box, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings.statistics";
import type { ServerArgs } from "../utils/route-args";
import { SectionCard } from "../components/section-card";
import { participationStatistics } from "../models/meeting-followup.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { db } from "../utils/db.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { meetingsMessages } from "../locales/meetings";
import { messagesHandle } from "../utils/i18n";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(meetingsMessages);

export const meta = titleMeta("meetings.statistics.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  await requireUserWithPermission(request, "meeting.manage");
  return { rows: await participationStatistics({ db: db() }) };
}

export default function MeetingStatistics() {
  const { rows } = useLoaderData<typeof loader>();
  const { t, number } = useI18n();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/meetings">
        {t("meetings.back")}
      </Anchor>
      <Title order={1}>{t("meetings.statistics.title")}</Title>
      <Text>{t("meetings.statistics.intro")}</Text>
      {rows.length === 0 ? (
        <Text>{t("meetings.statistics.empty")}</Text>
      ) : (
        <>
          <SectionCard title={t("meetings.statistics.chart")}>
            {/* The table below holds the same figures for screen readers and without JavaScript. */}
            <Box aria-hidden="true">
              <BarChart
                h={Math.max(200, rows.length * 44)}
                data={rows.map((r) => ({ name: r.name, attended: r.meetingsAttended, completed: r.actionsCompleted }))}
                dataKey="name"
                orientation="vertical"
                yAxisProps={{ width: 160 }}
                // Meetings and actions are whole numbers, written as the page writes numbers.
                xAxisProps={{ allowDecimals: false }}
                valueFormatter={(value) => number(value)}
                withLegend
                series={[
                  { name: "attended", label: t("meetings.statistics.attended"), color: "blue.7" },
                  { name: "completed", label: t("meetings.statistics.completed"), color: "teal.8" },
                ]}
              />
            </Box>
          </SectionCard>
          <SectionCard title={t("meetings.statistics.title")}>
            <TableScroller minWidth={360}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("meetings.statistics.organisation")}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t("meetings.statistics.attended")}
                    </Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t("meetings.statistics.completed")}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.organisationId}>
                      <Table.Th scope="row" fw={400}>
                        {r.name}
                      </Table.Th>
                      <Table.Td ta="right">{number(r.meetingsAttended)}</Table.Td>
                      <Table.Td ta="right">{number(r.actionsCompleted)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroller>
          </SectionCard>
        </>
      )}
    </Stack>
  );
}
