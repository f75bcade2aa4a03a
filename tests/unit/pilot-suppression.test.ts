/**
 * Small-number suppression of the pilot report: the rules over one report's relations, and the
 * exact audit behind them, checked by an independent checker (tests/support/disclosure-checker.ts,
 * GLPK over a finer model) on the demo's rows and, as a property, on random registers and on
 * pairs of publications.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type RegisterRow, reportCells, reportCounts, validateOutcomeCounts } from "../../app/domain/pilot";
import { countRows } from "../../app/domain/pilot-report";
import { type Relation, displayCount, suppressedCells } from "../../app/domain/suppression";
import type { IntegerSolver } from "../../app/domain/disclosure-audit";
import { integerSolver } from "../../app/models/integer-solver.server";
import { type CheckedPublication, disclosureExposures, readers } from "../support/disclosure-checker";

let solver: IntegerSolver;
beforeAll(async () => {
  solver = await integerSolver();
});

const hidden = (cells: Record<string, number>, relations: Relation[]) => [...suppressedCells(cells, relations)].sort();

const row = (procurementId: number, gender: RegisterRow["gender"], period: string, participants: number, sa: number, o: number[]): RegisterRow => ({
  procurementId,
  gender,
  periodFrom: `${period}-01`,
  periodTo: `${period}-28`,
  participants,
  onSocialAssistance: sa,
  outcomes: { work: o[0], studies: o[1], unemployment_benefit: o[2], social_assistance: o[3], other_unknown: o[4] },
});

/** No exposure to either reader: the one ".." leaves with nothing more, and the one who counts on zeros being shown. */
async function expectProtected(publications: CheckedPublication[]) {
  expect(await disclosureExposures(publications, readers.nothingMore)).toEqual([]);
  expect(await disclosureExposures(publications, readers.zerosShown)).toEqual([]);
}

/** What a report publishes, in the labels of its JSON export, for the checker. */
function published(rows: RegisterRow[], procurementIds: number[], history: { rows: RegisterRow[]; procurementIds: number[]; hidden: string[] }[] = []) {
  const result = reportCounts({ rows, procurementIds, history, solver });
  const exported = countRows(
    result.counts,
    procurementIds.map((id) => ({ id, title: `p${id}` })),
  );
  const publication: CheckedPublication = { rows: rows.filter((r) => procurementIds.includes(r.procurementId)), figures: exported };
  return { result, publication, exported };
}

/** The demo's outcome rows (seed/demo-pilot.server.ts): paving 1, sweeping 2, catering 3, construction 4. */
const demo = [
  row(1, "women", "2023-09", 2, 2, [1, 0, 0, 1, 0]),
  row(1, "men", "2023-09", 9, 8, [4, 1, 0, 2, 1]),
  row(1, "women", "2024-01", 3, 3, [1, 1, 0, 0, 0]),
  row(1, "men", "2024-01", 6, 5, [3, 0, 1, 1, 0]),
  row(2, "men", "2024-03", 5, 5, [2, 1, 1, 1, 0]),
  row(2, "women", "2024-03", 1, 1, [1, 0, 0, 0, 0]),
  row(4, "men", "2024-02", 7, 6, [3, 0, 0, 0, 1]),
  row(4, "women", "2024-02", 4, 4, [1, 2, 0, 0, 0]),
];

describe("the rules over one report's relations", () => {
  it("hide every count from 1 to 4 and show 0 and 5 and more", () => {
    expect(hidden({ a: 0, b: 1, c: 4, d: 5, e: 12 }, [])).toEqual(["b", "c"]);
    expect(displayCount({ value: null, suppressed: true })).toBe("..");
    expect(displayCount({ value: 0, suppressed: false })).toBe("0");
  });

  it("reject counts that are not non-negative integers, and relations that do not add up", () => {
    expect(() => suppressedCells({ a: -1 }, [])).toThrow();
    expect(() => suppressedCells({ a: 1.5 }, [])).toThrow();
    expect(() => suppressedCells({ t: 10, a: 3, b: 6 }, [{ total: "t", parts: ["a", "b"] }])).toThrow(/add up/);
  });

  it("hide another part when a total minus the shown parts would give a small count away", () => {
    const relations = [{ total: "total", parts: ["women", "men", "other"] }];
    expect(hidden({ total: 20, women: 3, men: 9, other: 8 }, relations)).toEqual(["other", "women"]);
  });

  it('hide another non-zero part before a zero: "0" is worth showing', () => {
    // Both would open no new hole; the part of 9 is held back and the zero stays.
    expect(hidden({ total: 12, women: 3, men: 0, other: 9 }, [{ total: "total", parts: ["women", "men", "other"] }])).toEqual(["other", "women"]);
  });

  it("hide one more when the hidden parts together are a small group", () => {
    // women 1 and men 2 hidden, but 20 − 17 = 3 would tell that the two together are 3.
    expect(hidden({ total: 20, women: 1, men: 2, other: 17 }, [{ total: "total", parts: ["women", "men", "other"] }])).toEqual(["men", "other", "women"]);
  });
});

