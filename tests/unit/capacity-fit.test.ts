/**
 * The one rule of which capacity serves which demand (CPV hierarchy, site, weekday, validity), and
 * what is built on it: prefill per item, feasibility on declared and free capacity, free capacity
 * itself, capping a bid's commitments at it, and the idle capacity named beside a shortfall.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  capacityServes,
  cpvAncestors,
  cpvOnOneBranch,
  cpvStem,
  demandCpvCodes,
  feasibilityInputs,
  idleFittingCapacity,
  offeringsFitRequest,
  proposeCommitments,
  servedDates,
  type DemandWithQuantity,
  type FitCapacityLine,
} from "../../app/domain/capacity-fit";
import { deliveryDates, weekStart } from "../../app/domain/delivery-dates";
import { capToFreeCapacity, commitmentDates, freePerDelivery, type HeldCommitment, type StoredCapacityLine } from "../../app/domain/joint-bid";
import { planJointBid } from "../../app/domain/planner";

const period = { from: "2026-03-02", to: "2026-03-26", skipHolidays: true };
const catering = "55520000-1";
const preparedMeals = "15894200-3";

const line = (id: number, fields: Partial<StoredCapacityLine> = {}): StoredCapacityLine => ({
  id,
  period: "weekday",
  quantity: 40,
  weekdays: [1, 2, 3, 4],
  validFrom: null,
  validTo: null,
  sites: [],
  ...fields,
});

/** The salad-catering request: bought as catering, its lines are prepared meals. */
const saladDemand: DemandWithQuantity[] = [
  {
    id: 1,
    item: "Sallad, dagens",
    unit: "portions",
    site: "Stadshuset",
    weekdays: [1, 2, 3, 4],
    quantity: 120,
    cpvCodes: demandCpvCodes(catering, preparedMeals),
  },
  {
    id: 2,
    item: "Sallad, vegetarisk",
    unit: "portions",
    site: "Kristallen",
    weekdays: [1, 2, 3, 4],
    quantity: 60,
    cpvCodes: demandCpvCodes(catering, preparedMeals),
  },
];
const fontanhusetCatering: FitCapacityLine = { line: line(10, { sites: ["Stadshuset", "Kristallen"] }), cpvCode: catering };
const fontanhusetFika: FitCapacityLine = { line: line(11, { period: "week", quantity: 150, weekdays: [] }), cpvCode: "55330000-2" };
const eosSalads: FitCapacityLine = { line: line(20, { quantity: 50, weekdays: [1, 2, 3, 4, 5] }), cpvCode: preparedMeals };

describe("the CPV hierarchy", () => {
  it("reads a code's level from its digits", () => {
    expect(cpvStem("55520000-1")).toBe("5552");
    expect(cpvStem("45000000-7")).toBe("45");
    expect(cpvStem("50116000-1")).toBe("50116");
    expect(cpvStem("catering")).toBeNull();
    expect(cpvAncestors("55521100-9")).toEqual(["55000000", "55500000", "55520000", "55521000"]);
    expect(cpvAncestors("15894210-6")).toEqual(["15000000", "15800000", "15890000", "15894000", "15894200"]);
  });

  it("puts a code, its ancestors and its descendants on one branch, and siblings not", () => {
    expect(cpvOnOneBranch("55524000-9", catering)).toBe(true);
    expect(cpvOnOneBranch(catering, "55524000-9")).toBe(true);
    expect(cpvOnOneBranch("15894210-6", preparedMeals)).toBe(true);
    expect(cpvOnOneBranch("55330000-2", catering)).toBe(false);
    expect(cpvOnOneBranch(preparedMeals, catering)).toBe(false);
  });

  it("agrees with the ancestors written out level by level (division, group, class, category), both ways", () => {
    const code = fc
      .tuple(fc.integer({ min: 10, max: 99 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }))
      .map(([division, level, digits]) => `${division}${digits.slice(0, level - 1).join("")}`.padEnd(8, "0") + "-0");
    fc.assert(
      fc.property(code, code, (a, b) => {
        const ancestorsOf = (c: string) => {
          const d = c.slice(0, 8);
          return [d.slice(0, 2) + "000000", d.slice(0, 3) + "00000", d.slice(0, 4) + "0000", d.slice(0, 5) + "000"].filter((x) => x !== d);
        };
        const expected = a.slice(0, 8) === b.slice(0, 8) || ancestorsOf(a).includes(b.slice(0, 8)) || ancestorsOf(b).includes(a.slice(0, 8));
        expect(cpvOnOneBranch(a, b)).toBe(expected);
        expect(cpvOnOneBranch(b, a)).toBe(expected);
      }),
    );
  });
});

