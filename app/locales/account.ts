/**
 * Strings of the account pages (password reset and change, notification settings) and of the
 * usability fixes from issue 8 (directory, members, confirmations), Swedish first; the English
 * catalogue has exactly the same keys.
 */
export const accountSv = {
  "directory.filtersActive": "Filter ({count} valda)",
  "directory.filter.reservedLegend": "Reserverade upphandlingar",
  "profile.workforceShareSelfDeclared":
    "Egen uppgift, inte verifierad: {share} % av de anställda kommer från grupper långt från arbetsmarknaden (per {date}). Märket för reserverade upphandlingar visas först när nätverket har verifierat organisationen.",
  "coordinator.appliedOn": "Ansökte",
  "coordinator.appliedBy": "Sökande",
  "coordinator.workforceShare": "Andel anställda långt från arbetsmarknaden",
  "coordinator.noWorkforceShare": "Inte angiven",
  "coordinator.workforceShareValue": "{share} % (egen uppgift per {date})",
  "coordinator.reject": "Avslå {name}",
  "coordinator.rejectReason": "Skäl till avslaget",
  "coordinator.rejectReasonHint": "Den sökande ser skälet på sin organisations sida och får det i ett meddelande.",
  "coordinator.rejectConfirm": "Avslå ansökan",
  "coordinator.rejected": "Ansökan från {name} är avslagen.",
  "coordinator.rejectedNotice": "Ansökan för {name} har avslagits av nätverkets samordnare.",
  "coordinator.rejectedList": "Avslagna ansökningar",
  "coordinator.rejectedWith": "Avslagen {date}: {reason}",
  "profile.rejected": "Ansökan avslogs {date}. Skäl: {reason}",
} as const;

export const accountEn: Record<keyof typeof accountSv, string> = {
  "directory.filtersActive": "Filters ({count} selected)",
  "directory.filter.reservedLegend": "Reserved contracts",
  "profile.workforceShareSelfDeclared":
    "Self-declared, not verified: {share} % of the workforce comes from groups far from the labour market (as of {date}). The reserved-contracts badge appears once the network has verified the organisation.",
  "coordinator.appliedOn": "Applied",
  "coordinator.appliedBy": "Applicant",
  "coordinator.workforceShare": "Share of workforce far from the labour market",
  "coordinator.noWorkforceShare": "Not given",
  "coordinator.workforceShareValue": "{share} % (self-declared, as of {date})",
  "coordinator.reject": "Reject {name}",
  "coordinator.rejectReason": "Reason for the rejection",
  "coordinator.rejectReasonHint": "The applicant sees the reason on their organisation's page and is sent it in a message.",
  "coordinator.rejectConfirm": "Reject the application",
  "coordinator.rejected": "The application from {name} is rejected.",
  "coordinator.rejectedNotice": "The application for {name} was rejected by the network's coordinator.",
  "coordinator.rejectedList": "Rejected applications",
  "coordinator.rejectedWith": "Rejected {date}: {reason}",
  "profile.rejected": "The application was rejected on {date}. Reason: {reason}",
};
