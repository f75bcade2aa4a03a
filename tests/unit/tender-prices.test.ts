import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupCriterion, shelteredWorkshopCriterion, shareAsFraction } from "../../app/domain/tender/espd";
import { kronorText, parseKronor, parsePercent, paymentAfterShare, percentText, vatOn, VAT_RATES, type VatRate } from "../../app/domain/tender/money";
import { parseDemandId, paymentKey, tenderFigures, type Delivery, type LinePrice, type PriceInput } from "../../app/domain/tender/prices";
import { figuresFor, priceVisibility, takeoverOrder, tenderProblems, type TenderParticipant } from "../../app/domain/tender/tender";

describe("kronor typed by people", () => {
  it("reads öre from Swedish and English writing, and refuses what is not a positive amount with at most two decimals", () => {
    expect(parseKronor("65")).toEqual({ ok: true, ore: 6500 });
    expect(parseKronor("65,5")).toEqual({ ok: true, ore: 6550 });
    expect(parseKronor("65.50")).toEqual({ ok: true, ore: 6550 });
    expect(parseKronor("1 234,56 kr")).toEqual({ ok: true, ore: 123456 });
    expect(parseKronor("0,01")).toEqual({ ok: true, ore: 1 });
    expect(parseKronor("")).toEqual({ ok: false, problem: "required" });
    expect(parseKronor("-5")).toEqual({ ok: false, problem: "positive" });
    expect(parseKronor("0")).toEqual({ ok: false, problem: "positive" });
    expect(parseKronor("0,00")).toEqual({ ok: false, problem: "positive" });
    expect(parseKronor("6,505")).toEqual({ ok: false, problem: "decimals" });
    expect(parseKronor("sex")).toEqual({ ok: false, problem: "format" });
    expect(parseKronor("1e3")).toEqual({ ok: false, problem: "format" });
    expect(parseKronor("1 000 001")).toEqual({ ok: false, problem: "tooLarge" });
    expect(parseKronor("1 000 001", 1_000_000_000_000)).toEqual({ ok: true, ore: 100_000_100 });
  });

  it("writes back what it read", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.constantFrom(",", ".") as fc.Arbitrary<"," | ".">, (ore, sign) => {
        expect(parseKronor(kronorText(ore, sign))).toEqual({ ok: true, ore });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(parsePercent(percentText(bp, ","))).toEqual({ ok: true, basisPoints: bp });
      }),
    );
  });

  it("reads the share as basis points, 0 to 100 % with two decimals", () => {
    expect(parsePercent("5")).toEqual({ ok: true, basisPoints: 500 });
    expect(parsePercent("2,5 %")).toEqual({ ok: true, basisPoints: 250 });
    expect(parsePercent("100")).toEqual({ ok: true, basisPoints: 10_000 });
    expect(parsePercent("100,01").ok).toBe(false);
    expect(parsePercent("-1").ok).toBe(false);
    expect(parsePercent("1,234").ok).toBe(false);
  });

  it("rounds VAT and shares half up, to the öre", () => {
    expect(vatOn(1234, 12)).toBe(148); // 148.08
    expect(vatOn(1250, 12)).toBe(150);
    expect(vatOn(1, 25)).toBe(0); // 0.25
    expect(vatOn(2, 25)).toBe(1); // 0.5 rounds up
    expect(vatOn(1000, 0)).toBe(0);
    expect(paymentAfterShare(6500, 600)).toBe(6110);
    expect(paymentAfterShare(6250, 500)).toBe(5938); // 5937.5
    expect(paymentAfterShare(6250, 0)).toBe(6250);
  });
});

/**
 * An independent computation: every delivery's value and payment summed per month in plain
 * loops, VAT per month and rate with Math.round on the exact fraction.
 */
function naive(input: PriceInput) {
  const months = new Map<string, { units: number; exVat: number; byRate: Map<number, number>; paid: number }>();
  const revenue = new Map<number, number>();
  for (const d of input.deliveries) {
    const price = input.prices.get(d.demandLineId)!;
    const explicit = input.payments.get(`${d.organisationId}:${d.demandLineId}`);
    const payment = explicit ?? Math.round((price.unitPriceOre * (10_000 - input.adminShareBasisPoints)) / 10_000);
    const m = months.get(d.date.slice(0, 7)) ?? { units: 0, exVat: 0, byRate: new Map(), paid: 0 };
    m.units += d.quantity;
    m.exVat += d.quantity * price.unitPriceOre;
    m.byRate.set(price.vatRate, (m.byRate.get(price.vatRate) ?? 0) + d.quantity * price.unitPriceOre);
    m.paid += d.quantity * payment;
    months.set(d.date.slice(0, 7), m);
    revenue.set(d.organisationId, (revenue.get(d.organisationId) ?? 0) + d.quantity * payment);
  }
  return { months, revenue };
}

