import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportCells, reportCounts, validateOutcomeCounts, type OutcomeRow } from "../../app/domain/pilot";
import { type Relation, determinedCells, displayCount, suppressCounts, suppressedCells } from "../../app/domain/suppression";

const hidden = (cells: Record<string, number>, relations: Relation[]) => [...suppressedCells(cells, relations)].sort();

describe("primary suppression", () => {
  it("hides every count from 1 to 4 and shows 0 and 5 and more", () => {
    const cells = { a: 0, b: 1, c: 4, d: 5, e: 12 };
    expect(hidden(cells, [])).toEqual(["b", "c"]);
    const shown = suppressCounts(cells, []);
    expect(displayCount(shown.a)).toBe("0");
    expect(displayCount(shown.b)).toBe("<5");
    expect(displayCount(shown.c)).toBe("<5");
    expect(displayCount(shown.d)).toBe("5");
  });

  it("rejects counts that are not non-negative integers, and relations that do not add up", () => {
    expect(() => suppressedCells({ a: -1 }, [])).toThrow();
    expect(() => suppressedCells({ a: 1.5 }, [])).toThrow();
    expect(() => suppressedCells({ t: 10, a: 3, b: 6 }, [{ total: "t", parts: ["a", "b"] }])).toThrow(/add up/);
  });
});

describe("suppression by subtraction", () => {
  it("hides another part when a total minus the shown parts would give a small count away", () => {
    // women 3 is hidden; total 20 − men 9 − other 8 would give 3 back, so the smallest other part goes too.
    const cells = { total: 20, women: 3, men: 9, other: 8 };
    const relations = [{ total: "total", parts: ["women", "men", "other"] }];
    expect(hidden(cells, relations)).toEqual(["other", "women"]);
  });

  it("hides the total when no other part could hide it", () => {
    // two parts: women 2 hidden, men 0 shown: the total is 2 itself and already hidden.
    expect(hidden({ total: 2, women: 2, men: 0 }, [{ total: "total", parts: ["women", "men"] }])).toEqual(["total", "women"]);
  });

  it("hides one more when the hidden parts together make a small count", () => {
    // women 1 and men 2 are hidden, but 20 − 17 = 3 would tell that the two together are 3.
    const cells = { total: 20, women: 1, men: 2, other: 17 };
    const relations = [{ total: "total", parts: ["women", "men", "other"] }];
    expect(hidden(cells, relations)).toEqual(["men", "other", "women"]);
  });

  it("hides a total when its parts are all shown and it is a small count", () => {
    // not realistic for totals of parts ≥ 5, but a total of 0 + 3 would be hidden with its part.
    expect(hidden({ total: 3, a: 3, b: 0 }, [{ total: "total", parts: ["a", "b"] }])).toEqual(["a", "total"]);
  });

  it("follows a hidden cell into every relation it belongs to (a two-way table)", () => {
    // rows: procurements p, q; columns: women, men; with row and column totals.
    //        women men  total
    //   p      2    10    12
    //   q      8     9    17
    //   total 10    19    29
    const cells = { pw: 2, pm: 10, pt: 12, qw: 8, qm: 9, qt: 17, tw: 10, tm: 19, tt: 29 };
    const relations: Relation[] = [
      { total: "pt", parts: ["pw", "pm"] },
      { total: "qt", parts: ["qw", "qm"] },
      { total: "tt", parts: ["pt", "qt"] },
      { total: "tw", parts: ["pw", "qw"] },
      { total: "tm", parts: ["pm", "qm"] },
      { total: "tt", parts: ["tw", "tm"] },
    ];
    const result = suppressedCells(cells, relations);
    expect(result.has("pw")).toBe(true);
    expectNoRelationGivesAwayAHiddenCell(cells, relations, result);
    // pw can no longer be worked out: the classic four-cell pattern hides pw, pm, qw, qm.
    expect([...result].sort()).toEqual(["pm", "pw", "qm", "qw"]);
  });

  it("finds a hidden cell that only a combination of relations gives away", () => {
    // With c, d, m hidden every relation has two hidden members, yet h − f gives d, then
    // t − a − b − d gives c and k − d gives m. Hiding f as well leaves each one open.
    const relations: Relation[] = [
      { total: "t", parts: ["a", "b", "c", "d"] },
      { total: "h", parts: ["d", "f"] },
      { total: "k", parts: ["d", "m"] },
    ];
    expect(determinedCells(relations, new Set(["c", "d", "m"])).sort()).toEqual(["c", "d", "m"]);
    expect(determinedCells(relations, new Set(["c", "d", "m", "f"]))).toEqual([]);
  });

  it("protects against combined relations: participants = (work or studies) + (benefit or assistance) + other + not followed up", () => {
    // The demo's pattern: work 22, studies 6 and "not followed up" 8 are shown, the benefit cells and
    // "other" are small; the group "benefit or assistance" 7 is shown. Relation by relation nothing
    // has a single hidden member, but participants − 22 − 6 − 8 − 7 would give "other" away.
    const cells = { p: 46, work: 22, studies: 6, ub: 3, sa: 4, other: 3, nf: 8, ws: 28, ba: 7 };
    const relations: Relation[] = [
      { total: "p", parts: ["work", "studies", "ub", "sa", "other", "nf"] },
      { total: "ws", parts: ["work", "studies"] },
      { total: "ba", parts: ["ub", "sa"] },
    ];
    const result = suppressedCells(cells, relations);
    expect(determinedCells(relations, result).filter((id) => cells[id as keyof typeof cells] > 0)).toEqual([]);
    // "not followed up" is the cheapest fourth cell: it is in no other relation.
    expect([...result].sort()).toEqual(["nf", "other", "sa", "ub"]);
  });

  it("shows everything when there is nothing small", () => {
    const cells = { total: 30, a: 10, b: 20 };
    expect(hidden(cells, [{ total: "total", parts: ["a", "b"] }])).toEqual([]);
  });
});

