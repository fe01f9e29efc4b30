//! `ladder serve` and `ladder user`: the web app and its accounts.
//!
//! The CLI stays synchronous; these commands build a Tokio runtime for
//! their own lifetime. Shutdown on SIGTERM or Ctrl-C is graceful: the
//! listener stops, requests in flight finish, the database is closed.

use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use ladder_app::people::NewPerson;
use ladder_app::{Access, Actor, App, AppError};
use ladder_core::model::RoleId;

use crate::Outcome;
use crate::cli::UserCommand;

pub(super) fn runtime() -> Result<tokio::runtime::Runtime> {
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
pub fn serve(
    addr: &str,
    db: &str,
    config: ladder_web::Config,
    mail: Option<ladder_app::mail::MailSettings>,
    sso: Option<ladder_app::sso::SsoSettings>,
) -> Result<Outcome> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LADDER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    runtime()?.block_on(async {
        let app = open_app_with(
            db,
            ladder_app::Config {
                mail,
                sso,
                ..ladder_app::Config::default()
            },
        )
        .await?;
        let users = app.account_count().await?;
        // Score the latest assessments while the server starts answering,
        // so the first calibration does not pay for it.
        let warming = app.clone();
        tokio::spawn(async move {
            let started = std::time::Instant::now();
            match warming.warm_up().await {
                Ok(n) => tracing::info!(
                    assessments = n,
                    ms = started.elapsed().as_millis() as u64,
                    "latest assessments scored"
                ),
                Err(e) => tracing::warn!("scoring the latest assessments at start failed: {e}"),
            }
        });
        let state = ladder_web::WebState::new(app, config);
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
        let in_force = state.app.ladder();
        println!("ladder: serving http://{local}");
        println!(
            "  database {db}; ladder in force: version {} ({} {})",
            in_force.version.id,
            printable(&in_force.version.name),
            printable(&in_force.version.label)
        );
        if users == 0 {
            println!("  No accounts yet. Create the first admin:");
            println!("    ladder user add --admin --email you@example.com --db {db}");
        }
        if let (Some(info), Some(back)) = (state.app.sso_info(), state.app.sso_redirect_url()) {
            let how = if info.only { "only" } else { "and by password" };
            println!(
                "  Sign-in: through {} {how}; the provider must allow the redirect URI {back}",
                info.label
            );
        }
        println!("  Stop with Ctrl-C.");
        drop(in_force);
        ladder_web::serve(listener, state, shutdown_signal())
            .await
            .context("the server stopped with an error")?;
        eprintln!("ladder: stopped");
        Ok(Outcome::Ok)
    })
}

/// The single sign-on settings of `ladder serve`, with the client secret
/// read from its file or from `LADDER_OIDC_CLIENT_SECRET`.
pub fn sso_settings(
    args: crate::cli::SsoArgs,
    public_url: Option<&str>,
) -> Result<Option<ladder_app::sso::SsoSettings>> {
    let (Some(issuer), Some(client_id)) = (args.oidc_issuer, args.oidc_client_id) else {
        return Ok(None);
    };
    let client_secret = match (
        &args.oidc_client_secret_file,
        std::env::var("LADDER_OIDC_CLIENT_SECRET"),
    ) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path).with_context(|| {
                format!(
                    "could not read the client secret from {} (--oidc-client-secret-file)",
                    path.display()
                )
            })?;
            text.lines().next().unwrap_or_default().trim().to_owned()
        }
        (None, Ok(secret)) => secret.trim().to_owned(),
        (None, Err(_)) => bail!(
            "--oidc-issuer needs the client secret: give --oidc-client-secret-file FILE (a file holding it) or set LADDER_OIDC_CLIENT_SECRET"
        ),
    };
    Ok(Some(ladder_app::sso::SsoSettings {
        issuer,
        client_id,
        client_secret,
        public_url: public_url.unwrap_or_default().to_owned(),
        label: args.oidc_name,
        only: args.oidc_only,
        create_members: args.oidc_create_members,
    }))
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

/// Opens the app on `db` for a `ladder user` command: the same operations,
/// checks and ladder in force as the server, acting as the operator.
pub(super) async fn open_app(db: &str) -> Result<Arc<App>> {
    open_app_with(db, ladder_app::Config::default()).await
}

