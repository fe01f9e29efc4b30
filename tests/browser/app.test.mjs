// A real browser through the app, as a product org uses it: a member rates
// themselves and sees the next step; their manager rates side by side and
// shares; the member sees both; the manager reads the heatmap and
// calibration; another member sees none of it. Every page is checked at
// 1280 px and 390 px: nothing wider than the screen, and axe-core finds no
// serious or critical problem. Screenshots of each page at both widths go to
// target/browser/ (kept by CI as artefacts).
//
// Runs Debian's Chromium through playwright-core (no browser download).
// Needs the `ladder` binary: LADDER_BIN, or target/debug/ladder from the
// repository root.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { audit, bin, launch, root } from "./audit.mjs";

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
  ladder("user", "add", "--email", "ada@example.com", "--name", "Ada Admin", "--access", "admin", "--role", "vp");
  ladder("user", "add", "--email", "mia@example.com", "--name", "Mia Manager", "--access", "manager", "--role", "director", "--manager", "ada@example.com");
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
  browser = await launch();
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

/// Visits each path and audits it; every problem of every page at once.
async function auditAll(page, paths) {
  const found = [];
  for (const [name, path] of paths) {
    const answer = await page.goto(`${base}${path}`);
    if (answer.status() >= 500) found.push(`${name}: ${answer.status()}`);
    found.push(...(await audit(page, name)));
  }
  assert.deepEqual(found, []);
}

/// Chooses `level` for every competency of the assessment form, except
/// those in `except` (competency id → level).
async function rateAll(page, level, except = {}) {
  for (const select of await page.locator("select[name^='rating.']").all()) {
    const id = (await select.getAttribute("name")).slice("rating.".length);
    await select.selectOption(String(except[id] ?? level));
  }
}

let samId, mineUrl, managerUrl;

test("a member rates themselves and sees the next step, the missing competencies by name", async () => {
  const { context, page } = await signIn("sam@example.com");
  // Evidence for a competency that will fall short.
  await page.getByLabel("What happened (a sentence or two)").fill("Ran the quarterly roadmap review with sales and support.");
  await page.getByLabel("Communication and stakeholder management").check();
  await page.getByRole("button", { name: "Add evidence" }).click();
  await page.waitForURL(`${base}/me#evidence`);

  await page.getByRole("link", { name: "Fill a self-assessment" }).click();
  // Every control has a label; ratings start empty.
  const unlabelled = await page.$$eval("input:not([type=hidden]), select, textarea",
    (els) => els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.name));
  assert.deepEqual(unlabelled, []);
  const chosen = await page.locator("select[name^='rating.']").evaluateAll((ss) => ss.filter((s) => s.value !== "").length);
  assert.equal(chosen, 0, "no rating is chosen in advance");
  // Submitting with nothing chosen is stopped by the browser.
  await page.getByRole("button", { name: "Submit" }).click();
  assert.match(page.url(), /\/me\/assess$/);
  // Choosing a level shows that level's words for the competency.
  await rateAll(page, 3);
  assert.match(await page.locator("#words-execution").innerText(), /Proficient/);
  await page.getByLabel("Evidence (optional): what you saw, in a sentence or two").first()
    .fill("Led the discovery for the pricing page.");
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/assessments\/\d+$/);
  mineUrl = page.url();

  await page.goto(`${base}/me`);
  const next = page.locator("#next + article");
  const heading = await next.locator("h3").innerText();
  assert.match(heading, /^2 competencies from Senior Product Manager$/);
  const missing = await next.locator("h4").allInnerTexts();
  assert.deepEqual(missing.sort(), ["Collaboration with engineering, UX and marketing", "Communication and stakeholder management"]);
  assert.match(await next.innerText(), /Ran the quarterly roadmap review/);
  assert.equal(await next.locator("progress").getAttribute("value"), "10");
  await auditAll(page, [
    ["me", "/me"],
    ["self-assessment-form", "/me/assess"],
    ["assessment", mineUrl.slice(base.length)],
    ["account", "/me/account"],
    ["review-before-sharing", "/me/review"],
  ]);
  await context.close();
});