describe("the issue's finding on the 2023 demo (paving: 2 women, 9 men)", () => {
  it("no longer lets anyone work out that there were exactly 2 women", async () => {
    const { result, publication, exported } = published(demo.slice(0, 2), [1]);
    await expectProtected([publication]);
    // Every figure from 1 to 4 is hidden, with one mark; the total of 11 may be shown.
    for (const f of publication.figures) if (f.value !== null) expect(f.value === 0 || f.value >= 5, `${f.table}/${f.row}/${f.column}`).toBe(true);
    expect(result.counts.participants.women.total.suppressed).toBe(true);
    // Men 9 = 11 − women: hidden as well, or women would follow.
    expect(result.counts.participants.men.total.suppressed).toBe(true);
    expect(exported.every((f) => (f.value === null ? f.display === ".." : f.display === String(f.value)))).toBe(true);
  }, 60_000);

  it("keeps the totals people look for in the whole pilot, where only the details are small", async () => {
    const ids = [1, 2, 3, 4];
    const { result, publication } = published(demo, ids);
    await expectProtected([publication]);
    expect(result.counts.participants.all.total).toEqual({ value: 37, suppressed: false });
    expect(result.counts.participants.women.total).toEqual({ value: 10, suppressed: false });
    expect(result.counts.participants.men.total).toEqual({ value: 27, suppressed: false });
  }, 60_000);

  it("protects 2023 once 2023 is public and the whole pilot is published after it (the difference is 2024)", async () => {
    const first = published(demo.slice(0, 2), [1]);
    const second = published(demo, [1, 2, 3, 4], [{ rows: demo.slice(0, 2), procurementIds: [1], hidden: first.result.hidden }]);
    await expectProtected([first.publication, second.publication]);
  }, 60_000);

  it("was exposed as the first version published it, which the checker finds (it can fail)", async () => {
    // The 2023 report as the earlier suppression printed it ("<5" for every hidden figure, zeros
    // shown): every figure below is what it showed, null for "<5".
    const old: Record<string, (number | null)[]> = {
      // participants: total, on social assistance, not on it
      "participants/women": [null, null, 0],
      "participants/men": [null, 8, null],
      "participants/other": [0, 0, 0],
      "participants/all": [11, null, null],
      // outcomes: work, studies, unemployment benefit, social assistance, other, not followed up
      "outcomes/women": [null, 0, 0, null, 0, 0],
      "outcomes/men": [null, null, 0, null, null, null],
      "outcomes/other": [0, 0, 0, 0, 0, 0],
      "outcomes/all": [null, null, 0, null, null, null],
      // work or studies, benefit or assistance
      "outcome_groups/women": [null, null],
      "outcome_groups/men": [null, null],
      "outcome_groups/other": [0, 0],
      "outcome_groups/all": [6, null],
      // paving, by gender: women, men, other, all
      "participants_by_procurement/1": [null, null, 0, 11],
    };
    const columns: Record<string, string[]> = {
      participants: ["total", "on_social_assistance", "not_on_social_assistance"],
      outcomes: ["work", "studies", "unemployment_benefit", "social_assistance", "other_unknown", "not_followed_up"],
      outcome_groups: ["work_or_studies", "benefit_or_assistance"],
      participants_by_procurement: ["women", "men", "other", "all"],
    };
    const figures = Object.entries(old).flatMap(([key, values]) => {
      const [table, rowName] = key.split("/");
      return values.map((value, i) =>
        table === "participants_by_procurement"
          ? { table, row: "p1", column: columns[table][i], value, procurementId: 1 }
          : { table, row: rowName, column: columns[table][i], value },
      );
    });
    // Zeros were always shown as 0, so the reader knew every "<5" to be at least 1 (and not below
    // five: it also stood for 10 and 5).
    const exposures = await disclosureExposures([{ rows: demo.slice(0, 2), figures }], readers.zerosShown);
    // Exactly 2 women, 1 to work and 1 to social assistance, and 1 man without assistance.
    const exact = Object.fromEntries(exposures.filter((e) => e.least === e.greatest).map((e) => [e.what, e.least]));
    expect(exact).toMatchObject({
      "0: participants/women/total": 2,
      "0: outcomes/women/work": 1,
      "0: outcomes/women/social_assistance": 1,
      "0: participants/men/not_on_social_assistance": 1,
    });
  }, 60_000);
});

