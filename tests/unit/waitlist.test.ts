import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { placesLeft, registrationClosedReason, registrationsToPromote, statusForNewRegistration, waitlistPosition } from "../../app/domain/waitlist";

describe("the waitlist rules", () => {
  it("gives a place while there are places, then the waitlist", () => {
    expect(statusForNewRegistration({ capacity: 2, confirmed: 1 })).toBe("confirmed");
    expect(statusForNewRegistration({ capacity: 2, confirmed: 2 })).toBe("waitlisted");
    expect(statusForNewRegistration({ capacity: 1, confirmed: 5 })).toBe("waitlisted");
    expect(statusForNewRegistration({ capacity: null, confirmed: 500 })).toBe("confirmed");
  });

  it("promotes the earliest waiting first, only as many as there are free places", () => {
    const waitlist = [{ id: 9 }, { id: 4 }, { id: 7 }];
    expect(registrationsToPromote({ capacity: 3, confirmed: 2, waitlist })).toEqual([{ id: 4 }]);
    expect(registrationsToPromote({ capacity: 5, confirmed: 3, waitlist })).toEqual([{ id: 4 }, { id: 7 }]);
    expect(registrationsToPromote({ capacity: 2, confirmed: 2, waitlist })).toEqual([]);
    expect(registrationsToPromote({ capacity: 2, confirmed: 3, waitlist })).toEqual([]);
    expect(registrationsToPromote({ capacity: null, confirmed: 3, waitlist })).toHaveLength(3);
  });

  it("never lets promotions exceed the places", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 60 }),
        fc.uniqueArray(fc.nat(1000), { maxLength: 30 }),
        (capacity, confirmed, ids) => {
          const promoted = registrationsToPromote({ capacity, confirmed, waitlist: ids.map((id) => ({ id })) });
          expect(confirmed + promoted.length).toBeLessThanOrEqual(Math.max(capacity, confirmed));
          expect(promoted.length).toBe(Math.min(ids.length, Math.max(0, capacity - confirmed)));
        },
      ),
    );
  });

  it("counts places left, never below zero", () => {
    expect(placesLeft({ capacity: 10, confirmed: 3 })).toBe(7);
    expect(placesLeft({ capacity: 1, confirmed: 2 })).toBe(0);
    expect(placesLeft({ capacity: null, confirmed: 2 })).toBeNull();
  });

  it("closes registration at the deadline and for a cancelled meeting", () => {
    const deadline = "2027-01-10T12:00:00.000Z";
    expect(registrationClosedReason({ status: "scheduled", registrationDeadline: deadline, now: new Date("2027-01-10T11:59:59Z") })).toBeNull();
    expect(registrationClosedReason({ status: "scheduled", registrationDeadline: deadline, now: new Date("2027-01-10T12:00:01Z") })).toBe("deadlinePassed");
    expect(registrationClosedReason({ status: "cancelled", registrationDeadline: deadline, now: new Date("2027-01-01T00:00:00Z") })).toBe("cancelled");
  });

  it("numbers the waitlist from the earliest", () => {
    expect(waitlistPosition([12, 5, 8], 8)).toBe(2);
    expect(waitlistPosition([12, 5, 8], 3)).toBeNull();
  });
});