const scenario = fc
  .record({
    lines: fc.integer({ min: 1, max: 4 }),
    participants: fc.integer({ min: 1, max: 4 }),
    share: fc.integer({ min: 0, max: 5000 }),
  })
  .chain(({ lines, participants, share }) =>
    fc.record({
      share: fc.constant(share),
      prices: fc.array(fc.record({ ore: fc.integer({ min: 1, max: 500_000 }), rate: fc.constantFrom(...VAT_RATES) }), { minLength: lines, maxLength: lines }),
      deliveries: fc.array(
        fc.record({
          line: fc.integer({ min: 0, max: lines - 1 }),
          org: fc.integer({ min: 0, max: participants - 1 }),
          quantity: fc.integer({ min: 1, max: 300 }),
          day: fc.integer({ min: 0, max: 400 }),
        }),
        { maxLength: 60 },
      ),
      payments: fc.array(
        fc.record({
          line: fc.integer({ min: 0, max: lines - 1 }),
          org: fc.integer({ min: 0, max: participants - 1 }),
          fraction: fc.integer({ min: 1, max: 100 }),
        }),
        { maxLength: 6 },
      ),
      participants: fc.constant(participants),
    }),
  )
  .map(({ share, prices, deliveries, payments, participants }) => {
    const lineIds = prices.map((_, k) => 100 + k);
    const orgIds = Array.from({ length: participants }, (_, k) => 10 + k);
    const priceMap = new Map<number, LinePrice>(prices.map((p, k) => [lineIds[k], { unitPriceOre: p.ore, vatRate: p.rate as VatRate }]));
    const input: PriceInput = {
      lines: lineIds.map((id) => ({ demandLineId: id, item: `item ${id}`, unit: "portions", site: "Stadshuset", quantity: 10 })),
      prices: priceMap,
      deliveries: deliveries.map((d): Delivery => ({
        demandLineId: lineIds[d.line],
        organisationId: orgIds[d.org],
        quantity: d.quantity,
        date: new Date(Date.UTC(2027, 0, 1 + d.day)).toISOString().slice(0, 10),
      })),
      demandDates: [],
      participantIds: orgIds,
      adminShareBasisPoints: share,
      payments: new Map(payments.map((p) => [paymentKey(orgIds[p.org], lineIds[p.line]), Math.max(1, Math.floor((prices[p.line].ore * p.fraction) / 100))])),
    };
    return input;
  });

