import { data } from "react-router";
import type { ActionError } from "../models/joint-bid/change.server";
import { badRequest, notFound } from "../utils/http.server";
import type { BidMessage, BidRefusal } from "../utils/bid-messages";
import { parseId } from "../utils/ids";
import { redirectWithToast, type Toast } from "../utils/toast.server";

/**
 * What a bid page's form gets back from a model's answer: a redirect with the toast once done, or
 * the refusal for the page to show; a bid that is not there (for this viewer) is a 404.
 */
export function bidAnswer(here: string, result: { ok: true } | { ok: false; error: ActionError }, toast: Toast, about: Omit<BidRefusal, "message"> = {}) {
  if (result.ok) return redirectWithToast(here, toast);
  const { status, message } = bidErrorResponse(result.error);
  if (status === 404) throw notFound();
  return data<BidRefusal>({ message, ...about }, { status });
}

/** An id a bid form must send (an organisation, a commitment, a capacity line); a form without one is a 400. */
export function postedId(form: FormData, name: string): number {
  const value = parseId(form.get(name));
  if (value === null) throw badRequest();
  return value;
}

/** A joint-bid model error as the HTTP status and the translated message the page shows. */
export function bidErrorResponse(error: ActionError): { status: number; message: BidMessage } {
  switch (error.kind) {
    case "forbidden":
      return { status: 403, message: { key: "bids.error.forbidden" } };
    case "notFound":
      return { status: 404, message: { key: "bids.error.notFound" } };
    case "closed":
      return { status: 409, message: { key: "bids.error.closed" } };
    case "invalid":
      return { status: 400, message: { key: "bids.error.invalid" } };
    case "overbooked":
      return {
        status: 409,
        message: {
          key: "bids.error.overbooked",
          vars: {
            organisation: error.organisationName,
            offering: error.offeringTitle,
            period: error.overbooking.period,
            capacity: error.overbooking.capacity,
            held: error.overbooking.held,
            wanted: error.overbooking.wanted,
          },
        },
      };
    case "notCommitted":
      return { status: 409, message: { key: "bids.error.notCommitted" } };
    case "planStale":
      return { status: 409, message: { key: "bids.error.planStale" } };
    case "changedWhilePlanning":
      return { status: 409, message: { key: "bids.error.changedWhilePlanning" } };
    case "notEligible":
      return { status: 409, message: { key: "bids.error.notEligible", vars: { names: error.names.join(", ") } } };
    case "requestClosed":
      return { status: 409, message: { key: "bids.error.requestClosed" } };
    case "awardedByBuyer":
      return { status: 409, message: { key: "bids.error.awardedByBuyer" } };
    case "lineDoesNotFit":
      return { status: 400, message: { key: "bids.error.lineDoesNotFit" } };
    case "plan": {
      const p = error.problem;
      const organisation = error.organisationName ?? "";
      if (p.kind === "unknownSite") return { status: 400, message: { key: "bids.problem.unknownSite", vars: { organisation, site: p.site } } };
      if (p.kind === "unknownItem") return { status: 400, message: { key: "bids.problem.unknownItem", vars: { organisation, item: p.item } } };
      if (p.kind === "planner") return { status: 400, message: { key: "bids.problem.planner", vars: { message: p.message } } };
      return { status: 400, message: { key: p.kind === "noDemand" ? "bids.problem.noDemand" : "bids.problem.noCommitments" } };
    }
  }
}