test("the manager rates side by side and shares; the member then sees both", async () => {
  const { context, page } = await signIn("mia@example.com");
  await page.getByRole("link", { name: "Team", exact: true }).click();
  const row = page.locator("#team tr", { hasText: "Sam Member" });
  await row.waitFor();
  assert.match(await row.innerText(), /Senior Product Manager: 2 short/);
  await row.getByRole("link", { name: "Sam Member" }).click();
  samId = page.url().match(/\/people\/(\d+)/)[1];
  await page.getByRole("link", { name: "Rate side by side" }).click();
  assert.match(await page.locator("#c-communication").innerText(), /Their own rating\s*3 – Proficient/);
  assert.match(await page.locator("#c-communication").innerText(), /Ran the quarterly roadmap review/);
  await rateAll(page, 3, { execution: 2 });
  await page.getByRole("button", { name: "Submit" }).click();
  await page.waitForURL(/\/assessments\/\d+$/);
  managerUrl = page.url();
  await auditAll(page, [
    ["manager-assessment", managerUrl.slice(base.length)],
    ["team", "/team"],
    ["person", `/people/${samId}`],
    ["rate-form", `/people/${samId}/assess`],
    ["heatmap", "/team/heatmap"],
    ["calibration", "/team/calibration"],
  ]);
  await page.goto(managerUrl);

  // Not shared yet: Sam does not see it.
  const sam = await signIn("sam@example.com", { refusalsExpected: true });
  assert.equal((await sam.page.goto(managerUrl)).status(), 404);
  await sam.page.goto(`${base}/me`);
  assert.match(await sam.page.locator("#manager + p").innerText(), /not shared an assessment/);

  await page.getByRole("button", { name: "Share with Sam Member" }).click();
  await page.locator(".notice", { hasText: "Shared with Sam Member" }).waitFor();

  await sam.page.goto(`${base}/me`);
  await sam.page.getByRole("link", { name: "See them side by side" }).click();
  assert.match(await sam.page.locator("main").innerText(), /1 of 12 competencies rated differently/);
  const differing = await sam.page.locator("#review tr.differs th").allInnerTexts();
  assert.deepEqual(differing, ["Execution and delivery"]);
  assert.deepEqual(await audit(sam.page, "review-shared"), []);
  await sam.context.close();

  // The heatmap shows the manager's ratings against the bar.
  await page.goto(`${base}/team/heatmap`);
  const heat = page.locator("#heatmap tr", { hasText: "Sam Member" });
  // Against a PM's bar: execution one below; nothing else below.
  assert.equal(await heat.locator("td.d-1").count(), 1);
  assert.equal(await heat.locator("td.d-2").count(), 0);

  // Readiness filter: the manager's rating decides; Sam is not ready yet.
  await page.goto(`${base}/team`);
  await page.getByLabel("Readiness").selectOption({ label: "Not ready yet" });
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/ready=not-yet/);
  assert.match(await page.locator("main").innerText(), /1 person match/);
  await page.locator("#team tr", { hasText: "Sam Member" }).waitFor();
  await page.getByLabel("Readiness").selectOption({ label: "Ready for a next role" });
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/ready=ready/);
  assert.match(await page.locator("main").innerText(), /No one matches this filter/);
  assert.deepEqual(await audit(page, "team-filtered"), []);
  await context.close();
});

test("another member sees none of it", async () => {
  const { context, page } = await signIn("olu@example.com", { refusalsExpected: true });
  assert.equal((await page.goto(mineUrl)).status(), 404);
  assert.equal((await page.goto(managerUrl)).status(), 404);
  assert.doesNotMatch(await page.content(), /Sam Member|sam@example.com/);
  assert.equal((await page.goto(`${base}/team`)).status(), 403);
  await context.close();
});

test("the admin's pages and the public pages, signed in and out, at both widths", async () => {
  const { context, page } = await signIn("ada@example.com");
  await auditAll(page, [
    ["admin", "/admin"],
    ["org", "/admin/org"],
    ["org-size-error", "/admin/org?company_size=galaxy"],
    ["overview-signed-in", "/"],
  ]);
  // One header everywhere: the public overview shows the signed-in menu.
  await page.goto(`${base}/`);
  assert.ok(await page.getByRole("button", { name: "Sign out" }).isVisible());
  assert.equal(await page.getByRole("link", { name: "Sign in" }).count(), 0);
  await context.close();

  const anon = await browser.newContext();
  const p = await anon.newPage();
  p.on("console", (m) => { if (m.type() === "error" && !/status of 404/.test(m.text())) consoleErrors.push(`public: ${m.text()}`); });
  await auditAll(p, [
    ["overview", "/"],
    ["role", "/roles/pm"],
    ["competencies", "/competencies"],
    ["compare-form", "/compare"],
    ["compare", "/compare/pm--senior-pm"],
    ["titles", "/titles?q=Senior+Growth+PM"],
    ["paths", "/paths?from=pm&to=director"],
    ["login", "/login"],
    ["not-found", "/no/such/page"],
  ]);
  // The skip link is the first stop of the keyboard, on public pages too.
  await p.goto(`${base}/roles/pm`);
  await p.keyboard.press("Tab");
  assert.equal(await p.evaluate(() => document.activeElement.textContent), "Skip to content");
  await p.goto(`${base}/titles`);
  await p.getByLabel("Job title").fill("Senior PM");
  await p.getByLabel("Job title").press("Enter");
  await p.locator("#title-result").waitFor();
  assert.match(await p.locator("#title-result").innerText(), /Senior Product Manager/);
  await anon.close();
});