describe("the bid's figures", () => {
  it("agree with an independent computation, and every total is the exact sum of its parts", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const figures = tenderFigures(input)!;
        const expected = naive(input);
        expect(figures.months.map((m) => m.month)).toEqual([...expected.months.keys()].sort());
        for (const m of figures.months) {
          const e = expected.months.get(m.month)!;
          expect(m.units).toBe(e.units);
          expect(m.exVat).toBe(e.exVat);
          expect(m.vat).toBe([...e.byRate].reduce((s, [rate, base]) => s + Math.round((base * rate) / 100), 0));
          expect(m.incVat).toBe(m.exVat + m.vat);
          expect(m.leadShare).toBe(e.exVat - e.paid);
        }
        const sum = (pick: (m: (typeof figures.months)[number]) => number) => figures.months.reduce((s, m) => s + pick(m), 0);
        expect(figures.total.exVat).toBe(sum((m) => m.exVat));
        expect(figures.total.vat).toBe(sum((m) => m.vat));
        expect(figures.total.incVat).toBe(sum((m) => m.incVat));
        expect(figures.total.units).toBe(input.deliveries.reduce((s, d) => s + d.quantity, 0));
        expect(figures.total.exVat).toBe(figures.participants.reduce((s, p) => s + p.revenue, 0) + figures.total.leadShare);
        for (const p of figures.participants) {
          expect(p.revenue).toBe(expected.revenue.get(p.organisationId) ?? 0);
          expect(p.revenue).toBe(p.months.reduce((s, m) => s + m.revenue, 0));
          expect(p.units).toBe(p.months.reduce((s, m) => s + m.units, 0));
        }
        expect(figures.lines.reduce((s, l) => s + l.valueExVat, 0)).toBe(figures.total.exVat);
        for (const l of figures.lines) {
          expect(l.perDelivery.exVat).toBe(l.quantity * l.price.unitPriceOre);
          expect(l.perDelivery.incVat).toBe(l.perDelivery.exVat + l.perDelivery.vat);
        }
        // With no payment above the price, the lead never pays out more than the bid earns.
        expect(figures.total.leadShare).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it("needs a price on every line", () => {
    const input: PriceInput = {
      lines: [{ demandLineId: 1, item: "Sallad", unit: "portions", site: "Stadshuset", quantity: 10 }],
      prices: new Map(),
      deliveries: [],
      demandDates: [],
      participantIds: [],
      adminShareBasisPoints: 0,
      payments: new Map(),
    };
    expect(tenderFigures(input)).toBeNull();
  });

  it("reads the plan's demand ids", () => {
    expect(parseDemandId("d42:2027-03-01")).toEqual({ demandLineId: 42, date: "2027-03-01" });
    expect(parseDemandId("c42:2027-03-01")).toBeNull();
  });
});

describe("who sees which prices", () => {
  const figures = tenderFigures({
    lines: [{ demandLineId: 1, item: "Sallad", unit: "portions", site: "Stadshuset", quantity: 10 }],
    prices: new Map([[1, { unitPriceOre: 6000, vatRate: 12 }]]),
    deliveries: [
      { demandLineId: 1, date: "2027-01-04", organisationId: 1, quantity: 6 },
      { demandLineId: 1, date: "2027-01-04", organisationId: 2, quantity: 4 },
    ],
    demandDates: [{ demandLineId: 1, date: "2027-01-04" }],
    participantIds: [1, 2],
    adminShareBasisPoints: 500,
    payments: new Map(),
  });

  it("shows the lead everything, a participant the totals and its own, the buyer the bid after the deadline, others nothing", () => {
    expect(priceVisibility({ manage: true, isBuyer: false, ownOrganisationIds: [] }, false)).toEqual({ bid: true, all: true, own: [] });
    const own = figuresFor(figures, priceVisibility({ manage: false, isBuyer: false, ownOrganisationIds: [2] }, false))!;
    expect(own.participants.map((p) => p.organisationId)).toEqual([2]);
    expect(own.total.leadShare).toBe(0);
    expect(own.total.exVat).toBe(60_000);
    expect(figuresFor(figures, priceVisibility({ manage: false, isBuyer: true, ownOrganisationIds: [] }, false))).toBeNull();
    const buyer = figuresFor(figures, priceVisibility({ manage: false, isBuyer: true, ownOrganisationIds: [] }, true))!;
    expect(buyer.participants).toEqual([]);
    expect(buyer.total.exVat).toBe(60_000);
    expect(figuresFor(figures, priceVisibility({ manage: false, isBuyer: false, ownOrganisationIds: [] }, true))).toBeNull();
  });
});

describe("what blocks the tender pack", () => {
  const participant = (over: Partial<TenderParticipant>): TenderParticipant => ({
    organisationId: 1,
    name: "Fontänhuset Lund",
    slug: "fontanhuset-lund",
    orgNumber: "802400-1230",
    isLead: true,
    confirmed: true,
    workforceShare: 80,
    workforceShareDate: "2026-09-30",
    verifiedAt: "2026-10-01T00:00:00.000Z",
    targetGroups: [],
    email: null,
    phone: null,
    website: null,
    details: { streetAddress: "Bangatan 7", postalCode: "222 21", city: "Lund", companySize: "micro", signatoryName: "Maria", signatoryRole: "ledare" },
    ...over,
  });
  const line = { demandLineId: 1, item: "Sallad", unit: "portions", site: "Stadshuset", quantity: 10 };

  it("names each problem and whom it concerns; nothing when all is there", () => {
    const base = {
      status: "committed" as const,
      requestKind: "reserved" as const,
      hasLead: true,
      hasPlan: true,
      planStale: false,
      lines: [line],
      prices: new Map([[1, { unitPriceOre: 1, vatRate: 12 as const }]]),
    };
    expect(tenderProblems({ ...base, participants: [participant({})] })).toEqual([]);
    expect(
      tenderProblems({
        ...base,
        planStale: true,
        prices: new Map(),
        participants: [
          participant({}),
          participant({ organisationId: 2, name: "Erikshjälpen", isLead: false, confirmed: false, workforceShare: 20, verifiedAt: null, details: null }),
        ],
      }),
    ).toEqual([
      { kind: "planStale" },
      { kind: "notConfirmed", organisation: "Erikshjälpen" },
      { kind: "priceMissing", item: "Sallad", site: "Stadshuset" },
      { kind: "detailsMissing", organisation: "Erikshjälpen" },
      { kind: "notEligible", organisation: "Erikshjälpen", reasons: ["shareBelowThreshold", "notVerified"] },
    ]);
    // Eligibility only matters for a reserved procurement.
    expect(tenderProblems({ ...base, requestKind: "direct_purchase", participants: [participant({ workforceShare: null, verifiedAt: null })] })).toEqual([]);
    expect(tenderProblems({ ...base, status: "withdrawn", hasLead: false, hasPlan: false, participants: [] })).toEqual([
      { kind: "closed" },
      { kind: "noLead" },
      { kind: "noPlan" },
    ]);
  });

  it("hands a member's deliveries to the others with the most unused confirmed capacity first", () => {
    const summary = {
      participants: [
        { organisationId: 1, allocated: 100, capacity: 110, utilisation: 0 },
        { organisationId: 2, allocated: 10, capacity: 90, utilisation: 0 },
        { organisationId: 3, allocated: 0, capacity: 80, utilisation: 0 },
      ],
    } as Parameters<typeof takeoverOrder>[0];
    expect(
      takeoverOrder(summary, [
        { organisationId: 1, name: "A" },
        { organisationId: 2, name: "B" },
        { organisationId: 3, name: "C" },
      ]).map((p) => p.name),
    ).toEqual(["B", "C", "A"]);
  });
});

describe("the ESPD's criteria", () => {
  const taxonomy = fs.readFileSync("tests/fixtures/espd-edm-4.1.0/validation/ESPDResponse/xsl/ESPD-criterion.xml", "utf8");

  it("are copied from the ESPD-EDM 4.1.0 taxonomy: every group and question, with its type", () => {
    for (const criterion of [shelteredWorkshopCriterion, groupCriterion]) {
      const start = taxonomy.indexOf(`>${criterion.id}</cbc:ID>`);
      const block = taxonomy.slice(start, taxonomy.indexOf("</cac:TenderingCriterion>", start));
      expect(block).toContain(`>${criterion.typeCode}</cbc:CriterionTypeCode>`);
      expect(block).toContain(`<cbc:Name>${criterion.name}</cbc:Name>`);
      const ids = [...block.matchAll(/>(C\d+_OT_[\w-]+\/[\w/]+)<\/cbc:ID>/g)].map((m) => m[1]);
      const ours = criterion.groups.flatMap(function walk(g): string[] {
        return [g.id, ...g.properties.map((p) => p.id), ...g.subgroups.flatMap(walk)];
      });
      expect(ours.sort()).toEqual(ids.sort());
      for (const g of criterion.groups.flatMap(function all(x): typeof criterion.groups {
        return [x, ...x.subgroups.flatMap(all)];
      })) {
        for (const p of g.properties) {
          const at = block.indexOf(`>${p.id}</cbc:ID>`);
          const property = block.slice(at, block.indexOf("</cac:TenderingCriterionProperty>", at));
          expect(property, p.id).toContain(`>${p.valueType}</cbc:ValueDataTypeCode>`);
          expect(property, p.id).toContain(`<cbc:Description>${p.description}</cbc:Description>`);
        }
      }
    }
  });

  it("write the workforce share as a fraction, as the taxonomy's guidance does", () => {
    expect(shareAsFraction(40)).toBe("0.4");
    expect(shareAsFraction(55)).toBe("0.55");
    expect(shareAsFraction(100)).toBe("1.0");
    expect(shareAsFraction(33.5)).toBe("0.335");
  });
});