/// [`open_app`] with settings of its own (the server's mail).
async fn open_app_with(db: &str, config: ladder_app::Config) -> Result<Arc<App>> {
    // What the store logs (the database's own words when it refuses
    // something) goes to standard error, as the server's does.
    let filter = tracing_subscriber::EnvFilter::try_from_env("LADDER_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
    let store = open(db).await?;
    App::open(store, config).await.map_err(|e| match e {
        AppError::BadRequest(why) => anyhow!("{why}"),
        e => anyhow!("could not load the ladder in force from {db}: {e}"),
    })
}

/// `ladder demo`.
pub fn demo(people: u64, db: &str) -> Result<Outcome> {
    let password =
        std::env::var("LADDER_PASSWORD").unwrap_or_else(|_| "ladder demo password".to_owned());
    let people = usize::try_from(people).context("--people is too large")?;
    runtime()?.block_on(async {
        let app = open_app(db).await?;
        let started = std::time::Instant::now();
        let made = app.fill_demo(Actor::Shell, people, &password).await;
        app.close().await;
        let d = made.map_err(|e| refused(e, "--db"))?;
        println!(
            "demo organisation in {db}: {} people under {} managers, {} assessments, in {:.1} s",
            d.people,
            d.managers,
            d.assessments,
            started.elapsed().as_secs_f64()
        );
        println!("sign in as (password: {password}):");
        println!("  {}  admin", d.admin);
        println!("  {}  VP: everyone below", d.vp);
        println!("  {}  a manager", d.manager);
        println!("  {}  a member", d.member);
        Ok(Outcome::Ok)
    })
}

/// An operation's refusal, with the option it is about.
fn refused(e: AppError, option: &str) -> anyhow::Error {
    anyhow!("{e} ({option})")
}

/// `ladder user ...`.
pub fn user(cmd: UserCommand) -> Result<Outcome> {
    match cmd {
        UserCommand::Add {
            invite,
            public_url,
            email,
            name,
            admin,
            access,
            manager,
            role,
            db,
        } => {
            if !email.contains('@') {
                bail!("`{email}` is not an email address (--email)");
            }
            let password = if invite {
                None
            } else {
                let p = read_password()?;
                ladder_app::auth::check_password_rules(&p)
                    .map_err(|e| refused(e, "the password"))?;
                Some(p)
            };
            runtime()?.block_on(async {
                let app = open_app(&db.db).await?;
                let manager_id = match &manager {
                    Some(m) => Some(
                        app.user_by_email(Actor::Shell, m)
                            .await
                            .map_err(|e| refused(e, "--manager"))?
                            .id,
                    ),
                    None => None,
                };
                let name =
                    name.unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_owned());
                let input = NewPerson {
                    email,
                    name,
                    password,
                    access: if admin { Access::Admin } else { access },
                    team_id: None,
                    manager_id,
                    ladder_role: role.map(RoleId::new),
                };
                let added = app.add_person(Actor::Shell, input).await;
                let link = match (&added, invite) {
                    (Ok(u), true) => Some(app.invite(Actor::Shell, u.id).await),
                    _ => None,
                };
                app.close().await;
                let u = added.map_err(|e| {
                    let option = match &e {
                        AppError::BadRequest(m) if m.contains("role") => "--role",
                        AppError::Conflict(_) => "--email",
                        _ => "ladder user add",
                    };
                    refused(e, option)
                })?;
                println!(
                    "added {} <{}> as {} (id {})",
                    printable(&u.name),
                    printable(&u.email),
                    u.access.as_str(),
                    u.id
                );
                if let Some(link) = link {
                    let link = link.map_err(|e| refused(e, "--invite"))?;
                    print_link(&link, public_url.as_deref());
                }
                Ok(Outcome::Ok)
            })
        }
        UserCommand::Invite {
            email,
            public_url,
            db,
        } => runtime()?.block_on(async {
            let app = open_app(&db.db).await?;
            let made = async {
                let u = app.user_by_email(Actor::Shell, &email).await?;
                app.invite(Actor::Shell, u.id).await
            }
            .await;
            app.close().await;
            let link = made.map_err(|e| refused(e, "--email"))?;
            print_link(&link, public_url.as_deref());
            Ok(Outcome::Ok)
        }),
        UserCommand::ScimToken { name, db } => runtime()?.block_on(async {
            let app = open_app(&db.db).await?;
            let made = app.make_scim_token(Actor::Shell, &name).await;
            app.close().await;
            let made = made.map_err(|e| refused(e, "--name"))?;
            eprintln!(
                "a SCIM token for {} (shown once; the base URL is https://YOUR-APP/scim/v2):",
                printable(&made.record.name)
            );
            println!("{}", made.token);
            Ok(Outcome::Ok)
        }),
        UserCommand::Token { email, name, db } => runtime()?.block_on(async {
            let app = open_app(&db.db).await?;
            let made = app.make_token_for(Actor::Shell, &email, &name).await;
            app.close().await;
            let made = made.map_err(|e| refused(e, "--email, --name"))?;
            println!("{}", made.token);
            Ok(Outcome::Ok)
        }),
        UserCommand::Password { email, db } => {
            let password = read_password()?;
            runtime()?.block_on(async {
                let app = open_app(&db.db).await?;
                let set = app.set_password(Actor::Shell, &email, &password).await;
                app.close().await;
                let u = set.map_err(|e| refused(e, "--email"))?;
                println!(
                    "password set for {}; their sessions have ended",
                    printable(&u.email)
                );
                Ok(Outcome::Ok)
            })
        }
        UserCommand::Import {
            roster,
            apply,
            deactivate_missing,
            map,
            threshold,
            format,
            db,
        } => super::import::run(&super::import::ImportArgs {
            roster: &roster,
            apply,
            deactivate_missing,
            map: &map,
            threshold,
            format,
            db: &db.db,
        }),
        UserCommand::Deactivate { email, db } => set_active(&email, false, &db.db),
        UserCommand::Reactivate { email, db } => set_active(&email, true, &db.db),
        UserCommand::List { db } => runtime()?.block_on(async {
            let app = open_app(&db.db).await?;
            let people = app.people(Actor::Shell).await;
            app.close().await;
            for u in people? {
                println!(
                    "{}\t{}\t{}\t{}{}",
                    u.id,
                    printable(&u.email),
                    u.access.as_str(),
                    printable(&u.name),
                    if u.is_active() { "" } else { "\t(former)" }
                );
            }
            Ok(Outcome::Ok)
        }),
    }
}

