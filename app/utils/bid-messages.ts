/** What a joint bid page shows when an action on it is refused: shared by the route helpers that answer and the components that show it. */
import type { SubmissionResult } from "@conform-to/react";
import type { FormMessage } from "./forms";
import type { MessageKey } from "./i18n";

export interface BidMessage {
  key: MessageKey;
  vars?: Record<string, string | number>;
}

/** A refused action on a bid page; one about a participant's commitments names it, and the message shows at its card. */
export interface BidRefusal {
  message: BidMessage;
  organisationId?: number;
  commitmentId?: number;
  /** A refused commitment form: its messages and what was typed. */
  reply?: SubmissionResult<FormMessage[]>;
}
