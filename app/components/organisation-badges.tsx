import { Badge, Group } from "@mantine/core";
import { useI18n } from "../utils/use-i18n";

// Badges wrap instead of cutting their text off on narrow screens.
const wrapping = { root: { height: "auto", paddingBlock: 2 }, label: { whiteSpace: "normal", overflow: "visible" } } as const;

export function OrganisationBadges({
  verifiedAt,
  reservedEligible,
  reservedAsOf,
  kind,
}: {
  verifiedAt: string | null | boolean;
  reservedEligible: boolean;
  /** The date of the workforce figure eligibility rests on; the badge states it when given. */
  reservedAsOf?: string | null;
  kind?: string;
}) {
  const { t, date } = useI18n();
  return (
    <Group gap="xs">
      {kind && (
        <Badge variant="outline" color="gray.8" radius="sm" tt="none" styles={wrapping}>
          {t(`kind.${kind}` as never)}
        </Badge>
      )}
      {verifiedAt && (
        <Badge color="teal.9" radius="sm" tt="none" styles={wrapping}>
          {typeof verifiedAt === "string" ? t("profile.verified", { date: date(verifiedAt) }) : t("badge.verified")}
        </Badge>
      )}
      {reservedEligible && (
        <Badge color="violet.9" radius="sm" tt="none" styles={wrapping}>
          {reservedAsOf ? t("badge.reservedAsOf", { date: date(reservedAsOf) }) : t("profile.reserved")}
        </Badge>
      )}
    </Group>
  );
}
