import type { TenderProblem } from "../domain/tender/tender";
import type { MessageKey, Translate } from "../utils/i18n";

/** What blocks the tender pack, in words that name who must do what. */
export function tenderProblemText(t: Translate, problem: TenderProblem): string {
  switch (problem.kind) {
    case "closed":
    case "noLead":
    case "noPlan":
    case "planStale":
      return t(`tender.problem.${problem.kind}`);
    case "notConfirmed":
    case "detailsMissing":
      return t(`tender.problem.${problem.kind}`, { organisation: problem.organisation });
    case "priceMissing":
      return t("tender.problem.priceMissing", { item: problem.item, site: problem.site });
    case "notEligible":
      return t("tender.problem.notEligible", {
        organisation: problem.organisation,
        reasons: problem.reasons.map((r) => t(`tender.reason.${r}` as MessageKey)).join(", "),
      });
  }
}
