import { Stack, Text, Title } from "@mantine/core";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { securityMessages } from "../locales/security";
import { messagesHandle } from "../utils/i18n";

export const handle = messagesHandle(securityMessages);

export const meta = titleMeta("security.privacyTitle");

export default function Privacy() {
  const { t } = useI18n();
  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t("security.privacyTitle")}</Title>
      <Text>{t("security.privacyWho")}</Text>
      <Text>{t("security.privacyWhat")}</Text>
      <Text>{t("security.privacyWhy")}</Text>
      <Text>{t("security.privacyRights")}</Text>
      <Text>{t("security.privacyCookies")}</Text>
    </Stack>
  );
}
