import type { RequestPageData } from "./page-data";
import { QaSection, type QaFormResult } from "./qa-section";
import { ResponseSection, type ResponseFormResult } from "./response-section";

/**
 * The end of the request page where suppliers act: their response and the question thread. Drawn
 * by the page itself, or by the route a form posted to (requests.$id.responses, requests.$id.qa),
 * which passes on what it sent back.
 */
export function ResponseAndQuestions({ page, response, qa }: { page: RequestPageData; response?: ResponseFormResult; qa?: QaFormResult }) {
  return (
    <>
      {!page.isOwner && <ResponseSection page={page} result={response} />}
      <QaSection page={page} result={qa} />
    </>
  );
}
