import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loader as directoryLoader } from "../../app/routes/organisations._index";
import { openDemoDatabase } from "./support/app-database";
import { getRequest } from "./support/requests";

let close: () => Promise<void>;
beforeAll(async () => {
  ({ close } = await openDemoDatabase());
});
afterAll(() => close());

async function directory(path: string) {
  return directoryLoader({ request: getRequest(path), params: {}, context: {} });
}

describe("the directory's page data", () => {
  it("carries what its cards show, not the searchable text behind them", async () => {
    const { result } = await directory("/organisations");
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) {
      expect(Object.keys(hit.document).sort()).toEqual(["description", "id", "kind", "name", "offeringTitles", "reservedEligible", "slug", "verified"]);
    }
    expect(JSON.stringify(result)).not.toContain("cpvLabels");
    expect(result.facets.kind).toBeTruthy();
  });

  it("keeps the highlighted words of a text search", async () => {
    const { result } = await directory("/organisations?q=sallader");
    const highlighted = result.hits.find((hit) => hit.highlighted?.offeringTitles || hit.highlighted?.description);
    expect(highlighted).toBeTruthy();
    expect(JSON.stringify(highlighted!.highlighted)).toContain("<mark>");
  });
});
