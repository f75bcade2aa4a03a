import { useI18n } from "../utils/use-i18n";

/**
 * The organisation's kind, whether the network verified it, and whether it may take part in
 * reserved procurements. Plain spans styled in app.css (`.org-badge`), looking like Mantine's
 * badges: they are on every directory hit, where each Mantine component costs server time. They
 * wrap instead of cutting their text off on narrow screens.
 */
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
    <div className="org-badges">
      {kind && <span className="org-badge org-badge-kind">{t(`kind.${kind}` as never)}</span>}
      {verifiedAt && (
        <span className="org-badge org-badge-verified">
          {typeof verifiedAt === "string" ? t("profile.verified", { date: date(verifiedAt) }) : t("badge.verified")}
        </span>
      )}
      {reservedEligible && (
        <span className="org-badge org-badge-reserved">{reservedAsOf ? t("badge.reservedAsOf", { date: date(reservedAsOf) }) : t("profile.reserved")}</span>
      )}
    </div>
  );
}
