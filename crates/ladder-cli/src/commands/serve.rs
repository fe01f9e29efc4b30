//! `ladder serve` and `ladder user`: the web app and its accounts.
//!
//! The CLI stays synchronous; these commands build a Tokio runtime for
//! their own lifetime. Shutdown on SIGTERM or Ctrl-C is graceful: the
//! listener stops, requests in flight finish, the database is closed.

use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use ladder_store::model::{Access, NewUser};

use crate::Outcome;
use crate::cli::UserCommand;

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")
}

async fn open(db: &str) -> Result<Arc<dyn ladder_store::Store>> {
    ladder_store::open(db)
        .await
        .with_context(|| format!("could not open the database {db}"))
}

/// `ladder serve`.
pub fn serve(addr: &str, db: &str, secure_cookies: bool, trust_forwarded: bool) -> Result<Outcome> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LADDER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    runtime()?.block_on(async {
        let store = open(db).await?;
        let users = store.user_count().await?;
        let config = ladder_web::Config {
            secure_cookies,
            trust_forwarded,
            ..ladder_web::Config::default()
        };
        let state = ladder_web::AppState::new(store, config)
            .await
            .map_err(|e| anyhow!("could not load the ladder in force: {e}"))?;
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            let what = match e.kind() {
                std::io::ErrorKind::AddrInUse => {
                    "another program is using it; try --addr 127.0.0.1:8081"
                }
                std::io::ErrorKind::PermissionDenied => {
                    "ports below 1024 need privileges; try a port above 1024"
                }
                _ => "give --addr as HOST:PORT, e.g. 127.0.0.1:8080 or 0.0.0.0:8080",
            };
            anyhow!("could not listen on {addr} ({e}): {what}")
        })?;
        let local = listener.local_addr()?;
        let site = state.site();
        println!("ladder: serving http://{local}");
        println!(
            "  database {db}; ladder in force: version {} ({} {})",
            site.version.id, site.version.name, site.version.label
        );
        if users == 0 {
            println!("  No accounts yet. Create the first admin:");
            println!("    ladder user add --admin --email you@example.com --db {db}");
        }
        println!("  Stop with Ctrl-C.");
        drop(site);
        ladder_web::serve(listener, state, shutdown_signal())
            .await
            .context("the server stopped with an error")?;
        eprintln!("ladder: stopped");
        Ok(Outcome::Ok)
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

fn read_password() -> Result<String> {
    if let Ok(p) = std::env::var("LADDER_PASSWORD") {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (10+ characters): ")?;
        let again = rpassword::prompt_password("Again: ")?;
        if first != again {
            bail!("the two passwords differ; run the command again");
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// `ladder user ...`.
pub fn user(cmd: UserCommand) -> Result<Outcome> {
    match cmd {
        UserCommand::Add {
            email,
            name,
            admin,
            access,
            manager,
            role,
            db,
        } => {
            let access: Access = if admin {
                Access::Admin
            } else {
                access.parse().map_err(|e: String| anyhow!(e))?
            };
            if !email.contains('@') {
                bail!("`{email}` is not an email address (--email)");
            }
            if let Some(r) = &role
                && ladder_core::embedded::ladder().role(r).is_none()
            {
                bail!(
                    "`{r}` is not a role id of the built-in ladder (--role); `ladder roles` lists them"
                );
            }
            let password = read_password()?;
            ladder_web::auth::check_password_rules(&password).map_err(|e| anyhow!("{e}"))?;
            let hash = ladder_web::auth::hash_password(&password).map_err(|e| anyhow!("{e}"))?;
            runtime()?.block_on(async {
                let store = open(&db.db).await?;
                let manager_id = match &manager {
                    Some(m) => Some(
                        store
                            .user_by_email(m)
                            .await?
                            .ok_or_else(|| anyhow!("no account has the email `{m}` (--manager)"))?
                            .id,
                    ),
                    None => None,
                };
                let name =
                    name.unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned());
                let u = store
                    .create_user(
                        NewUser {
                            email,
                            name,
                            password_hash: hash,
                            access,
                            team_id: None,
                            manager_id,
                            ladder_role: role,
                        },
                        None,
                    )
                    .await?;
                println!(
                    "added {} <{}> as {} (id {})",
                    u.name,
                    u.email,
                    u.access.as_str(),
                    u.id
                );
                store.close().await;
                Ok(Outcome::Ok)
            })
        }
        UserCommand::Token { email, name, db } => runtime()?.block_on(async {
            let store = open(&db.db).await?;
            let u = store
                .user_by_email(&email)
                .await?
                .ok_or_else(|| anyhow!("no account has the email `{email}` (--email)"))?;
            let token = ladder_web::auth::new_token("lt_");
            store
                .create_token(u.id, &name, &ladder_web::auth::token_hash(&token))
                .await?;
            println!("{token}");
            store.close().await;
            Ok(Outcome::Ok)
        }),
        UserCommand::Password { email, db } => {
            let password = read_password()?;
            ladder_web::auth::check_password_rules(&password).map_err(|e| anyhow!("{e}"))?;
            let hash = ladder_web::auth::hash_password(&password).map_err(|e| anyhow!("{e}"))?;
            runtime()?.block_on(async {
                let store = open(&db.db).await?;
                let u = store
                    .user_by_email(&email)
                    .await?
                    .ok_or_else(|| anyhow!("no account has the email `{email}` (--email)"))?;
                store.set_password(u.id, &hash, None).await?;
                println!("password set for {}; their sessions have ended", u.email);
                store.close().await;
                Ok(Outcome::Ok)
            })
        }
        UserCommand::List { db } => runtime()?.block_on(async {
            let store = open(&db.db).await?;
            for u in store.users().await? {
                println!("{}\t{}\t{}\t{}", u.id, u.email, u.access.as_str(), u.name);
            }
            store.close().await;
            Ok(Outcome::Ok)
        }),
    }
}
