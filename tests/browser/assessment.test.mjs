// A real browser through the app: sign in, fill an assessment, see the
// placement and the radar chart; the manager sees it; another member cannot.
//
// Runs Debian's Chromium through playwright-core (no browser download).
// Needs the `ladder` binary: LADDER_BIN, or target/debug/ladder from the
// repository root. Screenshots go to target/browser/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");
const bin = process.env.LADDER_BIN ?? join(root, "target/debug/ladder");
const shots = join(root, "target/browser");
const password = "correct horse battery";
const dir = mkdtempSync(join(tmpdir(), "ladder-browser-"));
const db = `sqlite://${join(dir, "ladder.db")}`;
let server, base, browser;
const consoleErrors = [];

function ladder(...args) {
  return execFileSync(bin, [...args, "--db", db], {
    env: { ...process.env, LADDER_PASSWORD: password },
  }).toString();
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  ladder("user", "add", "--email", "mia@example.com", "--name", "Mia Manager", "--access", "manager", "--role", "director");
  ladder("user", "add", "--email", "sam@example.com", "--name", "Sam Member", "--manager", "mia@example.com", "--role", "pm");
  ladder("user", "add", "--email", "olu@example.com", "--name", "Olu Other", "--role", "pm");
  server = spawn(bin, ["serve", "--addr", "127.0.0.1:0", "--db", db], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((ok, fail) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/\S+)/);
      if (m) ok(m[1]);
    });
    server.on("exit", (c) => fail(new Error(`ladder serve exited with ${c}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(email, { refusalsExpected = false } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("console", (m) => {
    // The refused page loads themselves show as console errors; nothing else may.
    if (m.type() === "error" && !(refusalsExpected && /status of 40[34]/.test(m.text()))) {
      consoleErrors.push(`${email}: ${m.text()}`);
    }
  });
  page.on("dialog", (d) => d.accept());
  await page.goto(`${base}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/me`);
  return { context, page };
}

let assessmentUrl;

test("a member fills an assessment and sees the placement and radar chart", async () => {
  const { context, page } = await signIn("sam@example.com");
  await page.getByRole("link", { name: "Fill a self-assessment" }).click();
  // Every control of the form has a label.
  const unlabelled = await page.$$eval("input:not([type=hidden]), select, textarea",
    (els) => els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.name));
  assert.deepEqual(unlabelled, []);
  // Rate every competency one level above what a PM needs, where the scale allows.
  for (const select of await page.locator("select[name^='rating.']").all()) {
    const options = await select.locator("option").evaluateAll((os) => os.map((o) => o.value));
    const current = await select.inputValue();
    const up = options[Math.min(options.indexOf(current) + 1, options.length - 1)];
    await select.selectOption(up);
  }
  await page.getByLabel("Evidence (optional)").first().fill("Led the discovery for the pricing page.");
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/assessments\/\d+$/);
  assessmentUrl = page.url();
  const placement = await page.locator("#placement").innerText();
  assert.notEqual(placement, "below every role");
  assert.ok(await page.locator("svg.radar").isVisible(), "the radar chart is shown");
  assert.equal(await page.locator("svg.radar polygon.rating").count(), 1);
  assert.equal(await page.locator("svg.radar polygon.current").count(), 1);
  await page.screenshot({ path: join(shots, "assessment.png"), fullPage: true });
  await page.goto(`${base}/me`);
  assert.match(await page.locator("#placement").innerText(), new RegExp(placement));
  assert.ok(await page.locator("svg.radar").isVisible());
  assert.ok(await page.locator("svg.history").isVisible(), "the history chart is shown");
  await page.screenshot({ path: join(shots, "me.png"), fullPage: true });
  await context.close();
});

test("the manager sees the report's assessment", async () => {
  assert.ok(assessmentUrl, "the member's assessment exists");
  const { context, page } = await signIn("mia@example.com");
  await page.getByRole("link", { name: "Team" }).click();
  const row = page.locator("#team tr", { hasText: "Sam Member" });
  await row.waitFor();
  assert.doesNotMatch(await row.innerText(), /none submitted/);
  await page.screenshot({ path: join(shots, "team.png"), fullPage: true });
  const answer = await page.goto(assessmentUrl);
  assert.equal(answer.status(), 200);
  assert.ok(await page.locator("svg.radar").isVisible());
  await context.close();
});

test("another member cannot see it", async () => {
  const { context, page } = await signIn("olu@example.com", { refusalsExpected: true });
  const answer = await page.goto(assessmentUrl);
  assert.equal(answer.status(), 404);
  assert.doesNotMatch(await page.content(), /Sam Member|sam@example.com/);
  const team = await page.goto(`${base}/team`);
  assert.equal(team.status(), 403);
  await context.close();
});

test("public pages work signed out, with keyboard focus and no console errors", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(`public: ${m.text()}`); });
  await page.goto(`${base}/roles/pm`);
  assert.match(await page.locator("h1").innerText(), /Product Manager/i);
  await page.goto(`${base}/titles`);
  await page.keyboard.press("Tab"); // skip link
  await page.keyboard.press("Enter");
  await page.getByLabel("Job title").fill("Senior PM");
  await page.getByLabel("Job title").press("Enter");
  await page.locator("#title-result").waitFor();
  assert.match(await page.locator("#title-result").innerText(), /Senior Product Manager/);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto(`${base}/`);
  await page.screenshot({ path: join(shots, "overview-mobile.png") });
  await context.close();
  assert.deepEqual(consoleErrors, [], "no script or CSP errors in the console");
});
