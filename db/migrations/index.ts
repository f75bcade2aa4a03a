import type { Migration } from "kysely";
import * as initial from "./2026_11_26_2000_initial";
import * as requestsAndMail from "./2026_11_27_1000_requests_and_mail";
import * as searchMarkers from "./2026_11_27_1700_search_markers";
import * as security from "./2026_11_27_1600_security";
import * as accountAndReview from "./2026_11_27_1500_account_and_review";
import * as meetings from "./2026_11_27_1300_meetings";
import * as pilot from "./2026_11_27_1400_pilot";
import * as requestResponses from "./2026_11_27_1100_request_responses";
import * as jointBids from "./2026_11_27_1200_joint_bids";
import * as ftsDeliverySites from "./2026_11_28_0900_fts_delivery_sites";
import * as postgresSearch from "./2026_11_28_1100_postgres_search";
import * as searchOutboxLease from "./2026_11_28_1000_search_outbox_lease";
import * as targetGroupsAsRows from "./2026_11_28_1200_target_groups_as_rows";
import * as booleansAsBooleans from "./2026_11_28_1300_booleans_as_booleans";
import * as timestampsAsIsoText from "./2026_11_28_1400_timestamps_as_iso_text";
import * as weekdaysAndSitesAsRows from "./2026_11_28_1500_weekdays_and_sites_as_rows";
import * as compoundWordParts from "./2026_12_07_1000_compound_word_parts";
import * as demandLineCpv from "./2026_12_07_1100_demand_line_cpv";
import * as pilotParticipationAndParameterPeriods from "./2026_12_07_1110_pilot_participation_and_parameter_periods";
import * as notices from "./2026_12_07_1120_notices";
import * as loginDevices from "./2026_12_07_1130_login_devices";
import * as verifiedFacts from "./2026_12_07_1130_verified_facts";
import * as readinessProbe from "./2026_12_07_1131_readiness_probe";
import * as tenderPack from "./2026_12_07_1140_tender_pack";
import * as requestLots from "./2026_12_07_1530_request_lots";

/**
 * Every migration, by name, in the order they apply. Listed explicitly rather than read from the
 * folder so the same list works from the bundled server, from tsx and from the tests.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_26_2000_initial": initial,
  "2026_11_27_1000_requests_and_mail": requestsAndMail,
  "2026_11_27_1700_search_markers": searchMarkers,
  "2026_11_27_1600_security": security,
  "2026_11_27_1500_account_and_review": accountAndReview,
  "2026_11_27_1300_meetings": meetings,
  "2026_11_27_1400_pilot": pilot,
  "2026_11_27_1100_request_responses": requestResponses,
  "2026_11_27_1200_joint_bids": jointBids,
  "2026_11_28_0900_fts_delivery_sites": ftsDeliverySites,
  "2026_11_28_1100_postgres_search": postgresSearch,
  "2026_11_28_1000_search_outbox_lease": searchOutboxLease,
  "2026_11_28_1200_target_groups_as_rows": targetGroupsAsRows,
  "2026_11_28_1300_booleans_as_booleans": booleansAsBooleans,
  "2026_11_28_1400_timestamps_as_iso_text": timestampsAsIsoText,
  "2026_11_28_1500_weekdays_and_sites_as_rows": weekdaysAndSitesAsRows,
  "2026_12_07_1000_compound_word_parts": compoundWordParts,
  "2026_12_07_1100_demand_line_cpv": demandLineCpv,
  "2026_12_07_1110_pilot_participation_and_parameter_periods": pilotParticipationAndParameterPeriods,
  "2026_12_07_1120_notices": notices,
  "2026_12_07_1130_login_devices": loginDevices,
  "2026_12_07_1130_verified_facts": verifiedFacts,
  "2026_12_07_1131_readiness_probe": readinessProbe,
  "2026_12_07_1140_tender_pack": tenderPack,
  "2026_12_07_1530_request_lots": requestLots,
};
