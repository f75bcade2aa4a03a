import { Stack, Text, Title } from "@mantine/core";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(securityMessages);

export const meta = titleMeta("security.accessibilityTitle");

export default function AccessibilityStatement() {
  const { t } = useI18n();
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t("security.accessibilityTitle")}</Title>
      <Text>{t("security.accessibilityIntro")}</Text>
      <Text>{t("security.accessibilityStatus")}</Text>
      <Text>{t("security.accessibilityKnown")}</Text>
      <Text>{t("security.accessibilityContact")}</Text>
    </Stack>
  );
}
