import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link, useLoaderData, useRouteLoaderData } from "react-router";
import type { RootData } from "../utils/root-data";
import { db } from "../utils/db.server";
import { networkStatistics } from "../models/organisation.server";
import { countPendingJoinRequestsForOwner } from "../models/membership.server";
import { getCurrentUser } from "../utils/auth.server";
import type { Route } from "./+types/_index";
import type { ServerArgs } from "../utils/route-args";
import { useI18n } from "../utils/use-i18n";

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await getCurrentUser(request);
  // An owner sees the join requests waiting for each of their organisations where they land.
  const [stats, waiting] = await Promise.all([networkStatistics({ db: db() }), user ? countPendingJoinRequestsForOwner({ db: db(), userId: user.id }) : null]);
  return { stats, waiting: waiting?.byOrganisation ?? [] };
}

export default function Home() {
  const { stats, waiting } = useLoaderData<typeof loader>();
  const { t, number, counted } = useI18n();
  const root = useRouteLoaderData<RootData>("root");
  const signedIn = Boolean(root?.user);
  const stat = (value: number, label: string) => (
    <Card withBorder padding="lg">
      <Text fz={36} fw={700} c="blue.9">
        {number(value)}
      </Text>
      <Text>{label}</Text>
    </Card>
  );
  return (
    <Stack gap="xl">
      {waiting.length > 0 && (
        <Alert color="blue" variant="light" role="status">
          <Stack gap={4}>
            {waiting.map((w) => (
              <Anchor component={Link} to={`/organisations/${w.slug}/members`} key={w.slug} c="blue.9" fw={500}>
                {counted("home.waiting", w.count, { name: w.name })}
              </Anchor>
            ))}
          </Stack>
        </Alert>
      )}
      <Stack gap="sm">
        <Title order={1}>{t("home.title")}</Title>
        <Text size="lg" maw={720}>
          {t("home.intro")}
        </Text>
        <Group>
          <Button component={Link} to="/organisations" size="md">
            {t("home.browse")}
          </Button>
          {!signedIn && (
            <Button component={Link} to="/signup" variant="outline" size="md">
              {t("home.join")}
            </Button>
          )}
        </Group>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {stat(stats.organisations, t("home.stats.organisations"))}
        {stat(stats.offerings, t("home.stats.offerings"))}
        {stat(stats.reserved, t("home.stats.reserved"))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t("home.forBuyers.title")}
          </Title>
          <Text>{t("home.forBuyers.text")}</Text>
          <Anchor component={Link} to="/organisations?reserved=1">
            {t("directory.filter.reserved")}
          </Anchor>
        </Stack>
        <Stack gap="xs">
          <Title order={2} size="h3">
            {t("home.forMembers.title")}
          </Title>
          <Text>{t("home.forMembers.text")}</Text>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
