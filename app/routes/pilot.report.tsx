import { Alert, Anchor, Button, Group, List, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/pilot.report";
import type { ServerArgs } from "../utils/route-args";
import { PeriodForm } from "../components/pilot-sections";
import { PilotReportView } from "../components/pilot-report-view";
import { buildPilotReport, listReportVersions, publishPilotReport } from "../models/pilot-report.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { badRequest, dispatchIntent } from "../utils/http.server";
import { titleMeta } from "../utils/meta";
import { requirePilotUser } from "../route-helpers/pilot-auth.server";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { defaultReportPeriod, periodSchema, reportPeriodFromUrl } from "../forms/pilot-forms";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { pilotMessages } from "../locales/pilot";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(formsMessages, pilotMessages);

export const meta = titleMeta("pilot.report.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const { access } = await requirePilotUser(request);
  // A malformed period is shown under its field, and the whole pilot is reported meanwhile.
  const submission = reportPeriodFromUrl(new URL(request.url));
  const period = submission.status === "success" ? submission.value : defaultReportPeriod;
  const [built, versions] = await Promise.all([buildPilotReport({ db: db(), ...period }), listReportVersions({ db: db() })]);
  return {
    canPublish: access === "coordinator",
    report: built.report,
    exposedByHistory: built.exposedByHistory.length,
    unauditedVersions: versions.filter((v) => built.unauditedVersions.includes(v.id)).map((v) => v.version),
    versions,
    period: submission.reply(),
  };
}

export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUserWithPermission(request, "pilot.manage");
  const formData = await readFormData(request);
  return dispatchIntent(formData, {
    publish: async () => {
      const submission = parseSubmission(formData, periodSchema);
      if (submission.status !== "success") throw badRequest();
      const { id, version } = await publishPilotReport({ db: db(), userId: user.id, ...submission.value });
      return redirectWithToast(`/pilot/reports/${id}`, { key: "pilot.report.published", vars: { version } });
    },
  });
}

export default function PilotReportPage() {
  const { canPublish, report, exposedByHistory, unauditedVersions, versions, period } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  const query = new URLSearchParams(report.period).toString();
  return (
    <Stack gap="xl">
      <Stack gap="xs" className="no-print">
        <Anchor component={Link} to="/pilot">
          {t("pilot.back")}
        </Anchor>
      </Stack>
      <Title order={1} fz={{ base: 26, sm: 34 }} className="no-print" style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
        {t("pilot.report.title")}
      </Title>
      <Stack gap="md" className="no-print">
        <PeriodForm lastResult={period} />
        <Group gap="md">
          <Anchor href={`/pilot/report.json?${query}`}>{t("pilot.report.json")}</Anchor>
          <Anchor href={`/pilot/report.csv?${query}`}>{t("pilot.report.csv")}</Anchor>
        </Group>
        <Text size="sm">{t("pilot.report.printHint")}</Text>
        {(exposedByHistory > 0 || unauditedVersions.length > 0) && (
          <Alert color="yellow" variant="light">
            {exposedByHistory > 0 && <Text c="dark.9">{t("pilot.report.exposedByHistory", { count: exposedByHistory })}</Text>}
            {unauditedVersions.length > 0 && <Text c="dark.9">{t("pilot.report.unauditedVersions", { versions: unauditedVersions.join(", ") })}</Text>}
          </Alert>
        )}
        {canPublish && (
          <Form method="post">
            <input type="hidden" name="from" value={report.period.from} />
            <input type="hidden" name="to" value={report.period.to} />
            <Button type="submit" name="intent" value="publish" variant="outline">
              {t("pilot.report.publish")}
            </Button>
            <Text size="sm" mt={4}>
              {t("pilot.report.publishHint")}
            </Text>
          </Form>
        )}
        {versions.length > 0 && (
          <Stack gap={4}>
            <Title order={2} size="h4">
              {t("pilot.report.versions")}
            </Title>
            <List size="sm">
              {versions.map((v) => (
                <List.Item key={v.id}>
                  <Anchor component={Link} to={`/pilot/reports/${v.id}`}>
                    {t("pilot.report.versionLine", {
                      from: date(v.periodFrom),
                      to: date(v.periodTo),
                      version: v.version,
                      date: date(v.published.at),
                      name: v.published.byName ?? "–",
                    })}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
      <PilotReportView report={report} publication={null} />
    </Stack>
  );
}