function expectNoRelationGivesAwayAHiddenCell(cells: Record<string, number>, relations: Relation[], result: Set<string>) {
  for (const relation of relations) {
    const members = [relation.total, ...relation.parts];
    expect(members.filter((m) => result.has(m)).length).not.toBe(1);
    if (!result.has(relation.total)) {
      const sum = relation.parts.filter((m) => result.has(m)).reduce((s, m) => s + cells[m], 0);
      expect(sum === 0 || sum >= 5).toBe(true);
    }
  }
  for (const [cell, value] of Object.entries(cells)) if (value > 0 && value < 5) expect(result.has(cell)).toBe(true);
  // No combination of relations pins a hidden non-zero cell down either.
  expect(determinedCells(relations, result).filter((id) => cells[id] > 0)).toEqual([]);
}

describe("suppression on random two-way tables (property)", () => {
  it("hides every small count and leaves no relation that gives a hidden cell away", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 }).filter(
          (rows) => rows.every((r) => r.length === rows[0].length),
        ),
        (rows) => {
          const cells: Record<string, number> = {};
          const relations: Relation[] = [];
          const cols = rows[0].length;
          rows.forEach((row, r) => {
            row.forEach((v, c) => (cells[`c${r}_${c}`] = v));
            cells[`r${r}`] = row.reduce((s, v) => s + v, 0);
            relations.push({ total: `r${r}`, parts: row.map((_, c) => `c${r}_${c}`) });
          });
          for (let c = 0; c < cols; c += 1) {
            cells[`k${c}`] = rows.reduce((s, row) => s + row[c], 0);
            relations.push({ total: `k${c}`, parts: rows.map((_, r) => `c${r}_${c}`) });
          }
          cells.all = Object.keys(cells).filter((k) => k.startsWith("r")).reduce((s, k) => s + cells[k], 0);
          relations.push({ total: "all", parts: rows.map((_, r) => `r${r}`) });
          relations.push({ total: "all", parts: Array.from({ length: cols }, (_, c) => `k${c}`) });
          expectNoRelationGivesAwayAHiddenCell(cells, relations, suppressedCells(cells, relations));
        },
      ),
      { numRuns: 300 },
    );
  });
});

const row = (procurementId: number, gender: OutcomeRow["gender"], participants: number, sa: number, o: number[]): OutcomeRow => ({
  procurementId,
  gender,
  participants,
  onSocialAssistance: sa,
  outcomes: { work: o[0], studies: o[1], unemployment_benefit: o[2], social_assistance: o[3], other_unknown: o[4] },
});

