/** The kinds of thing the audit log records changes to; the log's "kind" filter offers these. */
export const auditEntities = ["organisation", "membership", "role", "offering", "request", "bid", "account"] as const;
export type AuditEntity = (typeof auditEntities)[number];
