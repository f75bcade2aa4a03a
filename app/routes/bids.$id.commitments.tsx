/**
 * A participant's own commitments to a bid: added from its capacity lines, changed, removed and
 * confirmed by its members, from the forms of the bid page (the parent route, which loads the bid).
 * A refused form comes back here, and the page at this address shows its message at the
 * participant's card.
 */
import { data, useActionData, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/bids.$id.commitments";
import type { ServerArgs } from "../utils/route-args";
import { ParticipantsSection } from "../components/bids/participants-section";
import { addCommitment, confirmCommitments, removeCommitment, updateCommitment } from "../models/joint-bid/commitments.server";
import { getBidAccess } from "../models/joint-bid/access.server";
import { requireUser } from "../utils/auth.server";
import { bidAnswer, postedId } from "../route-helpers/bid-errors.server";
import type { BidRefusal } from "../utils/bid-messages";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { commitmentSchema } from "../forms/commitment-form";
import { parseSubmission } from "../utils/forms";
import { dispatchIntent, orNotFound } from "../utils/http.server";
import { messagesHandle } from "../utils/i18n";
import { parseId } from "../utils/ids";
import type { loader as bidLoader } from "./bids.$id";
import { formsMessages } from "../locales/forms";
import { bidsMessages } from "../locales/bids";

export const handle = messagesHandle(formsMessages, bidsMessages);

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const viewer = await requireUser(request);
  const bidId = orNotFound(parseId(params.id));
  // A bid does not exist for outsiders, whatever they post (the models check each permission again).
  orNotFound(await getBidAccess({ db: db(), bidId, viewer }));
  const form = await readFormData(request);
  const here = `/bids/${bidId}`;
  const scope = { db: db(), viewer, bidId, organisationId: postedId(form, "organisationId") };
  // Every answer about a participant's commitments names the participant, so its card shows the message.
  const about = { organisationId: scope.organisationId };

  return dispatchIntent(form, {
    saveCommitment: async () => {
      const commitmentId = postedId(form, "commitmentId");
      const submission = parseSubmission(form, commitmentSchema);
      if (submission.status !== "success")
        return data<BidRefusal>({ message: { key: "bids.error.invalid" }, ...about, commitmentId, reply: submission.reply() }, { status: 400 });
      return bidAnswer(
        here,
        await updateCommitment({ ...scope, commitmentId, input: submission.value }),
        { key: "bids.toast.saved" },
        { ...about, commitmentId },
      );
    },
    addCommitment: async () =>
      bidAnswer(here, await addCommitment({ ...scope, capacityLineId: postedId(form, "capacityLineId") }), { key: "bids.toast.added" }, about),
    removeCommitment: async () =>
      bidAnswer(here, await removeCommitment({ ...scope, commitmentId: postedId(form, "commitmentId") }), { key: "bids.toast.removed" }, about),
    confirm: async () => bidAnswer(here, await confirmCommitments(scope), { key: "bids.toast.confirmed" }, about),
  });
}

export default function BidCommitments() {
  const { page, permissions } = useRouteLoaderData<typeof bidLoader>("routes/bids.$id")!;
  return <ParticipantsSection page={page} manage={permissions.manage} result={useActionData<typeof action>()} />;
}
