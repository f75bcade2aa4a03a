/**
 * The JavaScript a first visit to a page downloads: the client entry, the root route and the
 * page's own route, each with the shared chunks it imports, counted once and gzipped (level 9,
 * as `compression` does not go further and browsers receive at most this).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

type ManifestEntry = { module: string; imports?: string[] };
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestEntry> };

/** The browser's build: `build/client`, whose `assets/` the server sends under `/assets/`. */
export function readClientManifest(clientDir = "build/client"): Manifest {
  const buildDir = join(clientDir, "assets");
  const file = readdirSync(buildDir).find((name) => /^manifest-[A-Za-z0-9_-]+\.js$/.test(name));
  if (!file) throw new Error(`No manifest in ${buildDir}: run npm run build first.`);
  const text = readFileSync(join(buildDir, file), "utf8");
  return JSON.parse(text.slice(text.indexOf("=") + 1).replace(/;\s*$/, "")) as Manifest;
}

export type PageJavaScript = { files: string[]; rawBytes: number; gzippedBytes: number };

export function pageJavaScript(routeId: string, clientDir = "build/client"): PageJavaScript {
  const manifest = readClientManifest(clientDir);
  const route = manifest.routes[routeId];
  if (!route) throw new Error(`No route ${routeId} in the client manifest.`);
  const parts = [manifest.entry, manifest.routes.root, route];
  const files = [...new Set(parts.flatMap((part) => [part.module, ...(part.imports ?? [])]))];
  let rawBytes = 0;
  let gzippedBytes = 0;
  for (const url of files) {
    const bytes = readFileSync(join(clientDir, url));
    rawBytes += bytes.length;
    gzippedBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { files, rawBytes, gzippedBytes };
}
