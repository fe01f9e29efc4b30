//! A test harness: the whole app over a temporary SQLite database, called in
//! process with `tower::ServiceExt::oneshot`, with a small cast of users.

#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use ladder_app::auth::{hash_password, new_token, token_hash};
use ladder_store::Store;
use ladder_store::model::{Access, NewUser, User};
use ladder_web::{Config, WebState};
use tower::ServiceExt;

/// One Argon2id hash of `PASSWORD`, computed once per test binary.
pub const PASSWORD: &str = "correct horse battery";
pub fn hash() -> String {
    static H: OnceLock<String> = OnceLock::new();
    H.get_or_init(|| hash_password(PASSWORD).unwrap()).clone()
}

/// A signed-in identity: a bearer token for the API and a session for pages.
#[derive(Clone)]
pub struct Who {
    pub user: User,
    pub token: String,
    pub session: String,
}

pub struct App {
    pub state: Arc<WebState>,
    /// The store under the app, for setting up and checking what was kept.
    pub store: Arc<dyn Store>,
    pub router: Router,
    pub _dir: tempfile::TempDir,
}

/// The answer to a request.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Every `Set-Cookie` header of an answer, as text.
pub fn set_cookies(a: &Answer) -> Vec<String> {
    a.headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

/// The CSRF token the tests' browsers hold.
pub const CSRF: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

impl App {
    pub async fn new() -> App {
        Self::with_config(Config::default()).await
    }

    pub async fn with_config(config: Config) -> App {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = ladder_store::open(&url).await.unwrap();
        let app = ladder_app::App::open(store.clone(), ladder_app::Config::default())
            .await
            .unwrap();
        let state = WebState::new(app, config);
        App {
            router: ladder_web::app(state.clone()),
            state,
            store,
            _dir: dir,
        }
    }

    /// Makes a user with an API token and a session.
    pub async fn user(&self, email: &str, access: Access, manager: Option<&Who>) -> Who {
        let s = &self.store;
        let user = s
            .create_user(
                NewUser {
                    email: email.into(),
                    name: email.split('@').next().unwrap().into(),
                    password_hash: hash(),
                    access,
                    team_id: None,
                    manager_id: manager.map(|m| m.user.id),
                    ladder_role: Some("pm".into()),
                },
                None,
            )
            .await
            .unwrap();
        let token = new_token("lt_");
        s.create_token(user.id, "test", &token_hash(&token))
            .await
            .unwrap();
        let session = new_token("ls_");
        s.create_session(
            &token_hash(&session),
            user.id,
            ladder_store::now_ms() + 3_600_000,
        )
        .await
        .unwrap();
        Who {
            user,
            token,
            session,
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Answer {
        let r = self.router.clone().oneshot(req).await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        let bytes = r.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// An API call with a bearer token (or none).
    pub async fn api(
        &self,
        method: &str,
        path: &str,
        who: Option<&Who>,
        body: Option<serde_json::Value>,
    ) -> Answer {
        let mut b = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(path);
        if let Some(w) = who {
            b = b.header(header::AUTHORIZATION, format!("Bearer {}", w.token));
        }
        let req = match body {
            Some(v) => b
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(v.to_string())),
            None => b.body(Body::empty()),
        };
        self.send(req.unwrap()).await
    }

    /// A raw-body API call (ladder uploads).
    pub async fn api_raw(&self, method: &str, path: &str, who: &Who, body: &str) -> Answer {
        let req = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", who.token))
            .header(header::CONTENT_TYPE, "application/toml")
            .body(Body::from(body.to_owned()))
            .unwrap();
        self.send(req).await
    }

    /// A browser GET with the session cookie (or none).
    pub async fn page(&self, path: &str, who: Option<&Who>) -> Answer {
        let mut b = Request::builder().uri(path);
        let cookie = cookies(who);
        b = b.header(header::COOKIE, cookie);
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// A browser form POST; `csrf` false leaves the token out.
    pub async fn form(
        &self,
        path: &str,
        who: Option<&Who>,
        fields: &[(&str, &str)],
        csrf: bool,
    ) -> Answer {
        let mut pairs: Vec<(&str, &str)> = fields.to_vec();
        if csrf {
            pairs.push(("csrf", CSRF));
        }
        let body = serde_urlencoded::to_string(&pairs).unwrap();
        let cookie = cookies(who);
        let req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

/// Ratings that meet every expectation of `role` exactly.
pub fn ratings_for(role: &str) -> serde_json::Value {
    let l = ladder_core::embedded::ladder();
    let map: serde_json::Map<String, serde_json::Value> = l
        .competencies
        .items
        .iter()
        .map(|c| {
            (
                c.id.clone(),
                serde_json::json!(c.expectations.get(role).copied().unwrap_or(0)),
            )
        })
        .collect();
    serde_json::Value::Object(map)
}

/// An assessment body for the API.
pub fn assessment(role: &str, at: &str, submit: bool) -> serde_json::Value {
    serde_json::json!({"role": role, "ratings": ratings_for(at), "submit": submit})
}

impl App {
    /// A browser multipart POST (file uploads) with the CSRF token.
    pub async fn multipart(
        &self,
        path: &str,
        who: Option<&Who>,
        fields: &[(&str, &str)],
    ) -> Answer {
        let fields: Vec<(&str, &[u8])> = fields.iter().map(|(k, v)| (*k, v.as_bytes())).collect();
        self.multipart_bytes(path, who, &fields).await
    }

    /// A multipart POST whose fields may be bytes (an uploaded workbook).
    pub async fn multipart_bytes(
        &self,
        path: &str,
        who: Option<&Who>,
        fields: &[(&str, &[u8])],
    ) -> Answer {
        let mut body: Vec<u8> = Vec::new();
        // The token first, as our forms put it (the check reads only the
        // start of a multipart body).
        for (k, v) in [("csrf", CSRF.as_bytes())].iter().chain(fields.iter()) {
            body.extend_from_slice(
                format!("--XyZ\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(v);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--XyZ--\r\n");
        let cookie = cookies(who);
        let req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "multipart/form-data; boundary=XyZ")
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

/// The `Cookie` header of a browser: its CSRF token, and its session if signed in.
fn cookies(who: Option<&Who>) -> String {
    match who {
        Some(w) => format!("ladder_csrf={CSRF}; ladder_session={}", w.session),
        None => format!("ladder_csrf={CSRF}"),
    }
}
