import { describe, expect, it } from "vitest";
import { markMatchingWords } from "../../search/highlight";
import { highlightHtml } from "../../search/meilisearch.server";

describe("match highlighting", () => {
  it("marks words that start with a term, ignoring å/ä/ö, and escapes everything else", () => {
    expect(markMatchingWords("Fontänhuset <b>Lund</b>", ["fontan"])).toBe("<mark>Fontänhuset</mark> &lt;b&gt;Lund&lt;/b&gt;");
    expect(markMatchingWords("Fonta\u0308nhuset", ["fontan"])).toBe("<mark>Fontänhuset</mark>");
    expect(markMatchingWords("Iris Kraft", ["fontan"])).toBeUndefined();
  });

  it("marks the part of a Swedish compound that matched (decision 017)", () => {
    expect(markMatchingWords("Lunchsallader & soppor", ["sallad"])).toBe("Lunch<mark>sallader</mark> &amp; soppor");
    expect(markMatchingWords("Storstädning", ["stadning"])).toBe("Stor<mark>städning</mark>");
    // A word that only ends like one is not split: "ring" is no part of "Catering".
    expect(markMatchingWords("Catering", ["ring"])).toBeUndefined();
  });

  it("turns only Meilisearch's own marks into <mark>, never markup in the text", () => {
    const formatted = "\uE000Städ\uE001 & <script>x</script>";
    expect(highlightHtml(formatted, "Städ & <script>x</script>", ["stad"])).toBe("<mark>Städ</mark> &amp; &lt;script&gt;x&lt;/script&gt;");
  });

  it("does not trust Meilisearch's marks when the text itself holds the tag characters", () => {
    const original = "A\uE000B\uE001 städning";
    const formatted = "A\uE000B\uE001 \uE000städning\uE001";
    expect(highlightHtml(formatted, original, ["stadning"])).toBe("A\uE000B\uE001 <mark>städning</mark>");
  });
});