const genders = ["women", "men", "other"] as const;

/** A register: per procurement and gender at most one row per period, with counts that add up. */
const registerRow = (procurementId: number, gender: RegisterRow["gender"], period: string) =>
  fc
    .record({
      sa: fc.integer({ min: 0, max: 7 }),
      noSa: fc.integer({ min: 0, max: 4 }),
      split: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 }),
    })
    .map(({ sa, noSa, split }) => {
      const participants = sa + noSa;
      // Hand the participants out over the outcomes in order; what is left is not followed up.
      let left = participants;
      const o = split.map((n) => {
        const taken = Math.min(n, left);
        left -= taken;
        return taken;
      });
      return row(procurementId, gender, period, participants, sa, o);
    });

const register = fc
  .tuple(fc.integer({ min: 1, max: 2 }), fc.subarray([...genders], { minLength: 1 }), fc.integer({ min: 1, max: 2 }))
  .chain(([procurements, present, periods]) =>
    fc.tuple(
      ...Array.from({ length: procurements }, (_, p) => p + 1).flatMap((p) =>
        present.flatMap((g) => Array.from({ length: periods }, (_, k) => registerRow(p, g, `2024-0${k + 1}`))),
      ),
    ),
  );

describe("suppression on random registers, checked independently (property)", () => {
  it("leaves no hidden count with fewer than three possible values, and shows nothing from 1 to 4", async () => {
    await fc.assert(
      fc.asyncProperty(register, async (rows) => {
        const ids = [...new Set(rows.map((r) => r.procurementId))];
        const { publication } = published(rows, ids);
        await expectProtected([publication]);
      }),
      { numRuns: 40 },
    );
  }, 240_000);

  it("holds across two publications: a first period, then the whole register after it grew", async () => {
    await fc.assert(
      fc.asyncProperty(register, fc.integer({ min: 0, max: 3 }), fc.nat(), async (rows, grow, pick) => {
        const ids = [...new Set(rows.map((r) => r.procurementId))];
        const firstRows = rows.filter((r) => r.periodFrom.startsWith("2024-01"));
        const first = published(firstRows, ids);
        // Later, a row of the first period gains people (some into work), and the whole register is published.
        const later = rows.map((r, i) =>
          i === pick % rows.length
            ? {
                ...r,
                participants: r.participants + grow,
                onSocialAssistance: r.onSocialAssistance + grow,
                outcomes: { ...r.outcomes, work: r.outcomes.work + grow },
              }
            : r,
        );
        const second = published(later, ids, [{ rows: firstRows, procurementIds: ids, hidden: first.result.hidden }]);
        await expectProtected([first.publication, second.publication]);
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});

describe("the report's count tables", () => {
  it("ignore rows of procurements that are not in the report", () => {
    const { counts } = reportCounts({ rows: demo, procurementIds: [1], solver });
    expect(counts.participants.all.total).toEqual({ value: 20, suppressed: false });
  });

  it("compute each cell from the rows (the relations add up)", () => {
    const { cells } = reportCells(demo, [1, 2, 3, 4]);
    expect(cells["participants|all|all"]).toBe(37);
    expect(cells["outcome|all|not_followed_up"]).toBe(37 - 16 - 5 - 2 - 5 - 2);
    expect(cells["participants|4|women"]).toBe(4);
  });
});

describe("outcome validation", () => {
  const counts = (participants: number, sa: number, o: number[]) => row(1, "women", "2024-01", participants, sa, o);

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
