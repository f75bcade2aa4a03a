/**
 * Reading a printed PDF back, with Mozilla's PDF.js (`pdfjs-dist`, from npm, so nothing outside
 * npm is needed; decision 010): each page's text in Node, and each page drawn as an image by
 * PDF.js inside Chromium, for a person to look at.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";

const pdfjsBuild = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../node_modules/pdfjs-dist/build");

export interface PdfPage {
  number: number;
  /** The page's text in reading order, lines joined by newlines. */
  text: string;
  width: number;
  height: number;
  /** How far right and left the page's text reaches (points): text outside the page is cut off. */
  textRight: number;
  textLeft: number;
}

/** Every page's text and size (in points: A4 portrait is about 595 × 842). */
export async function pdfPages(pdf: Uint8Array): Promise<PdfPage[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    let text = "";
    let textRight = 0;
    let textLeft = Infinity;
    for (const item of content.items) {
      if (!("str" in item)) continue;
      text += item.str + (item.hasEOL ? "\n" : "");
      if (item.str.trim() === "") continue;
      const x = item.transform[4];
      textLeft = Math.min(textLeft, x);
      textRight = Math.max(textRight, x + item.width);
    }
    const [, , width, height] = page.view;
    pages.push({ number, text, width, height, textRight, textLeft });
  }
  await document.destroy();
  return pages;
}

/** Draws every page with PDF.js in Chromium and saves them as PNG files; returns their paths. */
export async function savePdfPageImages(browser: Browser, pdf: Uint8Array, directory: string, prefix: string): Promise<string[]> {
  fs.mkdirSync(directory, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
  try {
    const page = await context.newPage();
    const origin = "http://pdf.test";
    await page.route(`${origin}/**`, async (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === "document.pdf") return route.fulfill({ body: Buffer.from(pdf), contentType: "application/pdf" });
      if (name === "index.html") return route.fulfill({ body: viewer, contentType: "text/html" });
      if (name === "pdf.min.mjs" || name === "pdf.worker.min.mjs") {
        return route.fulfill({ body: fs.readFileSync(path.join(pdfjsBuild, name)), contentType: "text/javascript" });
      }
      return route.fulfill({ status: 404 });
    });
    await page.goto(`${origin}/index.html`);
    const count = Number(await (await page.waitForSelector("body[data-pages]", { timeout: 60_000 })).getAttribute("data-pages"));
    const files: string[] = [];
    for (let n = 1; n <= count; n += 1) {
      const file = path.join(directory, `${prefix}-page-${String(n).padStart(2, "0")}.png`);
      await page.locator(`#page-${n}`).screenshot({ path: file });
      files.push(file);
    }
    return files;
  } finally {
    await context.close();
  }
}

const viewer = `<!doctype html><html><body style="margin:0;background:#888">
<div id="pages" style="display:flex;flex-direction:column;gap:8px"></div>
<script type="module">
import * as pdfjs from "/pdf.min.mjs";
pdfjs.GlobalWorkerOptions.workerSrc = "/pdf.worker.min.mjs";
const doc = await pdfjs.getDocument("/document.pdf").promise;
for (let n = 1; n <= doc.numPages; n += 1) {
  const page = await doc.getPage(n);
  const viewport = page.getViewport({ scale: 1.25 });
  const canvas = document.createElement("canvas");
  canvas.id = "page-" + n;
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  document.getElementById("pages").append(canvas);
  await page.render({ canvasContext: canvas.getContext("2d"), viewport }).promise;
}
document.body.dataset.pages = String(doc.numPages);
</script></body></html>`;
