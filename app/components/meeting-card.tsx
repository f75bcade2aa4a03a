import { Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { MeetingSummary } from "../domain/meeting";
import { utcToStockholmLocal } from "../domain/lund-time";
import { placesLeft } from "../domain/waitlist";
import { formatDateTime, formatTime } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";

/** When (Lund time), where, who convenes and how many places are left, as a definition list. */
export function MeetingFacts({ meeting }: { meeting: MeetingSummary }) {
  const { t, locale } = useI18n();
  const left = placesLeft({ capacity: meeting.capacity, confirmed: meeting.confirmed });
  const sameDay = utcToStockholmLocal(meeting.startsAt).slice(0, 10) === utcToStockholmLocal(meeting.endsAt).slice(0, 10);
  const end = sameDay ? formatTime(locale, meeting.endsAt) : formatDateTime(locale, meeting.endsAt);
  const row = (label: string, value: React.ReactNode) => (
    <Group gap="xs" wrap="wrap" align="baseline">
      <Text component="dt" fw={600} size="sm">
        {label}:
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: "anywhere" }}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack component="dl" gap={4} m={0}>
      {row(t("meetings.when"), t("meetings.timeRange", { start: formatDateTime(locale, meeting.startsAt), end }))}
      {meeting.place && row(t("meetings.where"), meeting.place)}
      {meeting.onlineUrl &&
        row(
          t("meetings.online"),
          <Anchor href={meeting.onlineUrl} rel="noopener nofollow">
            {t("meetings.onlineLink")}
          </Anchor>,
        )}
      {meeting.conveners.length > 0 && row(t("meetings.conveners"), meeting.conveners.map((c) => c.name).join(", "))}
      {meeting.status === "scheduled" &&
        row(
          t("meetings.placesLeft"),
          left === null ? t("meetings.unlimited") : left === 0 ? t("meetings.full") : t("meetings.placesLeftValue", { n: left, total: meeting.capacity ?? 0 }),
        )}
    </Stack>
  );
}

export function MeetingCard({ meeting }: { meeting: MeetingSummary }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" component="article">
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="xs">
        <Title order={3} size="h4">
          <Anchor component={Link} to={`/meetings/${meeting.id}`}>
            {meeting.title}
          </Anchor>
        </Title>
        {meeting.status === "cancelled" && (
          <Badge color="red.9" variant="filled">
            {t("meetings.cancelledBadge")}
          </Badge>
        )}
      </Group>
      <MeetingFacts meeting={meeting} />
    </Card>
  );
}
