// What every browser test shares: Chromium as this machine runs it, and the
// audit of a page at both widths (nothing wider than the screen, no serious
// or critical axe-core finding, a screenshot of each into target/browser/).
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const root = resolve(import.meta.dirname, "../..");
export const bin = process.env.LADDER_BIN ?? join(root, "target/debug/ladder");
const shots = join(root, "target/browser");
// axe-core is evaluated through the DevTools protocol, which the page's
// Content-Security-Policy does not govern.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/// Debian's Chromium, headless, with nothing that calls out to the network.
export async function launch() {
  mkdirSync(shots, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/// The page as it is now, at both widths: no horizontal scrolling, no
/// serious or critical axe-core finding, a screenshot of each. Returns the
/// problems found (empty when none).
export async function audit(page, name) {
  const found = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (wide > width) found.push(`${name} at ${width} px is ${wide} px wide`);
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of result.violations) {
      if (v.impact === "serious" || v.impact === "critical") {
        found.push(`${name} at ${width} px: ${v.id} (${v.impact}) on ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      }
    }
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return found;
}
