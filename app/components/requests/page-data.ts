import type { RequestKind, RequestStatus } from "../../domain/request";
import type { QuestionAndAnswer, ResponseView } from "../../domain/request-view";

/** What the request page's sections about responses and questions read of the page's data. */
export interface RequestPageData {
  request: { id: number; kind: RequestKind; status: RequestStatus };
  lines: readonly { id: number; item: string; site: string; quantity: number; unit: string }[];
  /** The request's RFI questions, which a response answers. */
  questions: readonly { id: number; text: string }[];
  qa: readonly QuestionAndAnswer[];
  responses: readonly ResponseView[];
  /** The organisations the viewer may respond for (none for the request's own buyers). */
  responderOrganisations: readonly { id: number; name: string }[];
  isOwner: boolean;
  /** Whether the viewer may ask in the thread (the buyer answers instead). */
  mayAsk: boolean;
  signedIn: boolean;
  open: boolean;
}