describe("the report's count tables", () => {
  const rows = [
    row(1, "women", 12, 10, [5, 2, 1, 2, 0]),
    row(1, "men", 9, 9, [6, 0, 0, 2, 1]),
    row(2, "women", 3, 3, [2, 0, 0, 1, 0]),
    row(2, "other", 1, 1, [0, 0, 0, 0, 1]),
  ];

  it("never shows a count from 1 to 4 in any table", () => {
    const counts = reportCounts(rows, [1, 2]);
    const all = [
      ...Object.values(counts.participants).flatMap((g) => Object.values(g)),
      ...Object.values(counts.outcomes).flatMap((g) => Object.values(g)),
      ...Object.values(counts.groups).flatMap((g) => Object.values(g)),
      ...counts.byProcurement.flatMap((p) => Object.values(p.counts)),
      ...Object.values(counts.byProcurementTotal),
    ];
    for (const c of all) if (!c.suppressed) expect(c.value === 0 || c.value >= 5).toBe(true);
    expect(counts.participants.all.total).toEqual({ value: 25, suppressed: false });
    expect(counts.participants.other.total.suppressed).toBe(true);
  });

  it("hides what subtraction would give away across all tables, and hides the shares of hidden counts", () => {
    const { cells, relations } = reportCells(rows, [1, 2]);
    const result = suppressedCells(cells, relations);
    expectNoRelationGivesAwayAHiddenCell(cells, relations, result);
    const counts = reportCounts(rows, [1, 2]);
    // "other" has 1 participant: the women and men columns cannot both be shown with the total.
    const w = counts.participants.women.total;
    const m = counts.participants.men.total;
    expect(w.suppressed || m.suppressed).toBe(true);
    for (const g of ["women", "men", "other", "all"] as const) {
      const share = counts.shares[g].workOrStudies;
      if (counts.groups[g].workOrStudies.suppressed || counts.participants[g].total.suppressed) expect(share).toBeNull();
    }
  });

  it("keeps the totals people look for when only the details are small (the demo pilot)", () => {
    // [participants, on social assistance, work, studies, unemployment benefit, social assistance, other]
    const demo = [
      row(1, "women", 2, 2, [1, 0, 0, 1, 0]),
      row(1, "men", 9, 8, [4, 1, 0, 2, 1]),
      row(2, "men", 5, 5, [2, 1, 1, 1, 0]),
      row(2, "women", 1, 1, [1, 0, 0, 0, 0]),
      row(4, "men", 7, 6, [3, 0, 0, 0, 1]),
      row(4, "women", 4, 4, [1, 2, 0, 0, 0]),
    ];
    const merged = [...demo, row(1, "women", 3, 3, [1, 1, 0, 0, 0]), row(1, "men", 6, 5, [3, 0, 1, 1, 0])];
    const counts = reportCounts(merged, [1, 2, 3, 4]);
    expect(counts.participants.women.total).toEqual({ value: 10, suppressed: false });
    expect(counts.participants.men.total).toEqual({ value: 27, suppressed: false });
    expect(counts.participants.all.total).toEqual({ value: 37, suppressed: false });
    const { cells, relations } = reportCells(merged, [1, 2, 3, 4]);
    expectNoRelationGivesAwayAHiddenCell(cells, relations, suppressedCells(cells, relations));
  });

  it("ignores rows of procurements that are not in the report", () => {
    const counts = reportCounts(rows, [1]);
    expect(counts.participants.all.total).toEqual({ value: 21, suppressed: false });
  });
});

describe("outcome validation", () => {
  const counts = (participants: number, sa: number, o: number[]) => row(1, "women", participants, sa, o);

  it("accepts outcomes up to the participants, including none followed up yet", () => {
    expect(validateOutcomeCounts(counts(10, 10, [5, 2, 1, 1, 1]))).toBeNull();
    expect(validateOutcomeCounts(counts(10, 0, [0, 0, 0, 0, 0]))).toBeNull();
    expect(validateOutcomeCounts(counts(0, 0, [0, 0, 0, 0, 0]))).toBeNull();
  });

  it("rejects outcomes that exceed the participants", () => {
    expect(validateOutcomeCounts(counts(10, 5, [5, 2, 1, 1, 2]))).toBe("outcomesExceed");
    expect(validateOutcomeCounts(counts(0, 0, [1, 0, 0, 0, 0]))).toBe("outcomesExceed");
  });

  it("rejects more on social assistance than participants", () => {
    expect(validateOutcomeCounts(counts(4, 5, [0, 0, 0, 0, 0]))).toBe("onSocialAssistanceExceeds");
  });

  it("rejects negative and fractional counts", () => {
    expect(validateOutcomeCounts(counts(-1, 0, [0, 0, 0, 0, 0]))).toBe("notCount");
    expect(validateOutcomeCounts(counts(3, 1.5, [0, 0, 0, 0, 0]))).toBe("notCount");
  });
});
