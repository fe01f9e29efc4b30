// Single sign-on in a real browser: ladder started with a real OpenID
// provider (oidc-provider on node, tests/oidc) that signs in whoever the
// test names. A known person clicks "Sign in with Test IdP" and lands on
// their page; a person the app does not know is sent back to the sign-in
// page with why; with the provider down, the button says so. The sign-in
// page and each refusal are audited at 1280 px and 390 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { audit, bin, launch, root } from "./audit.mjs";

const dir = mkdtempSync(join(tmpdir(), "ladder-sso-"));
const db = `sqlite://${join(dir, "ladder.db")}`;
let provider, issuer, server, base, browser;
const consoleErrors = [];

async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, "127.0.0.1", ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

/// Starts `command` and waits for the line `pattern` matches; its first group.
function startAndWait(command, args, options, pattern) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], ...options });
  const found = new Promise((ok, fail) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(pattern);
      if (m) ok(m[1]);
    });
    child.on("exit", (c) => fail(new Error(`${command} exited with ${c}`)));
  });
  return { child, found };
}

async function control(what, body) {
  const r = await fetch(`${issuer}/__test/${what}`, { method: "POST", body: JSON.stringify(body) });
  assert.equal(r.status, 200);
}

before(async () => {
  execFileSync(bin, ["user", "add", "--email", "ada@example.com", "--name", "Ada Admin", "--access", "admin", "--db", db],
    { env: { ...process.env, LADDER_PASSWORD: "correct horse battery" } });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const p = startAndWait("node", [join(root, "tests/oidc/provider.mjs")],
    { env: { ...process.env, REDIRECT_URI: `${base}/auth/sso/callback` }, stdio: ["ignore", "pipe", "ignore"] }, /issuer (\S+)/);
  provider = p.child;
  issuer = await p.found;
  writeFileSync(join(dir, "secret"), "ladder-test-secret\n");
  const s = startAndWait(bin, ["serve", "--addr", `127.0.0.1:${port}`, "--db", db, "--public-url", base,
    "--oidc-issuer", issuer, "--oidc-client-id", "ladder", "--oidc-client-secret-file", join(dir, "secret"),
    "--oidc-name", "Test IdP"], {}, /serving (http:\/\/\S+)/);
  server = s.child;
  await s.found;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  provider?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

async function newPage(name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("console", (m) => {
    // A refused sign-in's page itself is a 4xx or 5xx load; nothing else may fail.
    if (m.type() === "error" && !/status of (403|502)/.test(m.text())) consoleErrors.push(`${name}: ${m.text()}`);
  });
  return { context, page };
}

test("a known person signs in with the provider and lands on their page", async () => {
  const { context, page } = await newPage("ada");
  await page.goto(`${base}/login`);
  assert.deepEqual(await audit(page, "sso-login"), []);
  await control("user", { email: "ada@example.com", name: "Ada Admin" });
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  await page.waitForURL(`${base}/me`);
  assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "My growth");
  assert.match(await page.getByRole("navigation", { name: "App" }).innerText(), /Admin/);
  await context.close();
});

test("a person the app does not know is refused, in words, on the sign-in page", async () => {
  const { context, page } = await newPage("bo");
  await control("user", { email: "bo@example.com", name: "Bo Stranger" });
  await page.goto(`${base}/login`);
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  await page.waitForURL(/\/auth\/sso\/callback/);
  const alert = await page.getByRole("alert").innerText();
  assert.match(alert, /bo@example\.com signed in at Test IdP, but has no account here; ask an admin to add you/);
  assert.deepEqual(await audit(page, "sso-refused"), []);
  await context.close();
});

test("with the provider down, the sign-in page says so and keeps its button", async () => {
  const port = await freePort();
  const dead = `http://127.0.0.1:${await freePort()}`;
  const s = startAndWait(bin, ["serve", "--addr", `127.0.0.1:${port}`, "--db", db, "--public-url", `http://127.0.0.1:${port}`,
    "--oidc-issuer", dead, "--oidc-client-id", "ladder", "--oidc-client-secret-file", join(dir, "secret"),
    "--oidc-name", "Test IdP"], {}, /serving (http:\/\/\S+)/);
  const other = await s.found;
  try {
    const { context, page } = await newPage("down");
    await page.goto(`${other}/login`);
    await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
    const alert = await page.getByRole("alert").innerText();
    assert.match(alert, /the sign-in service at http:\/\/127\.0\.0\.1:\d+\/? did not answer/);
    assert.equal(await page.getByRole("link", { name: "Sign in with Test IdP" }).count(), 1);
    assert.deepEqual(await audit(page, "sso-down"), []);
    await context.close();
  } finally {
    s.child.kill("SIGTERM");
  }
});

test("no console errors on any page", () => {
  assert.deepEqual(consoleErrors, []);
});
