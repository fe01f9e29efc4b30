//! The app's hot paths through the real router and middleware, in process:
//! a public role page and the role list. `bench/serve.sh` measures the same
//! requests over the network with wrk, beside nginx.

use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

fn main() {
    fixture(); // set up outside the measured samples
    divan::main();
}

struct Fixture {
    rt: tokio::runtime::Runtime,
    router: axum::Router,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static F: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("b.db").display());
        let router = rt.block_on(async {
            let store = ladder_store::open(&url).await.unwrap();
            let app = ladder_app::App::open(store, ladder_app::Config::default())
                .await
                .unwrap();
            let state: Arc<ladder_web::WebState> =
                ladder_web::WebState::new(app, ladder_web::Config::default());
            ladder_web::app(state)
        });
        Fixture {
            rt,
            router,
            _dir: dir,
        }
    })
}

fn get(path: &'static str) -> usize {
    let f = fixture();
    f.rt.block_on(async {
        let r = f
            .router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert!(r.status().is_success());
        r.into_body().collect().await.unwrap().to_bytes().len()
    })
}

#[divan::bench]
fn role_page() -> usize {
    get("/roles/pm")
}

#[divan::bench]
fn roles_json() -> usize {
    get("/api/v1/roles")
}