describe("the fit rule", () => {
  it("lets catering and salad lines serve the salad-catering request, and meeting refreshments neither of its lines", () => {
    for (const d of saladDemand) {
      expect(capacityServes(fontanhusetCatering, d, period)).toBe(true);
      expect(capacityServes(eosSalads, d, period)).toBe(true);
      expect(capacityServes(fontanhusetFika, d, period)).toBe(false);
    }
    // Without its own code, a line is bought under the catering code alone: the salad offering does not fit it.
    expect(capacityServes(eosSalads, { ...saladDemand[0], cpvCodes: demandCpvCodes(catering, null) }, period)).toBe(false);
  });

  it("needs the site, a shared weekday and a valid date", () => {
    const d = saladDemand[1];
    expect(capacityServes({ ...eosSalads, line: { ...eosSalads.line, sites: ["Stadshuset"] } }, d, period)).toBe(false);
    expect(capacityServes({ ...eosSalads, line: { ...eosSalads.line, weekdays: [5] } }, d, period)).toBe(false);
    expect(capacityServes({ ...eosSalads, line: { ...eosSalads.line, validTo: "2026-03-01" } }, d, period)).toBe(false);
    expect(servedDates({ ...eosSalads, line: { ...eosSalads.line, weekdays: [2], validFrom: "2026-03-10" } }, d, period)).toEqual([
      "2026-03-10",
      "2026-03-17",
      "2026-03-24",
    ]);
  });

  it("decides for organisations and requests by the same rule, comparing codes alone where nothing else is said", () => {
    const request = { cpvCode: catering, period, lines: saladDemand };
    expect(offeringsFitRequest([{ cpvCode: preparedMeals, lines: [eosSalads.line] }], request)).toBe(true);
    expect(offeringsFitRequest([{ cpvCode: "55330000-2", lines: [fontanhusetFika.line] }], request)).toBe(false);
    expect(offeringsFitRequest([{ cpvCode: preparedMeals, lines: [{ ...eosSalads.line, sites: ["Linero"] }] }], request)).toBe(false);
    expect(offeringsFitRequest([{ cpvCode: preparedMeals, lines: [] }], request)).toBe(true);
    expect(offeringsFitRequest([{ cpvCode: "55524000-9", lines: [] }], { ...request, lines: [] })).toBe(true);
    expect(offeringsFitRequest([{ cpvCode: preparedMeals, lines: [] }], { ...request, lines: [] })).toBe(false);
  });
});

