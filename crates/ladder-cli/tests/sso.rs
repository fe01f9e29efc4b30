//! Single sign-on as a process, end to end: `ladder serve` against a real
//! OpenID provider (the npm package oidc-provider, run with node from
//! `tests/oidc`), with a browser played by a cookie-keeping HTTP client
//! that follows redirects one at a time.
//!
//! The provider signs whoever the test names in, and can be told to
//! tamper with its ID tokens (another audience, expired, another nonce, a
//! signature by a key it never published) or to rotate its keys; ladder
//! must refuse the first kind with words and follow the second.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("ladder")
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The test provider; `None` when node or its packages are missing, which
/// fails under CI (`CI` set): CI must run these.
struct Provider {
    _child: Running,
    issuer: String,
}

impl Provider {
    fn start(redirect_uri: &str) -> Option<Provider> {
        let node = std::env::var("LADDER_TEST_NODE").unwrap_or_else(|_| "node".into());
        let dir = repo().join("tests/oidc");
        let ready = dir.join("node_modules/oidc-provider").is_dir()
            && Command::new(&node).arg("--version").output().is_ok();
        if !ready {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the sign-on tests: run `npm ci` in tests/oidc"
            );
            eprintln!("skipped: run `npm ci` in tests/oidc (and have node) for the sign-on tests");
            return None;
        }
        let mut child = Command::new(node)
            .arg(dir.join("provider.mjs"))
            .env("REDIRECT_URI", redirect_uri)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let issuer = line
            .trim()
            .strip_prefix("issuer ")
            .unwrap_or_else(|| panic!("the provider said {line:?}"))
            .to_owned();
        // Keep reading: the provider writes notices, and dies on a closed pipe.
        std::thread::spawn(move || for _ in out.lines() {});
        Some(Provider {
            _child: Running(child),
            issuer,
        })
    }

    fn control(&self, what: &str, body: &str) -> serde_json::Value {
        let mut r = agent()
            .post(&format!("{}/__test/{what}", self.issuer))
            .content_type("application/json")
            .send(body)
            .unwrap();
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap()
    }

    fn next_user(&self, email: &str, name: &str, verified: bool) {
        self.control(
            "user",
            &serde_json::json!({"email": email, "name": name, "verified": verified}).to_string(),
        );
    }

    fn mode(&self, mode: &str) {
        self.control("mode", &serde_json::json!({ "mode": mode }).to_string());
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// A free port (taken and let go: the server binds it next).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A database with Ada, an admin who also has a password.
fn database(dir: &tempfile::TempDir) -> String {
    let db = format!("sqlite://{}", dir.path().join("l.db").display());
    let out = Command::new(bin())
        .args([
            "user",
            "add",
            "--admin",
            "--email",
            "ada@example.com",
            "--name",
            "Ada Lovelace",
            "--db",
            &db,
        ])
        .env("LADDER_PASSWORD", "a long enough password")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    db
}

struct Ladder {
    _child: Running,
    url: String,
    db: String,
    _dir: tempfile::TempDir,
    _secret: tempfile::NamedTempFile,
}

/// `ladder serve` signing in through `issuer`, with `extra` flags.
fn serve(port: u16, issuer: &str, extra: &[&str]) -> Ladder {
    let dir = tempfile::tempdir().unwrap();
    let db = database(&dir);
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "ladder-test-secret\n").unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(bin())
        .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--db", &db])
        .args(["--public-url", &url, "--oidc-issuer", issuer])
        .args(["--oidc-client-id", "ladder", "--oidc-name", "Test IdP"])
        .arg("--oidc-client-secret-file")
        .arg(secret.path())
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with("ladder: serving"), "{line:?}");
    std::thread::spawn(move || for _ in out.lines() {});
    Ladder {
        _child: Running(child),
        url,
        db,
        _dir: dir,
        _secret: secret,
    }
}

