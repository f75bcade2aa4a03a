import type { RoleName } from "../../db/schema";

/** The roles an admin grants; membership of an organisation (owner, editor) is separate. */
export const roleNames: readonly RoleName[] = ["coordinator", "buyer", "admin"];
