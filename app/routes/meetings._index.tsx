import { Anchor, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/meetings._index";
import type { ServerArgs } from "../utils/route-args";
import { MeetingCard } from "../components/meeting-card";
import { SectionCard } from "../components/section-card";
import { listMeetings } from "../models/meeting.server";
import { getViewer } from "../route-helpers/permissions.server";
import { can } from "../domain/permissions";
import { db } from "../utils/db.server";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { meetingsMessages } from "../locales/meetings";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(meetingsMessages);

export const meta = titleMeta("meetings.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await getViewer(request);
  const { upcoming, past } = await listMeetings({ db: db() });
  return { upcoming, past, isCoordinator: can(user, "meeting.manage") };
}

export default function Meetings() {
  const { upcoming, past, isCoordinator } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <Stack gap="lg">
      <Title order={1}>{t("meetings.title")}</Title>
      <Text>{t("meetings.intro")}</Text>
      <Group gap="md" wrap="wrap">
        <Anchor href="/meetings.ics">{t("meetings.calendarFeed")}</Anchor>
        <Anchor component={Link} to="/meetings/actions">
          {t("meetings.actionsLink")}
        </Anchor>
        {isCoordinator && (
          <>
            <Anchor component={Link} to="/meetings/new" fw={600}>
              {t("meetings.new")}
            </Anchor>
            <Anchor component={Link} to="/meetings/statistics">
              {t("meetings.statisticsLink")}
            </Anchor>
            <Anchor component={Link} to="/meetings/conveners">
              {t("meetings.convenersLink")}
            </Anchor>
          </>
        )}
      </Group>
      <SectionCard title={t("meetings.upcoming")}>
        {upcoming.length === 0 ? (
          <Text>{t("meetings.none")}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {upcoming.map((m) => (
              <MeetingCard key={m.id} meeting={m} />
            ))}
          </SimpleGrid>
        )}
      </SectionCard>
      <SectionCard title={t("meetings.past")}>
        {past.length === 0 ? (
          <Text>{t("meetings.none")}</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {past.map((m) => (
              <MeetingCard key={m.id} meeting={m} />
            ))}
          </SimpleGrid>
        )}
      </SectionCard>
    </Stack>
  );
}
