import { describe, expect, it } from "vitest";
import { plannerSites, sitesFromText, sitesToText, toCapacityOffer } from "../../app/domain/capacity";
import { planJointBid } from "../../app/domain/planner";

describe("sites in the form", () => {
  it("are typed separated by commas or new lines, blanks dropped", () => {
    expect(sitesFromText(" Linero,\nNorra Fäladen ,, ")).toEqual(["Linero", "Norra Fäladen"]);
    expect(sitesFromText(sitesToText(["Linero", "Klostergården"]))).toEqual(["Linero", "Klostergården"]);
    expect(sitesFromText("")).toEqual([]);
  });
});

describe("the planner's reading of stored sites", () => {
  it("maps no sites (anywhere) to null and keeps a list as it is", () => {
    expect(plannerSites([])).toBeNull();
    expect(plannerSites(["Lund", "Eslöv"])).toEqual(["Lund", "Eslöv"]);
  });

  it("lets a stored line without sites serve demand at any site", () => {
    const demand = [{ id: "d1", item: "salad", site: "Linero", slot: "2026-12-01", quantity: 5 }];
    const offer = toCapacityOffer({ sites: [] }, { id: "c1", orgId: "o1", item: "salad", slot: "2026-12-01", capacity: 10 });
    expect(offer.sites).toBeNull();
    expect(planJointBid({ demand, capacity: [offer] }).covered).toBe(5);
    const elsewhere = toCapacityOffer({ sites: ["Eslöv"] }, { id: "c2", orgId: "o1", item: "salad", slot: "2026-12-01", capacity: 10 });
    expect(planJointBid({ demand, capacity: [elsewhere] }).covered).toBe(0);
  });
});
