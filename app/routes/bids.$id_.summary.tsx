import "../styles/bids.css";
import { Anchor, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/bids.$id_.summary";
import type { ServerArgs } from "../utils/route-args";
import { AllocationTable } from "../components/bid-plan";
import { percent, reasonsText, requestUnit, shortfallText, unitLabel } from "../components/bid-text";
import { TenderPrices } from "../components/tender-prices";
import { getBidAccess } from "../models/joint-bid/access.server";
import { loadBidPage } from "../models/joint-bid/page.server";
import { loadTenderPage } from "../models/tender/tender.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { notFound, orNotFound } from "../utils/http.server";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { bidsMessages } from "../locales/bids";
import { tenderMessages } from "../locales/tender";
import { messagesHandle } from "../utils/i18n";
import { DataTable, headings } from "../components/data-table";

export const handle = messagesHandle(bidsMessages, tenderMessages);

export const meta = titleMeta("bids.summary");

/** The printable summary of a joint bid: consortium, participants, eligibility, allocation, coverage and the prices the viewer may see. */
export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = parseId(params.id);
  if (bidId === null) throw notFound();
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  return { page: await loadBidPage({ db: db(), access }), tender: await loadTenderPage({ db: db(), access }) };
}

export default function BidSummary() {
  const { page, tender } = useLoaderData<typeof loader>();
  const { t, date, number } = useI18n();
  const accepted = page.participants.filter((p) => p.status === "accepted");
  const names = Object.fromEntries(page.participants.map((p) => [p.organisationId, p.name]));
  return (
    <Stack gap="lg" className="bid-summary">
      <Anchor component={Link} to={`/bids/${page.id}`} className="bid-no-print">
        {t("bids.page.title", { request: page.request.title })}
      </Anchor>
      <Title order={1}>{t("bids.summary")}</Title>
      <SummarySection id="summary-request" title={page.request.title}>
        <Text>
          {t("bids.buyer")}: {page.request.buyerName} · {t(`bids.kind.${page.request.kind}`)} ·{" "}
          {t("bids.periodValue", { from: date(page.request.periodFrom), to: date(page.request.periodTo) })}
        </Text>
        <Text>
          {t("bids.col.status")}: {t(`bids.status.${page.status}`)} · {t("bids.lead")}: {page.leadName ?? t("bids.noLead")}
        </Text>
      </SummarySection>
      <SummarySection id="summary-consortium" title={t("bids.summary.consortium")}>
        <DataTable
          minWidth={520}
          withTableBorder
          columns={headings(t, "bids.load.organisation", "bids.summary.orgNumber", "bids.summary.eligible")}
          rows={accepted.map((p) => ({
            key: p.organisationId,
            header: `${p.name}${p.isLead ? ` (${t("bids.participant.lead")})` : ""}`,
            cells: [p.orgNumber, p.eligibility.length === 0 ? t("bids.summary.yes") : t("bids.summary.no", { reasons: reasonsText(t, p) })],
          }))}
        />
      </SummarySection>
      <SummarySection id="summary-plan" title={t("bids.plan")}>
        {page.plan ? (
          <Stack gap="sm">
            <Text fw={700}>{t("bids.plan.coverage", { percent: percent(number, page.plan.coverage) })}</Text>
            <Text>
              {t("bids.plan.coveredOf", {
                covered: number(page.plan.covered),
                demanded: number(page.plan.demanded),
                unit: unitLabel(t, requestUnit(page.request.items)),
              })}
            </Text>
            {page.plan.shortfall.length > 0 && (
              <ul>
                {page.plan.shortfall.map((row) => (
                  <li key={`${row.item}-${row.site}-${row.weekday}`}>{shortfallText(t, number, row)}</li>
                ))}
              </ul>
            )}
            <AllocationTable plan={page.plan} names={names} />
          </Stack>
        ) : (
          <Text>{t("bids.plan.none")}</Text>
        )}
      </SummarySection>
      {tender.visibility.bid && Object.keys(tender.prices).length > 0 && (
        <SummarySection id="summary-prices" title={t("tender.prices")}>
          <TenderPrices lines={tender.lines} prices={tender.prices} figures={tender.figures} names={names} />
        </SummarySection>
      )}
    </Stack>
  );
}

/** A part of the summary under its own heading, which names it. */
function SummarySection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      {children}
    </section>
  );
}