/// A browser: cookies by name (the provider's and ladder's never share a
/// name), redirects followed one at a time.
#[derive(Default)]
struct Browser {
    cookies: BTreeMap<String, String>,
}

/// Where a walk of redirects stopped.
struct Landing {
    status: u16,
    url: String,
    body: String,
    /// The callback address the provider sent the browser to, if any.
    callback: Option<String>,
}

impl Browser {
    fn keep(&mut self, r: &ureq::http::Response<ureq::Body>) {
        for v in r.headers().get_all("set-cookie") {
            let v = v.to_str().unwrap();
            let first = v.split(';').next().unwrap();
            let (name, value) = first.split_once('=').unwrap();
            let lower = v.to_ascii_lowercase();
            if value.is_empty() || lower.contains("max-age=0") || lower.contains("1970") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn get(&mut self, url: &str) -> ureq::http::Response<ureq::Body> {
        let r = agent()
            .get(url)
            .header("Cookie", &self.cookie_header())
            .call()
            .unwrap();
        self.keep(&r);
        r
    }

    /// Follows redirects from `url` until a page answers; stops before
    /// the callback when `stop_at_callback`.
    fn walk(&mut self, mut url: String, stop_at_callback: bool) -> Landing {
        let mut callback = None;
        for _ in 0..12 {
            if url.contains("/auth/sso/callback") {
                callback = Some(url.clone());
                if stop_at_callback {
                    return Landing {
                        status: 0,
                        url,
                        body: String::new(),
                        callback,
                    };
                }
            }
            let mut r = self.get(&url);
            let status = r.status().as_u16();
            match r.headers().get("location") {
                Some(to) if (300..400).contains(&status) => {
                    let to = to.to_str().unwrap();
                    url = if to.starts_with('/') {
                        let origin: String =
                            url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
                        format!("{origin}{to}")
                    } else {
                        to.to_owned()
                    };
                }
                _ => {
                    // As a person reads it.
                    let body = r
                        .body_mut()
                        .read_to_string()
                        .unwrap()
                        .replace("&#39;", "'")
                        .replace("&quot;", "\"");
                    return Landing {
                        status,
                        url,
                        body,
                        callback,
                    };
                }
            }
        }
        panic!("too many redirects");
    }

    /// Clicks "Sign in with Test IdP" on ladder's sign-in page and follows
    /// the redirects (to the callback, or all the way).
    fn sign_in(&mut self, ladder: &Ladder, stop_at_callback: bool) -> Landing {
        let mut page = self.get(&format!("{}/login", ladder.url));
        let html = page.body_mut().read_to_string().unwrap();
        assert!(html.contains("Sign in with Test IdP"), "{html}");
        let r = agent()
            .get(&format!("{}/auth/sso", ladder.url))
            .header("Cookie", &self.cookie_header())
            .call()
            .unwrap();
        self.keep(&r);
        let status = r.status().as_u16();
        let Some(to) = r.headers().get("location") else {
            let mut r = r;
            return Landing {
                status,
                url: format!("{}/auth/sso", ladder.url),
                body: r.body_mut().read_to_string().unwrap(),
                callback: None,
            };
        };
        let to = to.to_str().unwrap().to_owned();
        self.walk(to, stop_at_callback)
    }

    fn signed_in(&mut self, ladder: &Ladder) -> bool {
        self.get(&format!("{}/me", ladder.url)).status() == 200
    }
}

/// Everyone's emails, read through the API with a token made on the shell.
fn emails(ladder: &Ladder) -> Vec<String> {
    let out = Command::new(bin())
        .args([
            "user",
            "token",
            "--email",
            "ada@example.com",
            "--name",
            "t",
            "--db",
            &ladder.db,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let token = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let mut r = agent()
        .get(&format!("{}/api/v1/users", ladder.url))
        .header("Authorization", &format!("Bearer {token}"))
        .call()
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&r.body_mut().read_to_string().unwrap()).unwrap();
    let list = v
        .as_array()
        .or_else(|| v["users"].as_array())
        .unwrap_or_else(|| panic!("{v}"));
    list.iter()
        .map(|u| u["email"].as_str().unwrap().to_owned())
        .collect()
}

fn setup(extra: &[&str]) -> Option<(Provider, Ladder)> {
    let port = free_port();
    let provider = Provider::start(&format!("http://127.0.0.1:{port}/auth/sso/callback"))?;
    let ladder = serve(port, &provider.issuer, extra);
    Some((provider, ladder))
}

/// Issue 13.1: a known person signs in through the provider and lands on
/// their page; an email the app does not know is refused, in words, and
/// nobody is made.
#[test]
fn a_known_person_signs_in_and_a_stranger_is_refused() {
    let Some((provider, ladder)) = setup(&[]) else {
        return;
    };
    let mut browser = Browser::default();
    let landing = browser.sign_in(&ladder, false);
    assert_eq!(landing.status, 200, "at {}: {}", landing.url, landing.body);
    assert!(landing.url.ends_with("/me"), "{}", landing.url);
    assert!(landing.body.contains("Ada Lovelace"), "{}", landing.body);
    assert!(browser.signed_in(&ladder));
    assert!(
        !browser.cookies.contains_key("ladder_sso"),
        "the sign-in cookie is spent"
    );

    // The password still works alongside (sign-in is not SSO-only).
    let login = agent()
        .get(&format!("{}/login", ladder.url))
        .call()
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    assert!(login.contains("type=\"password\""));

    provider.next_user("bo@example.com", "Bo Diddley", true);
    let mut stranger = Browser::default();
    let landing = stranger.sign_in(&ladder, false);
    assert_eq!(landing.status, 403, "at {}: {}", landing.url, landing.body);
    assert!(
        landing.body.contains(
            "bo@example.com signed in at Test IdP, but has no account here; ask an admin to add you"
        ),
        "{}",
        landing.body
    );
    assert!(!stranger.signed_in(&ladder));
    assert_eq!(emails(&ladder), ["ada@example.com"]);
}

/// Issue 13.1: ID tokens that fail a check are refused with what failed,
/// and nothing is made (the new person is allowed in, so only the token
/// can be the reason).
#[test]
fn tampered_id_tokens_are_refused_and_make_nobody() {
    let Some((provider, ladder)) = setup(&["--oidc-create-members"]) else {
        return;
    };
    provider.next_user("cy@example.com", "Cy Young", true);
    for (mode, words) in [
        ("wrong-audience", "it was made for another application"),
        ("expired", "it has expired"),
        (
            "wrong-nonce",
            "it does not belong to this sign-in (its nonce does not match)",
        ),
        ("bad-signature", "its signature is not the provider's"),
    ] {
        provider.mode(mode);
        let mut browser = Browser::default();
        let landing = browser.sign_in(&ladder, false);
        assert_eq!(landing.status, 403, "{mode}: {}", landing.body);
        assert!(
            landing
                .body
                .contains("The sign-in service's ID token was refused"),
            "{mode}: {}",
            landing.body
        );
        assert!(landing.body.contains(words), "{mode}: {}", landing.body);
        assert!(!browser.signed_in(&ladder), "{mode}");
    }
    assert_eq!(emails(&ladder), ["ada@example.com"]);
    // The same person with an honest token gets in, as a member.
    provider.mode("normal");
    let mut browser = Browser::default();
    let landing = browser.sign_in(&ladder, false);
    assert_eq!(landing.status, 200, "at {}: {}", landing.url, landing.body);
    assert!(landing.body.contains("Cy Young"), "{}", landing.body);
    assert_eq!(emails(&ladder), ["ada@example.com", "cy@example.com"]);
}

/// Issue 13.1: a callback works once and only in the browser that began
/// the sign-in.
#[test]
fn a_callback_replayed_or_carried_to_another_browser_is_refused() {
    let Some((_provider, ladder)) = setup(&[]) else {
        return;
    };
    let mut browser = Browser::default();
    let landing = browser.sign_in(&ladder, false);
    assert_eq!(landing.status, 200, "at {}: {}", landing.url, landing.body);
    let callback = landing
        .callback
        .expect("the provider sent the browser back");
    let again = browser.walk(callback, false);
    assert_eq!(again.status, 400, "at {}: {}", again.url, again.body);
    assert!(
        again.body.contains("this sign-in was already used"),
        "{}",
        again.body
    );

    // Begun in one browser, delivered to another.
    let mut first = Browser::default();
    let stopped = first.sign_in(&ladder, true);
    let callback = stopped.callback.unwrap();
    let mut other = Browser::default();
    let landing = other.walk(callback.clone(), false);
    assert_eq!(landing.status, 400, "at {}: {}", landing.url, landing.body);
    assert!(
        landing.body.contains("started in another browser"),
        "{}",
        landing.body
    );
    assert!(!other.signed_in(&ladder));
    // …and the refusal used it up: the first browser cannot finish it now.
    let late = first.walk(callback, false);
    assert_eq!(late.status, 400, "at {}: {}", late.url, late.body);
    assert!(!first.signed_in(&ladder));
}

/// Issue 13.1: the provider rotates its signing key; ladder fetches the
/// key set again and lets the person in.
#[test]
fn a_rotated_signing_key_is_fetched_and_trusted() {
    let Some((provider, ladder)) = setup(&[]) else {
        return;
    };
    let mut browser = Browser::default();
    let first = browser.sign_in(&ladder, false);
    assert_eq!(first.status, 200, "at {}: {}", first.url, first.body);
    let before = provider.control("stats", "")["jwksFetches"]
        .as_i64()
        .unwrap();
    // ladder keeps the keys it fetched; let the moments pass after which
    // an unknown key may make it fetch them again.
    std::thread::sleep(Duration::from_secs(10));
    provider.mode("rotate");
    let mut browser = Browser::default();
    let landing = browser.sign_in(&ladder, false);
    assert_eq!(landing.status, 200, "at {}: {}", landing.url, landing.body);
    let after = provider.control("stats", "")["jwksFetches"]
        .as_i64()
        .unwrap();
    assert_eq!(after, before + 1, "the key set was fetched once more");
}

/// Issue 13.1: with `--oidc-only` passwords are off (the page has no
/// password form and a posted password is refused); with
/// `--oidc-create-members` a new verified email becomes a member named as
/// the provider names them, an unverified one is refused; an email only
/// the user-info endpoint gives is found there.
#[test]
fn sso_only_mode_and_first_sign_in_as_a_member() {
    let Some((provider, ladder)) = setup(&["--oidc-only", "--oidc-create-members"]) else {
        return;
    };
    let mut r = agent()
        .get(&format!("{}/login", ladder.url))
        .call()
        .unwrap();
    let login = r.body_mut().read_to_string().unwrap();
    assert!(login.contains("Sign in with Test IdP"));
    assert!(!login.contains("type=\"password\""), "{login}");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .collect::<Vec<_>>()
        .join("; ");
    // The page has no form now; the token is the cookie's value (double submit).
    let csrf = cookie
        .split("ladder_csrf=")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let mut refused = agent()
        .post(&format!("{}/login", ladder.url))
        .header("Cookie", &cookie)
        .header("Origin", &ladder.url)
        .content_type("application/x-www-form-urlencoded")
        .send(format!(
            "csrf={csrf}&email=ada%40example.com&password=a+long+enough+password"
        ))
        .unwrap();
    let body = refused.body_mut().read_to_string().unwrap();
    assert_eq!(refused.status(), 400, "{body}");
    assert!(
        body.contains("signs people in through Test IdP only; passwords are off"),
        "{body}"
    );

    provider.next_user("dee@example.com", "Dee Dee Bridgewater", false);
    let mut browser = Browser::default();
    let landing = browser.sign_in(&ladder, false);
    assert_eq!(landing.status, 403, "at {}: {}", landing.url, landing.body);
    assert!(
        landing.body.contains("dee@example.com is not verified"),
        "{}",
        landing.body
    );

    provider.next_user("dee@example.com", "Dee Dee Bridgewater", true);
    provider.mode("email-in-userinfo");
    let mut browser = Browser::default();
    let landing = browser.sign_in(&ladder, false);
    assert_eq!(landing.status, 200, "at {}: {}", landing.url, landing.body);
    assert!(
        landing.body.contains("Dee Dee Bridgewater"),
        "{}",
        landing.body
    );
    assert_eq!(emails(&ladder), ["ada@example.com", "dee@example.com"]);
}

/// Issue 13.1: a provider that is down, at the start or between the
/// browser leaving and coming back, gets a page that says so, and nothing
/// is half-made: no person, no session.
#[test]
fn a_provider_that_is_down_gets_a_clear_page_and_changes_nothing() {
    // Down from the start: nothing listens at the issuer.
    let dead = format!("http://127.0.0.1:{}", free_port());
    let ladder = serve(free_port(), &dead, &["--oidc-create-members"]);
    let mut browser = Browser::default();
    let landing = browser.sign_in(&ladder, false);
    assert_eq!(landing.status, 502, "at {}: {}", landing.url, landing.body);
    assert!(
        landing
            .body
            .contains(&format!("the sign-in service at {dead}/ did not answer"))
            || landing
                .body
                .contains(&format!("the sign-in service at {dead} did not answer")),
        "{}",
        landing.body
    );
    assert!(
        landing.body.contains("Sign in with Test IdP"),
        "the sign-in page, with the error"
    );

    // Down between leaving for the provider and coming back.
    let Some((provider, ladder)) = setup(&["--oidc-create-members"]) else {
        return;
    };
    provider.next_user("eve@example.com", "Eve", true);
    let mut browser = Browser::default();
    let stopped = browser.sign_in(&ladder, true);
    drop(provider);
    let landing = browser.walk(stopped.callback.unwrap(), false);
    assert_eq!(landing.status, 502, "at {}: {}", landing.url, landing.body);
    assert!(landing.body.contains("did not answer"), "{}", landing.body);
    assert!(!browser.signed_in(&ladder));
    assert_eq!(emails(&ladder), ["ada@example.com"]);
}

/// The flags are checked at start, with what to do.
#[test]
fn bad_sign_on_settings_are_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("l.db").display());
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "s\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(bin())
            .args(["serve", "--addr", "127.0.0.1:0", "--db", &db])
            .args(args)
            .env_remove("LADDER_OIDC_CLIENT_SECRET")
            .output()
            .unwrap()
    };
    let secret = secret.to_str().unwrap();
    for (args, words) in [
        (
            vec![
                "--public-url",
                "https://l.example.com",
                "--oidc-issuer",
                "http://idp.example.com",
                "--oidc-client-id",
                "x",
                "--oidc-client-secret-file",
                secret,
            ],
            "is not https",
        ),
        (
            vec![
                "--public-url",
                "https://l.example.com",
                "--oidc-issuer",
                "https://idp.example.com",
                "--oidc-client-id",
                "x",
            ],
            "needs the client secret",
        ),
        (
            vec![
                "--public-url",
                "https://l.example.com",
                "--oidc-issuer",
                "https://idp.example.com",
                "--oidc-client-id",
                "x",
                "--oidc-client-secret-file",
                "/no/such/file",
            ],
            "could not read the client secret from /no/such/file",
        ),
        (
            vec![
                "--oidc-issuer",
                "https://idp.example.com",
                "--oidc-client-id",
                "x",
            ],
            "--public-url",
        ),
    ] {
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(words), "{args:?}: {err}");
    }
}
