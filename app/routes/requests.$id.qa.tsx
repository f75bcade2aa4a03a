/**
 * The request's public question thread: members ask, the buyer answers, from the forms of the
 * request page (the parent route, which loads the request). A refused question or answer comes
 * back here with its message and what was typed, and the page at this address shows them in place.
 */
import { data, useActionData, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/requests.$id.qa";
import type { ServerArgs } from "../utils/route-args";
import { ResponseAndQuestions } from "../components/requests/response-and-questions";
import type { QaFormResult } from "../components/requests/qa-section";
import { answerSchema, questionSchema } from "../forms/response-form";
import { can } from "../domain/permissions";
import { answerQuestion, askQuestion } from "../models/request-response.server";
import { db } from "../utils/db.server";
import { readFormData } from "../utils/form-data.server";
import { parseSubmission } from "../utils/forms";
import { dispatchIntent, forbidden, notFound } from "../utils/http.server";
import { messagesHandle } from "../utils/i18n";
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

  return dispatchIntent(formData, {
    ask: async () => {
      // Members ask; the buyer answers in the same thread instead.
      if (!can(user, "request.ask", resource)) throw forbidden();
      const submission = parseSubmission(formData, questionSchema);
      if (submission.status !== "success") return data<QaFormResult>({ form: "question", reply: submission.reply() }, { status: 400 });
      const result = await askQuestion({ db: db(), requestId: stored.id, userId: user.id, question: submission.value.question });
      if (!result.ok) {
        if (result.error.kind === "notFound") throw notFound();
        return data<QaFormResult>({ form: "question", reply: submission.reply({ formErrors: [{ key: "requests.response.closed" }] }) }, { status: 409 });
      }
      return redirectWithToast(`${here}#qa`, { key: "requests.qa.asked" });
    },
    answer: async () => {
      if (!can(user, "request.manage", resource)) throw forbidden();
      const submission = parseSubmission(formData, answerSchema);
      if (submission.status !== "success") {
        return data<QaFormResult>({ form: "answer", questionId: String(formData.get("questionId") ?? ""), reply: submission.reply() }, { status: 400 });
      }
      const result = await answerQuestion({
        db: db(),
        requestId: stored.id,
        buyerOrganisationId: stored.buyerOrganisationId,
        questionId: submission.value.questionId,
        userId: user.id,
        answer: submission.value.answer,
      });
      if (!result.ok) throw notFound();
      return redirectWithToast(`${here}#qa`, { key: "requests.qa.answered" });
    },
  });
}

export default function RequestQuestions() {
  const page = useRouteLoaderData<typeof requestLoader>("routes/requests.$id")!;
  return <ResponseAndQuestions page={page} qa={useActionData<typeof action>()} />;
}
