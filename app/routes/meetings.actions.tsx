import { Anchor, Badge, Stack, Table, Text, Title } from "@mantine/core";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings.actions";
import type { ServerArgs } from "../utils/route-args";
import { SectionCard } from "../components/section-card";
import { listActionItems } from "../models/meeting-minutes.server";
import { getViewer } from "../route-helpers/permissions.server";
import { can } from "../domain/permissions";
import { db } from "../utils/db.server";
import { formatDate, messagesHandle } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { meetingsMessages } from "../locales/meetings";
import { TableScroller } from "../components/data-table";

export const handle = messagesHandle(meetingsMessages);

export const meta = titleMeta("meetings.actionsOverview.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await getViewer(request);
  // Actions of unpublished minutes are the coordinators' working notes.
  const includeUnpublished = can(user, "meeting.seeUnpublished");
  return {
    open: await listActionItems({ db: db(), status: "open", includeUnpublished }),
    done: await listActionItems({ db: db(), status: "done", includeUnpublished }),
  };
}

type Row = Awaited<ReturnType<typeof loader>>["open"][number];

function ActionTable({ rows }: { rows: Row[] }) {
  const { t, locale } = useI18n();
  if (rows.length === 0) return <Text>{t("meetings.actionsEmpty")}</Text>;
  return (
    <TableScroller minWidth={560}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("meetings.action.text")}</Table.Th>
            <Table.Th scope="col">{t("meetings.action.organisation")}</Table.Th>
            <Table.Th scope="col">{t("meetings.action.due")}</Table.Th>
            <Table.Th scope="col">{t("meetings.action.meeting")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{a.text}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/organisations/${a.organisationSlug}`}>
                  {a.organisationName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {formatDate(locale, a.dueDate)}
                {a.overdue && (
                  <Badge ml="xs" color="red.9" variant="filled" tt="none">
                    {t("meetings.action.overdue")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/meetings/${a.meetingId}`}>
                  {a.meetingTitle}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroller>
  );
}

export default function MeetingActions() {
  const { open, done } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/meetings">
        {t("meetings.back")}
      </Anchor>
      <Title order={1}>{t("meetings.actionsOverview.title")}</Title>
      <Text>{t("meetings.actionsOverview.intro")}</Text>
      <SectionCard title={t("meetings.action.open")}>
        <ActionTable rows={open} />
      </SectionCard>
      <SectionCard title={t("meetings.actionsOverview.done")}>
        <ActionTable rows={done} />
      </SectionCard>
    </Stack>
  );
}
