import { describe, expect, it } from "vitest";
import { data } from "react-router";
import * as editOffering from "../../app/routes/organisations.$slug_.offerings.$offeringId";
import { offeringConstraint } from "../../app/forms/offering-form";
import { refusalReply } from "../../app/utils/forms";
import { renderPage } from "../support/render-page";

/**
 * The refused deletion of an offering is a form's reply like every other refusal (the action's
 * answer is checked in tests/integration/capacity-cut.test.ts): the page shows its message, in the
 * page's language, in the error summary beside the bids that hold the offering.
 */
const route = {
  path: "organisations/:slug/offerings/:offeringId",
  Component: editOffering.default,
  handle: editOffering.handle,
  loader: () => ({
    organisation: { slug: "x", name: "X" },
    offering: { id: 1, title: "Sallad", description: "", cpvCode: "15894200-3", unit: "portions", capacity: [] },
    cpv: { sv: "Färdiglagad mat", en: "Prepared meals" },
    constraint: offeringConstraint,
  }),
  action: () =>
    data(
      {
        form: "delete",
        reply: refusalReply({ key: "offering.belowCommitmentsOffering" }),
        belowCommitments: [{ bidId: 7, capacityLineId: 3, requestTitle: "Lunch till Stadshuset", quantity: 40 }],
      },
      { status: 409 },
    ),
};

const deletion = () => new Request("http://localhost/organisations/x/offerings/1", { method: "POST", body: new URLSearchParams({ intent: "deleteOffering" }) });

describe("a refused deletion of an offering", () => {
  it("says why in the error summary, in Swedish and in English, and names the bid", async () => {
    const sv = await renderPage(route, deletion(), "sv");
    expect(sv.status).toBe(409);
    expect(sv.html).toMatch(/role="alert"[^>]*>[\s\S]*Erbjudandet kan inte tas bort: era bekräftade åtaganden/);
    expect(sv.html).toContain("Lunch till Stadshuset");
    const en = await renderPage(route, deletion(), "en");
    expect(en.html).toContain("The offering cannot be deleted: your confirmed commitments");
  });
});