/// Prints a one-time link: what it is for, until when, and the link (made
/// complete with `public_url` when given) alone on the last line, for
/// scripts.
fn print_link(link: &ladder_app::invites::HandedLink, public_url: Option<&str>) {
    let what = match link.purpose {
        ladder_store::model::LinkPurpose::Invite => "choose their password",
        ladder_store::model::LinkPurpose::Reset => "choose a new password",
    };
    let full = match public_url {
        Some(base) if link.link.starts_with('/') => {
            format!("{}{}", base.trim_end_matches('/'), link.link)
        }
        _ => link.link.clone(),
    };
    eprintln!(
        "a one-time link to {what}, valid until {}{}:",
        ladder_app::clock::date_time_of(link.expires_at),
        if full.starts_with('/') {
            " (add the address of the app in front, or pass --public-url)"
        } else {
            ""
        }
    );
    println!("{full}");
}

/// `ladder user deactivate` and `reactivate`.
fn set_active(email: &str, active: bool, db: &str) -> Result<Outcome> {
    runtime()?.block_on(async {
        let app = open_app(db).await?;
        let done = async {
            let u = app.user_by_email(Actor::Shell, email).await?;
            app.set_active(Actor::Shell, u.id, active).await
        }
        .await;
        app.close().await;
        let u = done.map_err(|e| refused(e, "--email"))?;
        if active {
            println!("{} <{}> is active again", printable(&u.name), printable(&u.email));
        } else {
            println!(
                "{} <{}> is deactivated: their sessions have ended and their API tokens no longer work",
                printable(&u.name),
                printable(&u.email)
            );
        }
        Ok(Outcome::Ok)
    })
}

/// `text` with control characters (terminal escape sequences among them)
/// shown as `\u{..}` escapes, so a name typed into the web app cannot drive
/// the terminal of whoever lists the accounts.
pub(super) fn printable(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}
