/** The verified facts that changed: exactly those whose values differ, with both values. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changedFacts, organisationKinds, verifiedFactNames, type VerifiedFacts } from "../../app/domain/organisation";

describe("changed facts", () => {
  const facts = fc.record({
    kind: fc.constantFrom(...organisationKinds),
    org_number: fc.constantFrom("802400-1234", "212000-1124"),
    workforce_share: fc.option(fc.integer({ min: 0, max: 100 })),
    workforce_share_date: fc.option(fc.constantFrom("2026-01-01", "2026-10-01")),
  });

  it("are exactly the verified facts whose values differ", () => {
    fc.assert(
      fc.property(facts, facts, (verified: VerifiedFacts, now: VerifiedFacts) => {
        const changed = changedFacts(verified, now);
        for (const name of verifiedFactNames) {
          const entry = changed.find((c) => c.fact === name);
          if (verified[name] === now[name]) expect(entry).toBeUndefined();
          else expect(entry).toEqual({ fact: name, verified: verified[name], now: now[name] });
        }
      }),
    );
  });
});
