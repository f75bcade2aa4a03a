import { describe, expect, it } from "vitest";
import { detectImageType } from "../../app/domain/image-type";
import { declaresReservedShare, isEligibleForReservedContracts, slugify } from "../../app/domain/organisation";
import { safeRedirectPath } from "../../app/utils/auth.server";
import { parseDirectoryQuery } from "../../app/utils/directory-query";
import { localeFromRequest } from "../../app/utils/locale.server";
import { isCrossSiteRequest } from "../../app/utils/origin-check.server";

describe("detectImageType", () => {
  it("recognises PNG, JPEG and WebP by content, nothing else", () => {
    expect(detectImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(detectImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(detectImageType(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(detectImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(detectImageType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(detectImageType(new Uint8Array())).toBeNull();
  });
});

describe("reserved-contract eligibility (LOU 4 kap. 18 §)", () => {
  const verified = "2026-01-01T00:00:00.000Z";
  it("starts at 30 %", () => {
    expect(isEligibleForReservedContracts({ workforce_share: 29, verified_at: verified })).toBe(false);
    expect(isEligibleForReservedContracts({ workforce_share: 30, verified_at: verified })).toBe(true);
    expect(isEligibleForReservedContracts({ workforce_share: null, verified_at: verified })).toBe(false);
  });
  it("needs a verified organisation: an unverified figure is only self-declared", () => {
    expect(isEligibleForReservedContracts({ workforce_share: 80, verified_at: null })).toBe(false);
    expect(declaresReservedShare({ workforce_share: 80 })).toBe(true);
  });
});

describe("slugify", () => {
  it("folds Swedish letters", () => {
    expect(slugify("Fontänhuset Lund")).toBe("fontanhuset-lund");
    expect(slugify("Lunds kommun – Serviceförvaltningen")).toBe("lunds-kommun-serviceforvaltningen");
    expect(slugify("!!!")).toBe("organisation");
  });
});

describe("safeRedirectPath", () => {
  it("follows only paths on this site", () => {
    expect(safeRedirectPath("/organisations?q=x")).toBe("/organisations?q=x");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath("/\t/evil.example")).toBe("/");
    expect(safeRedirectPath("/\n/evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example")).toBe("/");
    expect(safeRedirectPath(null)).toBe("/");
    // Dot segments that resolve to a path starting with "//".
    expect(safeRedirectPath("/.//evil.example")).toBe("/");
    expect(safeRedirectPath("/..//evil.example")).toBe("/");
    expect(safeRedirectPath("/%2e//evil.example")).toBe("/");
    expect(safeRedirectPath("/a/b/../../organisations")).toBe("/organisations");
  });
});

describe("isCrossSiteRequest", () => {
  const req = (method: string, headers: Record<string, string>) => ({ method, headers, siteOrigin: "http://stl.example:3000" });
  it("refuses state changes from other sites and allows same-origin ones", () => {
    expect(isCrossSiteRequest(req("POST", { origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { origin: "http://stl.example:3000", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteRequest(req("GET", { origin: "https://evil.example" }))).toBe(false);
    expect(isCrossSiteRequest(req("POST", {}))).toBe(false);
    // The scheme and port count, and Sec-Fetch-Site is read without Origin.
    expect(isCrossSiteRequest(req("POST", { origin: "https://stl.example:3000" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { origin: "http://stl.example:3001" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { origin: "http://stl.example" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteRequest(req("POST", { "sec-fetch-site": "same-origin" }))).toBe(false);
  });
});

describe("localeFromRequest", () => {
  const request = (headers: Record<string, string>) => new Request("http://x/", { headers });
  it("prefers the cookie, then Accept-Language, then Swedish", () => {
    expect(localeFromRequest(request({ Cookie: "a=1; lang=en", "Accept-Language": "sv" }))).toBe("en");
    expect(localeFromRequest(request({ "Accept-Language": "de-DE, en;q=0.8, sv;q=0.5" }))).toBe("en");
    expect(localeFromRequest(request({ "Accept-Language": "de-DE" }))).toBe("sv");
    expect(localeFromRequest(request({}))).toBe("sv");
  });
});

describe("parseDirectoryQuery", () => {
  it("ignores unknown facet values and bad pages instead of failing", () => {
    const query = parseDirectoryQuery(new URLSearchParams("q=sallad&kind=hybrid&kind=bogus&cpv=55&cpv=zz&area=Lund&reserved=1&page=-4"));
    expect(query).toEqual({
      q: "sallad",
      kind: ["hybrid"],
      cpvCategory: ["55"],
      serviceArea: ["Lund"],
      reservedEligible: true,
      page: 1,
      pageSize: 24,
    });
  });
});
