//! One module per command; [`run`] dispatches.

mod assess;
mod check;
mod company;
mod compare;
mod diff;
mod generate;
mod import;
mod org;
mod plan;
mod render;
mod roles;
mod serve;
mod sheets;
mod titles;
mod titles_stream;

use anyhow::{Result, anyhow};
use ladder_core::{Ladder, Role};

use crate::Outcome;
use crate::cli::Command;

/// Runs one command.
pub fn run(command: Command) -> Result<Outcome> {
    match command {
        Command::Roles {
            track,
            tier,
            format,
            source,
        } => roles::list(source.ladder.as_deref(), track, tier, format),
        Command::Serve {
            addr,
            db,
            secure_cookies,
            trust_forwarded,
            trusted_proxies,
            header_timeout,
            sources_dir,
            mail,
            sso,
        } => {
            let source_texts = match sources_dir {
                Some(dir) => crate::input::source_texts(&dir)?,
                None => Default::default(),
            };
            let config = ladder_web::Config {
                secure_cookies,
                trusted_proxies: if trust_forwarded { 1 } else { trusted_proxies },
                header_read_timeout: std::time::Duration::from_secs(header_timeout),
                source_texts: std::sync::Arc::new(source_texts),
            };
            let sso = serve::sso_settings(sso, mail.public_url.as_deref())?;
            let mail = match (mail.smtp_url, mail.mail_from, mail.public_url) {
                (Some(smtp_url), Some(from), Some(public_url)) => {
                    Some(ladder_app::mail::MailSettings {
                        smtp_url,
                        from,
                        public_url,
                    })
                }
                _ => None,
            };
            serve::serve(&addr, &db.db, config, mail, sso)
        }
        Command::User(cmd) => serve::user(cmd),
        Command::Demo { people, db } => serve::demo(people, &db.db),
        Command::Role {
            id,
            sources: true,
            sources_dir,
            source,
            ..
        } => roles::show_sources(source.ladder.as_deref(), &id, sources_dir.as_deref()),
        Command::Role {
            id, format, source, ..
        } => roles::show(source.ladder.as_deref(), &id, format),
        Command::Compare {
            from,
            to,
            format,
            source,
        } => compare::run(source.ladder.as_deref(), &from, &to, format),
        Command::Check { files, format } => check::run(&files, false, false, format, None),
        Command::Lint {
            files,
            strict,
            sources_dir,
            format,
        } => check::run(&files, true, strict, format, sources_dir.as_deref()),
        Command::Diff {
            old,
            new,
            format,
            exit_code,
        } => diff::run(&old, &new, format, exit_code),
        Command::Render {
            format,
            out,
            sources_dir,
            source,
        } => render::run(
            source.ladder.as_deref(),
            format,
            &out,
            sources_dir.as_deref(),
        ),
        Command::Org {
            roster,
            format,
            company_size,
            map,
            as_of,
            strict,
            source,
        } => org::run(&org::OrgArgs {
            ladder: source.ladder.as_deref(),
            roster: &roster,
            format,
            company_size: company_size.as_deref(),
            map: &map,
            as_of: as_of.as_deref(),
            strict,
        }),
        Command::Company {
            size,
            format,
            source,
        } => company::run(source.ladder.as_deref(), &size, format),
        Command::Title {
            title,
            company_size,
            format,
            source,
        } => titles::one(
            source.ladder.as_deref(),
            &title,
            company_size.as_deref(),
            format,
        ),
        Command::Titles {
            input,
            column,
            format,
            company_size,
            company_size_column,
            threads,
            quiet,
            source,
        } => titles_stream::run(titles_stream::Options {
            ladder: source.ladder,
            input,
            column,
            format,
            company_size,
            company_size_column,
            threads,
            quiet,
        }),
        Command::Path {
            from,
            background,
            to,
            company,
            format,
            source,
        } => plan::path(
            source.ladder.as_deref(),
            from,
            background,
            &to,
            company.as_deref(),
            format,
        ),
        Command::Simulate {
            from,
            to,
            company,
            runs,
            seed,
            out,
            format,
            source,
        } => plan::simulate(
            source.ladder.as_deref(),
            &from,
            &to,
            &company,
            runs,
            seed,
            out.as_deref(),
            format,
        ),
        Command::Assess {
            file,
            compare,
            out,
            format,
            source,
        } => assess::run(
            source.ladder.as_deref(),
            file.as_deref(),
            compare.as_deref(),
            out.as_deref(),
            format,
        ),
        Command::Gap {
            file,
            to,
            format,
            source,
        } => assess::gap(source.ladder.as_deref(), &file, &to, format),
        Command::Export {
            format,
            out,
            source,
        } => sheets::export(source.ladder.as_deref(), format, out.as_deref()),
        Command::Import { file, out } => sheets::import(&file, out.as_deref()),
        Command::Schema { what } => generate::schema(what),
        Command::Completions { shell } => generate::completions(shell),
        Command::Man { out } => generate::man(out.as_deref()),
    }
}

/// The role with this id, or an error that names the closest id.
pub fn find_role<'a>(ladder: &'a Ladder, id: &str) -> Result<&'a Role> {
    ladder.role(id).ok_or_else(|| {
        let ids = ladder.roles.iter().map(|r| r.id.as_str());
        match ladder_core::suggest(id, ids) {
            Some(best) => anyhow!(
                "no role has the id `{id}`; did you mean `{best}`? (`ladder roles` lists them)"
            ),
            None => anyhow!("no role has the id `{id}`; `ladder roles` lists the ids"),
        }
    })
}