describe("prefill", () => {
  it("never proposes meeting refreshments for salads, and gives each item its own commitment", () => {
    const proposals = proposeCommitments({ capacity: [fontanhusetCatering, fontanhusetFika], demand: saladDemand, period, held: new Map() });
    expect(proposals.map((p) => p.capacityLineId)).not.toContain(fontanhusetFika.line.id);
    expect(proposals.map((p) => [p.item, p.sites])).toEqual([
      ["Sallad, dagens", ["Stadshuset"]],
      ["Sallad, vegetarisk", ["Kristallen"]],
    ]);
    // 40 free a day, shared 120 : 60 between the items.
    expect(proposals.map((p) => p.quantity)).toEqual([26, 14]);
  });

  it("proposes no more than is free after other bids, and nothing on a day the line does not work", () => {
    const held = new Map([[eosSalads.line.id, [{ quantity: 40, dates: commitmentDates(period, eosSalads.line, [1, 2, 3, 4]) }]]]);
    const proposals = proposeCommitments({ capacity: [eosSalads], demand: saladDemand, period, held });
    expect(proposals.reduce((sum, p) => sum + p.quantity, 0)).toBe(10);
    expect(proposals.every((p) => p.weekdays.every((d) => d <= 4))).toBe(true);
  });

  it("never proposes more than is free, on any line and date, whatever the lines and the demand", () => {
    fc.assert(
      fc.property(randomLines, randomDemand, randomHeld, (lines, demand, heldQuantity) => {
        // What other bids hold fits each line: one delivery a week, on Mondays.
        const held = new Map(
          lines.map((l) => [l.line.id, [{ quantity: Math.min(heldQuantity, l.line.quantity), dates: deliveryDates({ ...period, weekdays: [1] }) }]]),
        );
        const proposals = proposeCommitments({ capacity: lines, demand, period, held });
        for (const l of lines) {
          const own = proposals
            .filter((p) => p.capacityLineId === l.line.id)
            .map((p) => ({ quantity: p.quantity, dates: commitmentDates(period, l.line, p.weekdays) }));
          expectWithinCapacity(l.line, [...held.get(l.line.id)!, ...own]);
        }
      }),
    );
  });
});

describe("free capacity", () => {
  it("is the most each date can take: declared minus held, a weekly line's week shared over its deliveries", () => {
    fc.assert(
      fc.property(
        randomLine,
        fc.array(fc.record({ quantity: fc.nat(30), days: fc.subarray([0, 1, 2, 3, 8, 9, 10]) }), { maxLength: 4 }),
        fc.subarray([0, 1, 2, 3, 4, 7, 8, 9]),
        (l, heldSpec, wanted) => {
          const base = Date.parse("2026-03-02T00:00:00Z");
          const day = (k: number) => new Date(base + k * 86_400_000).toISOString().slice(0, 10);
          const held: HeldCommitment[] = heldSpec.map((h) => ({ quantity: h.quantity, dates: h.days.map(day) }));
          const dates = wanted.map(day);
          const free = freePerDelivery(l, held, dates);
          for (const date of dates) {
            // Independently: what is held in the date's period (the date, or its week), and how many of the wanted dates share it.
            const inPeriod = (d: string) => (l.period === "week" ? weekStart(d) === weekStart(date) : d === date);
            const heldThere = held.reduce((sum, h) => sum + h.quantity * h.dates.filter(inPeriod).length, 0);
            const deliveries = dates.filter(inPeriod).length;
            const f = free.get(date)!;
            expect(f).toBeGreaterThanOrEqual(0);
            if (f > 0) expect(heldThere + f * deliveries).toBeLessThanOrEqual(l.quantity);
            expect(heldThere + (f + 1) * deliveries).toBeGreaterThan(l.quantity);
          }
        },
      ),
    );
  });

  it("caps a bid's commitments at it, date by date, so that together they never exceed a line", () => {
    fc.assert(
      fc.property(
        randomLine,
        fc.array(fc.record({ quantity: fc.nat(80), days: fc.subarray([1, 2, 3, 4, 5]) }), { minLength: 1, maxLength: 4 }),
        fc.nat(60),
        (l, specs, heldQuantity) => {
          const dates = deliveryDates({ ...period, weekdays: [1, 2, 3, 4, 5] });
          // What other bids hold fits the line (one delivery a week, on Mondays).
          const heldElsewhere: HeldCommitment[] = [
            { quantity: Math.min(heldQuantity, l.quantity), dates: dates.filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1) },
          ];
          const commitments = specs.map((s, k) => ({
            id: k + 1,
            organisationId: 1,
            capacityLineId: l.id,
            item: "Sallad",
            quantity: s.quantity,
            sites: [],
            dates: commitmentDates(period, l, s.days),
          }));
          const capped = capToFreeCapacity(commitments, new Map([[l.id, l]]), new Map([[l.id, heldElsewhere]]));
          const taken = capped.flatMap((c) => c.dates.map((date) => ({ quantity: c.cappedTo?.get(date) ?? c.quantity, dates: [date] })));
          expectWithinCapacity(l, [...heldElsewhere, ...taken]);
          capped.forEach((c, k) => c.dates.forEach((date) => expect(c.cappedTo?.get(date) ?? c.quantity).toBeLessThanOrEqual(commitments[k].quantity)));
        },
      ),
    );
  });
});

