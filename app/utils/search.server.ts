// Routes reach search through this module, for the same reason as db.server.ts.
export { searchEngine } from "../../search/index.server";
export { healthReport } from "../../search/health.server";
