import { Alert, Anchor, Stack, Text, Title } from "@mantine/core";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/pilot.reports.$versionId";
import type { ServerArgs } from "../utils/route-args";
import { PilotReportView } from "../components/pilot-report-view";
import { getReportVersion } from "../models/pilot-report.server";
import { db } from "../utils/db.server";
import { orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { pilotMessages } from "../locales/pilot";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(pilotMessages);

export const meta = titleMeta("pilot.report.title");

/** A published version of the report: public, and exactly as it was when it was published. */
export async function loader({ params }: ServerArgs<Route.LoaderArgs>) {
  const versionId = orNotFound(parseId(params.versionId));
  return orNotFound(await getReportVersion({ db: db(), versionId }));
}

export default function PublishedReport() {
  const version = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <Stack gap="xl">
      <Title order={1} fz={{ base: 26, sm: 34 }} className="no-print" style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
        {t("pilot.report.title")}
      </Title>
      <Alert color="gray" variant="light" className="no-print">
        <Text c="dark.9">{t("pilot.report.frozen", { version: version.version, date: date(version.publishedAt), name: version.publishedByName ?? "–" })}</Text>
      </Alert>
      <Anchor component={Link} to="/pilot/report" className="no-print" size="sm">
        {t("pilot.report.current")}
      </Anchor>
      <PilotReportView report={version.report} publication={{ version: version.version, publishedAt: version.publishedAt }} />
    </Stack>
  );
}