describe("feasibility", () => {
  const capacity = [
    { organisationId: 1, fit: fontanhusetCatering, held: [] },
    { organisationId: 1, fit: fontanhusetFika, held: [] },
    { organisationId: 2, fit: eosSalads, held: [{ quantity: 40, dates: commitmentDates(period, eosSalads.line, [1, 2, 3, 4]) }] },
  ];

  it("credits no capacity to demand it does not serve, and plans free capacity as declared minus held", () => {
    const inputs = feasibilityInputs({ period, demand: saladDemand, capacity });
    expect(inputs.servingOrganisations).toBe(2);
    expect(inputs.declared.capacity.some((o) => o.id.startsWith("l11:"))).toBe(false);
    const free = planJointBid(inputs.free);
    const declared = planJointBid(inputs.declared);
    const days = deliveryDates({ ...period, weekdays: [1, 2, 3, 4] }).length;
    // Independently: Fontänhuset 40 a day and EosCares 10 free (50 declared) against 180 a day.
    expect(free.covered).toBe(days * (40 + 10));
    expect(declared.covered).toBe(days * (40 + 50));
    expect(inputs.shown.demand.map((d) => d.site)).toContain("Kristallen");
  });

  it("covers exactly, date by date, the lesser of a demand line and what the lines serving it have free (or declare), and never more with several", () => {
    fc.assert(
      fc.property(randomLines, randomDemand, randomHeld, (lines, demand, heldQuantity) => {
        // Weekday lines: what one holds on a date is then what it can give that date.
        const fits = lines.map((fit): FitCapacityLine => ({ ...fit, line: { ...fit.line, period: "weekday" } }));
        const capacity = fits.map((fit, k) => ({
          organisationId: k + 1,
          fit,
          held: [{ quantity: heldQuantity, dates: commitmentDates(period, fit.line, fit.line.weekdays) }],
        }));
        // Independently of the pooling: per delivery date, the fit rule's serving lines and their sum.
        const expected = (d: DemandWithQuantity, give: (l: StoredCapacityLine) => number) =>
          deliveryDates({ ...period, weekdays: d.weekdays }).reduce((sum, date) => {
            const offered = fits.filter((fit) => servedDates(fit, d, period).includes(date)).reduce((s, fit) => s + give(fit.line), 0);
            return sum + Math.min(d.quantity, offered);
          }, 0);
        const free = (l: StoredCapacityLine) => Math.max(0, l.quantity - heldQuantity);
        const declared = (l: StoredCapacityLine) => l.quantity;
        const one = feasibilityInputs({ period, demand: [demand[0]], capacity });
        expect(planJointBid(one.free).covered).toBe(expected(demand[0], free));
        expect(planJointBid(one.declared).covered).toBe(expected(demand[0], declared));
        const all = feasibilityInputs({ period, demand, capacity });
        const freePlan = planJointBid(all.free);
        expect(freePlan.covered).toBeLessThanOrEqual(demand.reduce((sum, d) => sum + expected(d, free), 0));
        expect(freePlan.covered).toBeLessThanOrEqual(planJointBid(all.declared).covered);
      }),
      { numRuns: 60 },
    );
  });

  it("spreads a weekly line over the week's delivery dates", () => {
    const weekly = { organisationId: 3, fit: { line: line(30, { period: "week", quantity: 10, weekdays: [] }), cpvCode: preparedMeals }, held: [] };
    const demand = [{ ...saladDemand[0], weekdays: [1, 2, 3] }];
    const inputs = feasibilityInputs({ period: { ...period, to: "2026-03-06" }, demand, capacity: [weekly] });
    expect(inputs.declared.capacity.map((o) => o.capacity)).toEqual([4, 3, 3]);
  });
});

