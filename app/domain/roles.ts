/** The roles an admin grants; membership of an organisation (owner, editor) is separate. */
export const roleNames = ["coordinator", "buyer", "admin"] as const;
export type RoleName = (typeof roleNames)[number];

export function isRoleName(value: unknown): value is RoleName {
  return (roleNames as readonly unknown[]).includes(value);
}
