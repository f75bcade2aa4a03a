import type { Migration } from "kysely";
import * as initial from "./2026_11_26_2000_initial";
import * as requestsAndMail from "./2026_11_27_1000_requests_and_mail";
import * as jointBids from "./2026_11_27_1200_joint_bids";

/**
 * Every migration, by name, in the order they apply. Listed explicitly rather than read from the
 * folder so the same list works from the bundled server, from tsx and from the tests.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_26_2000_initial": initial,
  "2026_11_27_1000_requests_and_mail": requestsAndMail,
  "2026_11_27_1200_joint_bids": jointBids,
};
