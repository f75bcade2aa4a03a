import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/pilot.participants";
import type { ServerArgs } from "../utils/route-args";
import { wrappingButtonStyles } from "../components/wrapping-button";
import { listPilotParticipationCandidates, setPilotParticipation } from "../models/pilot.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { participationSchema } from "../forms/pilot-forms";
import { parseSubmission } from "../utils/forms";
import { badRequest, dispatchIntent, notFound } from "../utils/http.server";
import { messagesHandle, type MessageKey } from "../utils/i18n";
import { titleMeta } from "../utils/meta";
import { requireUserWithPermission } from "../route-helpers/permissions.server";
import { redirectWithToast } from "../utils/toast.server";
import { useI18n } from "../utils/use-i18n";
import { formsMessages } from "../locales/forms";
import { pilotMessages } from "../locales/pilot";

export const handle = messagesHandle(formsMessages, pilotMessages);

export const meta = titleMeta("pilot.participants.title");

export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUserWithPermission(request, "pilot.setParticipation");
  return { organisations: await listPilotParticipationCandidates({ db: db() }), isCoordinator: user.roles.includes("coordinator") };
}

/** Sets whether an organisation takes part in the pilot; the model writes it to the audit log. */
export async function action({ request }: ServerArgs<Route.ActionArgs>) {
  const user = await requireUserWithPermission(request, "pilot.setParticipation");
  const formData = await readFormData(request);
  return dispatchIntent(formData, {
    setParticipation: async () => {
      // The buttons send both fields; no one can correct them on the page, so a wrong one is refused outright.
      const submission = parseSubmission(formData, participationSchema);
      if (submission.status !== "success") throw submission.error?.organisationId ? notFound() : badRequest();
      const { organisationId, participates } = submission.value;
      const result = await setPilotParticipation({ db: db(), actorUserId: user.id, organisationId, participates });
      if (!result) throw notFound();
      const key = participates ? "pilot.participants.granted" : "pilot.participants.revoked";
      return redirectWithToast("/pilot/participants", { key, vars: { name: result.name } });
    },
  });
}

export default function PilotParticipants() {
  const { organisations, isCoordinator } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  return (
    <Stack gap="xl">
      <Anchor component={Link} to={isCoordinator ? "/pilot" : "/admin"} w="fit-content">
        {isCoordinator ? t("pilot.back") : t("pilot.participants.backToAdmin")}
      </Anchor>
      <Title order={1} fz={{ base: 26, sm: 34 }} style={{ overflowWrap: "anywhere", hyphens: "auto" }}>
        {t("pilot.participants.title")}
      </Title>
      <Text>{t("pilot.participants.intro")}</Text>
      {organisations.length === 0 ? (
        <Text>{t("pilot.participants.none")}</Text>
      ) : (
        <Stack component="ul" gap="sm" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {organisations.map((o) => (
            <Card component="li" withBorder padding="md" key={o.id}>
              <Group justify="space-between" gap="sm" wrap="wrap">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/organisations/${o.slug}`} fw={600} style={{ overflowWrap: "anywhere" }}>
                    {o.name}
                  </Anchor>
                  <Text size="sm">
                    {t(`kind.${o.kind}` as MessageKey)}
                    {o.status !== "active" ? ` ${t("pilot.participants.inactive")}` : ""}
                  </Text>
                </Stack>
                <Group gap="sm" wrap="wrap">
                  <Badge variant={o.pilotParticipant ? "filled" : "outline"} color={o.pilotParticipant ? "teal.9" : "gray.8"} tt="none">
                    {o.pilotParticipant ? t("pilot.participants.participates") : t("pilot.participants.notParticipating")}
                  </Badge>
                  <Form method="post">
                    <input type="hidden" name="organisationId" value={o.id} />
                    <input type="hidden" name="participates" value={o.pilotParticipant ? "false" : "true"} />
                    <Button
                      type="submit"
                      name="intent"
                      value="setParticipation"
                      size="sm"
                      variant={o.pilotParticipant ? "outline" : "filled"}
                      styles={wrappingButtonStyles}
                    >
                      {o.pilotParticipant ? t("pilot.participants.revoke") : t("pilot.participants.grant")}
                      <span className="visually-hidden">: {o.name}</span>
                    </Button>
                  </Form>
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
