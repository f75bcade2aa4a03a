/**
 * An organisation's response to a request: saved or withdrawn by its members from the forms of the
 * request page (the parent route, which loads the request). A refused form comes back here with its
 * messages and what was typed, and the page at this address shows them in place.
 */
import { data, useActionData, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/requests.$id.responses";
import type { ServerArgs } from "../utils/route-args";
import { ResponseAndQuestions } from "../components/requests/response-and-questions";
import type { ResponseFormResult } from "../components/requests/response-section";
import { responseSchema } from "../forms/response-form";
import { can } from "../domain/permissions";
import { saveResponse, withdrawResponse } from "../models/request-response.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { dispatchIntent, forbidden, notFound } from "../utils/http.server";
import { formatDateTime, messagesHandle } from "../utils/i18n";
import { parseId } from "../utils/ids";
import { localeFromRequest } from "../utils/locale.server";
import { requireVisibleRequest } from "../route-helpers/request-access.server";
import { redirectWithToast } from "../utils/toast.server";
import type { loader as requestLoader } from "./requests.$id";
import { formsMessages } from "../locales/forms";
import { requestsMessages } from "../locales/requests";
import { bidsMessages } from "../locales/bids";

// The page around this part is the request page's, with its catalogues.
export const handle = messagesHandle(formsMessages, requestsMessages, bidsMessages);

export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { user, stored, resource, here } = await requireVisibleRequest(request, params.id);
  const formData = await readFormData(request);
  const respondingOrganisation = (organisationId: number | null) => {
    if (organisationId === null || !can(user, "response.write", { request: resource, organisationId })) throw forbidden();
    return organisationId;
  };
  const refused = (organisationId: number, reply: ResponseFormResult["reply"], status: 400 | 409) =>
    data<ResponseFormResult>({ organisationId: String(organisationId), reply }, { status });
  const closedMessage = { formErrors: [{ key: "requests.response.closed" as const }] };

  return dispatchIntent(formData, {
    respond: async () => {
      const organisationId = respondingOrganisation(parseId(formData.get("organisationId")));
      const submission = parseSubmission(formData, responseSchema);
      if (submission.status !== "success") return refused(organisationId, submission.reply(), 400);
      const result = await saveResponse({ db: db(), requestId: stored.id, organisationId, userId: user.id, input: submission.value });
      if (!result.ok) {
        if (result.error.kind === "notFound") throw notFound();
        return refused(organisationId, submission.reply(closedMessage), 409);
      }
      if (result.overwrote) {
        return redirectWithToast(`${here}#response`, {
          key: "requests.response.overwrote",
          vars: { name: result.overwrote.name ?? "?", time: formatDateTime(localeFromRequest(request), result.overwrote.at) },
        });
      }
      return redirectWithToast(`${here}#response`, { key: "requests.response.saved" });
    },
    withdraw: async () => {
      const organisationId = respondingOrganisation(parseId(formData.get("organisationId")));
      const result = await withdrawResponse({ db: db(), requestId: stored.id, organisationId });
      if (!result.ok) {
        if (result.error.kind === "notFound") throw notFound();
        // Nothing was typed in a withdrawal: the response form shows what is stored, under the message.
        return refused(organisationId, { status: "error", error: { "": closedMessage.formErrors } }, 409);
      }
      return redirectWithToast(here, { key: "requests.response.withdrawn" });
    },
  });
}

export default function RequestResponse() {
  const page = useRouteLoaderData<typeof requestLoader>("routes/requests.$id")!;
  return <ResponseAndQuestions page={page} response={useActionData<typeof action>()} />;
}
