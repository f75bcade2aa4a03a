// Routes reach the database through this module, a `.server` module, which the build keeps out of
// the browser bundle; db/ lives outside app/ (decision 001).
export { db } from "../../db/client.server";
export { isDatabaseFullError } from "../../db/write-failures";
