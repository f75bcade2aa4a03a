import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { pageJavaScript } from "../../bench/javascript";

/**
 * What a first visit downloads in JavaScript, from the build `npm test` makes before the tests:
 * the directory is the page most visitors open first, often on a phone (decision 015: at most
 * 120 KB gzipped). Mantine is imported from its package as its docs say; the bundler keeps only the
 * components a page uses, so a page that pulled in all of Mantine would fail here.
 */
describe("the directory's JavaScript", () => {
  it("is at most 120 KB gzipped on a first visit, and leaves out the components only other pages use", () => {
    expect(fs.existsSync("build/client/assets"), "run `npm run build` first (npm test does)").toBe(true);
    const directory = pageJavaScript("routes/organisations._index");
    expect(directory.gzippedBytes).toBeLessThanOrEqual(120 * 1024);
    const bid = pageJavaScript("routes/bids.$id");
    // The joint bid page's chart library is not part of the directory's first visit.
    expect(bid.files.filter((file) => !directory.files.includes(file)).length).toBeGreaterThan(0);
    expect(directory.files.some((file) => /BarChart/.test(file))).toBe(false);
  });
});

describe("the CPV vocabulary", () => {
  it("stays on the server: no browser file holds its labels", () => {
    expect(fs.existsSync("build/client/assets"), "run `npm run build` first (npm test does)").toBe(true);
    // Labels of the CPV 2008 that no page's own text has (decision 017: pages ask /cpv?q=).
    const labels = ["Huvudsallat", "Motorcykeldäck", "Färdiglagad mat", "Bicycle helmets"];
    const holding = fs
      .readdirSync("build/client/assets")
      .filter((file) => file.endsWith(".js"))
      .filter((file) => labels.some((label) => fs.readFileSync(`build/client/assets/${file}`, "utf8").includes(label)));
    expect(holding).toEqual([]);
  });
});
