/**
 * The consortium agreement, printable, in the page's language: the current draft while the bid is
 * open, the version frozen at submission after that. Those who manage the bid see every party's
 * payment appendix; a participant only its own.
 */
import "../styles/agreement.css";
import "../styles/bids.css";
import { Anchor, Stack } from "@mantine/core";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/bids.$id_.agreement";
import type { ServerArgs } from "../utils/route-args";
import { AgreementView, agreementDocument } from "../components/agreement-document";
import { getBidAccess } from "../models/joint-bid/access.server";
import { agreementForViewer } from "../models/tender/tender.server";
import { requireUser } from "../utils/auth.server";
import { db } from "../utils/db.server";
import { forbidden, orNotFound } from "../utils/http.server";
import { messagesHandle } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { titleMeta } from "../utils/meta";
import { useI18n } from "../utils/use-i18n";
import { bidsMessages } from "../locales/bids";
import { tenderMessages } from "../locales/tender";

export const handle = messagesHandle(bidsMessages, tenderMessages);

export const meta = titleMeta("tender.agreement.title");

export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const user = await requireUser(request);
  const bidId = orNotFound(parseId(params.id));
  const access = orNotFound(await getBidAccess({ db: db(), bidId, viewer: user }));
  // The agreement is the consortium's own: not the buyer's to read.
  if (!access.permissions.manage && access.permissions.ownOrganisationIds.length === 0) throw forbidden();
  return agreementForViewer({ db: db(), access });
}

export default function AgreementPage() {
  const { content, frozenAt, bidId } = useLoaderData<typeof loader>();
  const { t, money, number, date } = useI18n();
  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/bids/${bidId}/tender`} className="bid-no-print">
        {t("tender.back")}
      </Anchor>
      <AgreementView document={agreementDocument(content, { t, money, number, date }, frozenAt)} />
    </Stack>
  );
}
