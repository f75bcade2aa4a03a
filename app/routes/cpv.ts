import type { Route } from "./+types/cpv";
import type { ServerArgs } from "../utils/route-args";
import { cpvSuggestions } from "../domain/cpv-search";
import { localeFromRequest } from "../utils/locale.server";

/**
 * GET /cpv?q=: the CPV codes that fit what was typed (a code or words, in Swedish or English), best
 * first, as JSON for the CPV field's suggestion list. The 9,454 codes stay on the server; without
 * JavaScript the form's own answer lists them instead (decision 017). The vocabulary is public.
 */
export async function loader({ request }: ServerArgs<Route.LoaderArgs>) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  const locale = localeFromRequest(request);
  return Response.json(
    { q, suggestions: cpvSuggestions(q).map((c) => ({ code: c.code, label: c[locale], words: c.everydayWords })) },
    { headers: { "Cache-Control": "private, max-age=300", Vary: "Cookie, Accept-Language" } },
  );
}
