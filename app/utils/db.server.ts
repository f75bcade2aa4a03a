// Routes reach the database through this module: Remix keeps only `.server` modules inside app/
// out of the browser bundle, and db/ lives outside app/.
export { db } from "../../db/client.server";
