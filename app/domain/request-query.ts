import type { RequestKind } from "./request";
import { requestKinds } from "./request";

/** The `/requests` query string, read leniently: anything unknown is dropped, never an error. */
export interface RequestListParams {
  q: string;
  kind: RequestKind[];
  cpvCategory: string[];
  site: string[];
  within: 7 | 30 | null;
  state: "open" | "closed";
  matching: boolean;
  page: number;
}

export const REQUESTS_PAGE_SIZE = 20;

export function parseRequestListParams(params: URLSearchParams): RequestListParams {
  const pageText = params.get("page");
  const page = pageText && /^[0-9]{1,5}$/.test(pageText) ? Math.max(1, Number(pageText)) : 1;
  const within = params.get("within");
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    kind: params.getAll("kind").filter((k): k is RequestKind => (requestKinds as readonly string[]).includes(k)),
    cpvCategory: params
      .getAll("cpv")
      .filter((c) => /^[0-9]{2}$/.test(c))
      .slice(0, 20),
    site: params
      .getAll("site")
      .map((s) => s.slice(0, 120))
      .slice(0, 20),
    within: within === "7" ? 7 : within === "30" ? 30 : null,
    state: params.get("state") === "closed" ? "closed" : "open",
    matching: params.get("matching") === "1",
    page,
  };
}
