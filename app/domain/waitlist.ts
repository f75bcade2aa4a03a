/**
 * The registration rules of a meeting, without I/O: who gets a place, who waits, who is promoted.
 * The model applies them inside one write transaction, so counts cannot change underneath.
 */
export type RegistrationStatus = "confirmed" | "waitlisted";

/** A new registration gets a place while confirmed ones are fewer than the places (null: unlimited). */
export function statusForNewRegistration({ capacity, confirmed }: { capacity: number | null; confirmed: number }): RegistrationStatus {
  return capacity === null || confirmed < capacity ? "confirmed" : "waitlisted";
}

/**
 * The waitlisted registrations to promote now: the earliest first, as many as there are free
 * places (all of them when the places are unlimited).
 */
export function registrationsToPromote<T extends { id: number }>({
  capacity,
  confirmed,
  waitlist,
}: {
  capacity: number | null;
  confirmed: number;
  waitlist: readonly T[];
}): T[] {
  const ordered = [...waitlist].sort((a, b) => a.id - b.id);
  if (capacity === null) return ordered;
  return ordered.slice(0, Math.max(0, capacity - confirmed));
}

/** Places left, or null when unlimited; never negative. */
export function placesLeft({ capacity, confirmed }: { capacity: number | null; confirmed: number }): number | null {
  return capacity === null ? null : Math.max(0, capacity - confirmed);
}

export type RegistrationClosedReason = "cancelled" | "deadlinePassed";

/** Whether someone may register now; cancelling one's own registration stays possible until the start. */
export function registrationClosedReason({
  status,
  registrationDeadline,
  now,
}: {
  status: "scheduled" | "cancelled";
  registrationDeadline: string;
  now: Date;
}): RegistrationClosedReason | null {
  if (status === "cancelled") return "cancelled";
  if (now.getTime() > new Date(registrationDeadline).getTime()) return "deadlinePassed";
  return null;
}

/** 1-based position on the waitlist of the registration with this id, or null when it is not waiting. */
export function waitlistPosition(waitlistIds: readonly number[], id: number): number | null {
  const index = [...waitlistIds].sort((a, b) => a - b).indexOf(id);
  return index === -1 ? null : index + 1;
}