test("the admin sees a new ladder's changes, in names, before putting it in force", async () => {
  const { context, page } = await signIn("ada@example.com");
  // A company's ladder kept as a workbook, as `ladder export` writes it.
  const xlsx = join(dir, "lumen.xlsx");
  execFileSync(bin, ["export", "--ladder", join(root, "crates/ladder-cli/tests/fixtures/companies/lumen-2026.toml"), "--out", xlsx]);
  await page.goto(`${base}/admin`);
  await page.getByLabel(/Ladder file \(TOML\), or a workbook/).setInputFiles(xlsx);
  await page.getByRole("button", { name: "Show the changes" }).click();
  await page.waitForURL(/\/admin\/ladders\/preview/);
  const main = await page.locator("main").innerText();
  assert.match(main, /Check the new ladder before it is in force/);
  assert.match(main, /Senior Product Manager/);
  assert.doesNotMatch(main, /expectations\./);
  assert.deepEqual(await audit(page, "ladder-preview"), []);
  // Cancel: the built-in ladder stays in force for the tests after this one.
  await page.getByRole("link", { name: /Cancel/ }).click();
  await page.waitForURL(/\/admin$/);
  assert.match(await page.locator("main").innerText(), /In force: version 1 — Product management/);
  await context.close();
});

test("the admin imports a roster through the page, then finds, confirms and deactivates people", async () => {
  const { context, page } = await signIn("ada@example.com");
  await auditAll(page, [["import", "/admin/people/import"]]);
  // A file with a row that cannot be imported: its plan names the row and offers no write.
  await page.goto(`${base}/admin/people/import`);
  await page.getByLabel("Roster file").setInputFiles({
    name: "bad.csv", mimeType: "text/csv",
    buffer: Buffer.from("Name,Email,Title,Manager\nBo Li,bo@acme.io,Product Manager,ghost@acme.io\n"),
  });
  await page.getByRole("button", { name: "Show what would change" }).click();
  await page.waitForURL(/\/admin\/people\/import\/\d+/);
  assert.match(await page.locator("#blocking + p + table").innerText(), /ghost@acme\.io/);
  assert.equal(await page.getByRole("button", { name: "Write the import" }).count(), 0);
  assert.deepEqual(await audit(page, "import-problems"), []);
  // The real export: BOM, semicolons, CRLF, split names, worker ids.
  await page.goto(`${base}/admin/people/import`);
  await page.getByLabel("Roster file").setInputFiles(join(root, "crates/ladder-core/tests/data/rosters/hr-export-messy.csv"));
  await page.getByRole("button", { name: "Show what would change" }).click();
  await page.waitForURL(/\/admin\/people\/import\/\d+/);
  assert.match(await page.locator("main").innerText(), /18 rows: 18 to add/);
  assert.deepEqual(await audit(page, "import-plan"), []);
  await page.getByRole("button", { name: "Write the import" }).click();
  await page.locator("p.notice", { hasText: "Imported: 18 added" }).waitFor();
  assert.deepEqual(await audit(page, "import-done"), []);
  // Everyone, searchable; the roles to confirm, confirmed in one click.
  await page.goto(`${base}/admin/people`);
  assert.deepEqual(await audit(page, "people"), []);
  const row = page.locator("#confirm ~ table tr", { hasText: "Hana Sato" });
  await row.getByRole("button", { name: "Confirm" }).click();
  await page.locator("p.notice", { hasText: "Hana Sato is a Product Manager." }).waitFor();
  await page.getByLabel("Name, email or title").fill("payments");
  await page.getByRole("button", { name: "Find" }).click();
  await page.waitForURL(/q=payments/);
  await page.getByRole("link", { name: "Jonas Berg" }).click();
  assert.deepEqual(await audit(page, "person"), []);
  await page.getByRole("button", { name: "Deactivate Jonas Berg" }).click();
  await page.locator("p.notice", { hasText: "Jonas Berg is deactivated" }).waitFor();
  assert.deepEqual(await audit(page, "person-former"), []);
  // An imported person has no password: the admin invites them and, with
  // no mail server, is handed the link.
  await page.goto(`${base}/admin/people?q=lina`);
  await page.getByRole("link", { name: "Lina Park" }).click();
  await page.getByRole("button", { name: "Invite Lina Park" }).click();
  const notice = await page.locator("p.notice", { hasText: "Send them an invite yourself" }).innerText();
  const link = notice.match(/https?:\/\/\S+\/welcome\/lk_[0-9a-f]+/)[0];
  await context.close();
  const lina = await browser.newContext();
  const p = await lina.newPage();
  await p.goto(link);
  assert.match(await p.locator("main").innerText(), /Lina Park, choose the password you will sign in with as lina\.park@acme\.io/);
  assert.deepEqual(await audit(p, "welcome"), []);
  await p.getByLabel("Password (10 characters or more)").fill("lina's long password");
  await p.getByLabel("The same password again").fill("lina's long password");
  await p.getByRole("button", { name: "Save and sign in" }).click();
  await p.waitForURL(/\/me$/);
  assert.ok(await p.getByRole("button", { name: "Sign out" }).isVisible());
  // The link is spent.
  await p.goto(link);
  assert.match(await p.locator("main").innerText(), /already been used/);
  assert.deepEqual(await audit(p, "welcome-used"), []);
  await lina.close();
  const anon = await browser.newContext();
  const q = await anon.newPage();
  await q.goto(`${base}/login`);
  await q.getByRole("link", { name: "Forgot your password?" }).click();
  assert.match(await q.locator("main").innerText(), /This server sends no email/);
  assert.deepEqual(await audit(q, "forgot"), []);
  await anon.close();
});

test("no console errors on any page", () => {
  assert.deepEqual(consoleErrors, []);
});
