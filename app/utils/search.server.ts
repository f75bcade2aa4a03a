// Routes reach search through this module, for the same reason as db.server.ts.
export { healthReport, searchEngine } from "../../search/engine.server";
export { cachedOrganisationSearch } from "../../search/result-cache.server";
export { directoryCard } from "../../search/documents";