describe("idle capacity beside a shortfall", () => {
  it("names a participant whose fitting line has capacity no commitment lets the plan use", () => {
    const demand: DemandWithQuantity[] = [{ ...saladDemand[1], weekdays: [2], quantity: 30 }];
    const tuesdays = deliveryDates({ ...period, weekdays: [2] });
    const plan = { shortfall: tuesdays.map((date) => ({ demandId: `d2:${date}`, missing: 5 })) };
    // Fontänhuset's 40 a day: 35 allocated elsewhere on Tuesdays, so 5 idle.
    const allocated = new Map([[fontanhusetCatering.line.id, new Map(tuesdays.map((date) => [date, 35]))]]);
    const hints = idleFittingCapacity({
      demand,
      capacity: [
        { organisationId: 1, fit: fontanhusetCatering },
        { organisationId: 1, fit: fontanhusetFika },
      ],
      heldElsewhere: new Map(),
      allocated,
      plan,
    });
    expect(hints).toEqual([
      {
        organisationId: 1,
        item: "Sallad, vegetarisk",
        unit: "portions",
        site: "Kristallen",
        weekday: 2,
        quantity: 5,
        days: tuesdays.length,
        shortDays: tuesdays.length,
      },
    ]);
    expect(idleFittingCapacity({ demand, capacity: [{ organisationId: 1, fit: fontanhusetFika }], heldElsewhere: new Map(), allocated, plan })).toEqual([]);
  });
});

// --- Generators and the invariant -------------------------------------------------------------

const randomLine = fc
  .record({
    period: fc.constantFrom("weekday" as const, "week" as const),
    quantity: fc.integer({ min: 0, max: 80 }),
    weekdays: fc.subarray([1, 2, 3, 4, 5], { minLength: 1 }),
    sites: fc.subarray(["A", "B", "C"]),
  })
  .map((l) => line(1, l));

const randomLines = fc
  .array(
    fc.record({
      l: randomLine,
      cpvCode: fc.constantFrom(catering, preparedMeals, "55330000-2", "15894210-6"),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((lines) => lines.map(({ l, cpvCode }, k): FitCapacityLine => ({ line: { ...l, id: k + 1 }, cpvCode })));

const randomDemand = fc
  .array(
    fc.record({
      item: fc.constantFrom("Sallad", "Soppa"),
      site: fc.constantFrom("A", "B", "C"),
      weekdays: fc.subarray([1, 2, 3, 4, 5], { minLength: 1 }),
      quantity: fc.integer({ min: 1, max: 100 }),
      own: fc.constantFrom(null, preparedMeals),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((lines) =>
    lines.map((d, k): DemandWithQuantity => ({
      id: k + 1,
      item: d.item,
      unit: "portions",
      site: d.site,
      weekdays: d.weekdays,
      quantity: d.quantity,
      cpvCodes: demandCpvCodes(catering, d.own),
    })),
  );

const randomHeld = fc.nat(60);

/** Independently of the code under test: per date (or ISO week for a weekly line), what is held never exceeds the line. */
function expectWithinCapacity(l: StoredCapacityLine, held: readonly HeldCommitment[]) {
  const load = new Map<string, number>();
  for (const h of held)
    for (const date of h.dates) {
      const key = l.period === "week" ? weekStart(date) : date;
      load.set(key, (load.get(key) ?? 0) + h.quantity);
    }
  for (const units of load.values()) expect(units).toBeLessThanOrEqual(l.quantity);
}
