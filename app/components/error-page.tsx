import { Anchor, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { MessageKey } from "../utils/i18n";
import { useI18n } from "../utils/use-i18n";

const messageByStatus: Record<number, MessageKey> = {
  400: "error.badRequest",
  401: "error.unauthorized",
  403: "error.forbidden",
  404: "error.notFound",
  405: "error.badRequest",
  413: "error.badRequest",
  429: "error.tooManyRequests",
  503: "error.unavailable",
};

/** The one page that explains what went wrong: expected statuses in words, anything else with a reference. */
export function ErrorPage({ status, reason, reference }: { status: number; reason?: string; reference: string | null }) {
  const { t } = useI18n();
  const key = reason === "databaseFull" ? "error.databaseFull" : messageByStatus[status];
  return (
    <Stack gap="md" py="xl">
      <Title order={1}>{t("error.title")}</Title>
      <Text size="lg">{key ? t(key) : t("error.unexpected", { ref: reference ?? "–" })}</Text>
      <Anchor component={Link} to="/">
        {t("error.home")}
      </Anchor>
    </Stack>
  );
}
