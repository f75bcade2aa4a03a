/**
 * What a first visit downloads in JavaScript, per page, from the last `npm run build`:
 * `npm run build && npm run bench:javascript`. Issue 14's budget: the directory at most 120 KB
 * gzipped.
 */
import { pageJavaScript, readClientManifest } from "./javascript";

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const pages = [
  "routes/_index",
  "routes/organisations._index",
  "routes/organisations.$slug",
  "routes/requests._index",
  "routes/requests.$id",
  "routes/bids.$id",
  "routes/meetings._index",
  "routes/meetings.statistics",
  "routes/pilot._index",
  "routes/login",
];
const known = readClientManifest().routes;
console.log("| page (route) | files | raw KB | gzipped KB |\n|---|---:|---:|---:|");
for (const id of pages.filter((page) => page in known)) {
  const page = pageJavaScript(id);
  console.log(`| ${id.replace("routes/", "")} | ${page.files.length} | ${kb(page.rawBytes)} | ${kb(page.gzippedBytes)} |`);
}
