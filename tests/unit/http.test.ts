import { describe, expect, it } from "vitest";
import { dispatchIntent, orNotFound } from "../../app/utils/http.server";

const form = (intent?: string) => {
  const data = new FormData();
  if (intent !== undefined) data.set("intent", intent);
  return data;
};

const thrownStatus = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : "not a Response";
  }
  return "nothing thrown";
};

describe("dispatchIntent", () => {
  it("runs the handler the form names", async () => {
    expect(await dispatchIntent(form("save"), { save: () => "saved", remove: async () => "removed" })).toBe("saved");
    expect(await dispatchIntent(form("remove"), { save: () => "saved", remove: async () => "removed" })).toBe("removed");
  });

  it("answers 400 for a missing or unknown intent, including names every object has", async () => {
    for (const intent of [undefined, "", "drop", "constructor", "__proto__", "toString"]) {
      expect(await thrownStatus(() => dispatchIntent(form(intent), { save: () => "saved" }))).toBe(400);
    }
  });
});

describe("orNotFound", () => {
  it("passes a value through and turns null or undefined into a 404", async () => {
    expect(orNotFound(0)).toBe(0);
    expect(await thrownStatus(async () => orNotFound(null))).toBe(404);
    expect(await thrownStatus(async () => orNotFound(undefined))).toBe(404);
  });
});
