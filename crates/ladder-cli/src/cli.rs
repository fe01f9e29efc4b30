//! The command line, declared with clap's derive API.
//!
//! Every command's help ends with examples, because people learn a tool from
//! examples first. Options shared by the commands that read a ladder live in
//! [`LadderArgs`], flattened into each, so `--ladder` works the same everywhere.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use ladder_app::Access;
use ladder_core::model::{Tier, Track};

/// A value parser for an enum of the core or the store: its values are the
/// enum's own spellings (`as_str` over `ALL`), so the CLI never lists them
/// by hand and `--help` and completions show them.
fn core_enum<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(all.iter().map(move |v| name(*v))).map(move |s| {
        *all.iter()
            .find(|v| name(**v) == s)
            .expect("the parser accepts only listed values")
    })
}

/// Explore, check, compare and publish product-management career ladders.
#[derive(Debug, Parser)]
#[command(
    name = "ladder",
    version,
    about,
    long_about = "Explore, check, compare and publish product-management career ladders.\n\nThe product-manager ladder (intern to CPO, with the IC and management tracks and the GM/COO/CEO off-ramps) is built in. Give --ladder FILE (or set LADDER_FILE) to use your company's own ladder file instead; `ladder export > my-ladder.toml` is a good start.",
    after_help = "Examples:\n  ladder roles\n  ladder role senior-pm\n  ladder compare pm senior-pm\n  ladder company --size 40\n  ladder export > my-ladder.toml && ladder lint my-ladder.toml\n  ladder render --format html --out site/\n\nExit codes: 0 ok, 1 problems found (lint --strict, diff --exit-code), 2 bad input or usage."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Where the web app keeps its data.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Database URL: sqlite://PATH (made if missing) or postgres://USER:PASS@HOST/DB.
    #[arg(
        long,
        value_name = "URL",
        default_value = "sqlite://ladder.db",
        env = "LADDER_DB"
    )]
    pub db: String,
}

/// How `ladder serve` sends email (invites and password resets).
#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// The SMTP server invites and password resets go out through:
    /// smtp://HOST:PORT (plain), smtp://HOST:PORT?tls=required (STARTTLS) or
    /// smtps://USER:PASSWORD@HOST. Without it no email is sent and admins
    /// hand links over themselves.
    #[arg(long, value_name = "URL", env = "LADDER_SMTP_URL", requires_all = ["mail_from", "public_url"])]
    pub smtp_url: Option<String>,
    /// The sender of those emails: an address, or "Name <address>".
    #[arg(
        long,
        value_name = "ADDRESS",
        env = "LADDER_MAIL_FROM",
        requires = "smtp_url"
    )]
    pub mail_from: Option<String>,
    /// The address people open the app at (https://ladder.example.com): links in emails start with it.
    #[arg(long, value_name = "URL", env = "LADDER_PUBLIC_URL")]
    pub public_url: Option<String>,
}

/// How `ladder serve` signs people in through the company's OpenID provider.
#[derive(Debug, Clone, Args)]
pub struct SsoArgs {
    /// The OpenID provider's issuer URL, such as https://example.okta.com,
    /// https://login.microsoftonline.com/TENANT/v2.0 or
    /// https://accounts.google.com. The sign-in page then offers it; register
    /// PUBLIC_URL/auth/sso/callback there as this app's redirect URI.
    #[arg(long, value_name = "URL", env = "LADDER_OIDC_ISSUER", requires_all = ["oidc_client_id", "public_url"])]
    pub oidc_issuer: Option<String>,
    /// This app's client id at the provider.
    #[arg(
        long,
        value_name = "ID",
        env = "LADDER_OIDC_CLIENT_ID",
        requires = "oidc_issuer"
    )]
    pub oidc_client_id: Option<String>,
    /// A file holding this app's client secret at the provider (its first
    /// line). Or put the secret itself in LADDER_OIDC_CLIENT_SECRET.
    #[arg(
        long,
        value_name = "FILE",
        env = "LADDER_OIDC_CLIENT_SECRET_FILE",
        requires = "oidc_issuer"
    )]
    pub oidc_client_secret_file: Option<PathBuf>,
    /// What the sign-in button calls the provider ("Sign in with NAME").
    #[arg(
        long,
        value_name = "NAME",
        env = "LADDER_OIDC_NAME",
        default_value = "single sign-on"
    )]
    pub oidc_name: String,
    /// Passwords off: people sign in only through the provider (no password
    /// form, resets or invites).
    #[arg(long, env = "LADDER_OIDC_ONLY", requires = "oidc_issuer")]
    pub oidc_only: bool,
    /// At their first sign-in, make a member account for a verified email the
    /// app does not know (without it, such a sign-in is refused and an admin
    /// adds the person first).
    #[arg(long, env = "LADDER_OIDC_CREATE_MEMBERS", requires = "oidc_issuer")]
    pub oidc_create_members: bool,
}

/// `ladder user` commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account (the first admin, or anyone, without the web app).
    #[command(
        after_help = "Examples:\n  ladder user add --admin --email ada@example.com --name \"Ada Lovelace\"\n  echo \"$PASSWORD\" | ladder user add --email bo@example.com --manager ada@example.com\n  ladder user add --email cy@example.com --invite --public-url https://ladder.example.com\n\nThe password is asked for (not echoed) on a terminal, read from the first line of standard input otherwise, or taken from LADDER_PASSWORD. At least 10 characters. With --invite no password is asked for: a one-time link (7 days) is printed for them to choose one."
    )]
    Add {
        /// Print a one-time link for them to choose their password, instead of setting one.
        #[arg(long)]
        invite: bool,
        /// The address people open the app at, so the printed link is complete.
        #[arg(long, value_name = "URL", env = "LADDER_PUBLIC_URL")]
        public_url: Option<String>,
        /// Sign-in email.
        #[arg(long)]
        email: String,
        /// Display name (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// Make the account an admin.
        #[arg(long, conflicts_with = "access")]
        admin: bool,
        /// What the account may see and do.
        #[arg(long, default_value = "member", value_parser = core_enum(&Access::ALL, Access::as_str))]
        access: Access,
        /// Email of their manager (an existing account).
        #[arg(long, value_name = "EMAIL")]
        manager: Option<String>,
        /// Their current role on the ladder (a role id).
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Make an API token for an account, for scripts (printed once).
    #[command(
        after_help = "Examples:\n  ladder user token --email ada@example.com --name reporting\n  TOKEN=$(ladder user token --email ada@example.com --name ci)\n  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/v1/me"
    )]
    Token {
        /// The account's email.
        #[arg(long)]
        email: String,
        /// What the token is for.
        #[arg(long, default_value = "cli")]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Make a one-time link for someone to choose a password (an invite, or a reset for an account that has one).
    #[command(
        after_help = "Examples:\n  ladder user invite --email bo@example.com\n  ladder user invite --email bo@example.com --public-url https://ladder.example.com\n\nThe link works once: an invite for 7 days, a reset for a day. A newer link replaces an unused older one. To email links instead, start the server with --smtp-url and invite from the admin pages."
    )]
    Invite {
        /// The account's email.
        #[arg(long)]
        email: String,
        /// The address people open the app at, so the printed link is complete.
        #[arg(long, value_name = "URL", env = "LADDER_PUBLIC_URL")]
        public_url: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Make a SCIM token for an identity provider (Okta, Entra ID, …) to keep people and teams in step (printed once).
    #[command(
        after_help = "Examples:\n  ladder user scim-token --name Okta\n\nIn the identity provider, set the SCIM base URL to https://YOUR-APP/scim/v2 and this token as the bearer token. The directory may then create, change and deactivate people and teams, and nothing else."
    )]
    ScimToken {
        /// Which directory it is for.
        #[arg(long)]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Set an account's password (asked for, or from stdin / LADDER_PASSWORD); ends its sessions.
    #[command(after_help = "Examples:\n  ladder user password --email ada@example.com")]
    Password {
        /// The account's email.
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// List the accounts.
    #[command(
        after_help = "Examples:\n  ladder user list\n  ladder user list --db postgres://ladder@db/ladder"
    )]
    List {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Bring people in from an HR export: adds, changes and (when asked) deactivates, in one go.
    #[command(
        after_help = "The roster is an HR export: CSV (comma, semicolon or tab; UTF-8, a byte-order mark is fine) or the first sheet of an .xlsx workbook, with a header row. Columns are found by their usual names: name (or first and last name), email (required), employee id, title, manager (email or employee id), team, department, start date. A column the file does not have leaves that field as it is.

Without --apply nothing is written: the command lists who would be added, changed and deactivated, the titles whose role it is not sure of, and every row it cannot import (by row number). With --apply it writes everything in one transaction, or nothing if any row cannot be imported. Running the same file again changes nothing. Imported people have no password: they sign in with single sign-on or an invite. Someone with reports in the file becomes a manager; admins stay admins.

Examples:
  ladder user import roster.csv
  ladder user import roster.csv --apply
  ladder user import workday.xlsx --apply --deactivate-missing
  ladder user import export.csv --map title=\"Business Title\" --map manager=\"Supervisor Email\"
  ladder user import roster.csv --format json > plan.json

Exit codes: 0 planned (or written, with --apply); 2 a row cannot be imported or the file cannot be read (nothing written)."
    )]
    Import {
        /// The roster file (CSV or .xlsx), or - for standard input.
        roster: PathBuf,
        /// Write the changes (without it, only show them).
        #[arg(long)]
        apply: bool,
        /// Deactivate people who are not in the file (never the one importing).
        #[arg(long)]
        deactivate_missing: bool,
        /// Name a column the usual names miss: FIELD=HEADER (fields: name, first_name, last_name, email, employee_id, title, manager, team, department, start_date). Repeatable.
        #[arg(long = "map", value_name = "FIELD=HEADER")]
        map: Vec<String>,
        /// How sure the title resolver must be (0 to 1) to set a role; below it the role waits for an admin.
        #[arg(long, value_name = "0..1", value_parser = unit_interval)]
        threshold: Option<f32>,
        /// Output: a report for people, or the whole plan as JSON.
        #[arg(long, value_enum, default_value_t = ImportFormat::Table)]
        format: ImportFormat,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Deactivate an account: its sessions end and its API tokens stop working; its history stays.
    #[command(after_help = "Examples:\n  ladder user deactivate --email bo@example.com")]
    Deactivate {
        /// The account's email.
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Bring a deactivated account back.
    #[command(after_help = "Examples:\n  ladder user reactivate --email bo@example.com")]
    Reactivate {
        /// The account's email.
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

/// `ladder user import` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A report for the terminal.
    Table,
    /// The whole plan as JSON.
    Json,
}

/// A number from 0 to 1.
fn unit_interval(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}` is not a number from 0 to 1 (such as 0.8)")),
    }
}

/// Where the ladder comes from.
#[derive(Debug, Clone, Args)]
pub struct LadderArgs {
    /// A ladder file (TOML) to use instead of the built-in product-management ladder.
    #[arg(long, value_name = "FILE", env = "LADDER_FILE", global = true)]
    pub ladder: Option<PathBuf>,
}

/// The file formats a ladder is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LadderFileFormat {
    /// The ladder file (TOML).
    Toml,
    /// An .xlsx workbook, one sheet per table.
    Xlsx,
    /// CSV files, one per sheet, in a directory.
    Csv,
}

/// Output for data: a table for people, JSON or Markdown for scripts and docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// A table (text for people).
    Table,
    /// JSON.
    Json,
    /// Markdown.
    Markdown,
}

/// Output of `ladder org`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrgFormat {
    /// A report for people.
    Table,
    /// The whole report as JSON.
    Json,
    /// The report as Markdown.
    Markdown,
    /// The report as a standalone HTML page with charts (pyramid, spans,
    /// ratios).
    Html,
    /// The findings (flags, long stays, problems) as CSV, a row each.
    Csv,
}

/// Output for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// `FILE:LINE:COL: severity: message` lines.
    Text,
    /// A JSON array of diagnostics per file.
    Json,
}

/// The file formats `ladder schema` describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A ladder file.
    Ladder,
    /// An assessment file.
    Assessment,
}

/// Output of `ladder titles`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TitlesFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV: the input's columns (or `title`) followed by the resolution.
    Csv,
    /// A table for people (reads the whole input first).
    Table,
}

/// The format of a rendered site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SiteFormat {
    /// Markdown pages and the SVG diagram.
    Markdown,
    /// HTML pages, a stylesheet and the SVG diagram.
    Html,
    /// ladder.json and roles.json.
    Json,
    /// The SVG diagram only.
    Svg,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the roles of the ladder.
    #[command(
        after_help = "Examples:\n  ladder roles\n  ladder roles --track management\n  ladder roles --format json | jq '.[].id'\n  ladder roles --ladder my-ladder.toml --format markdown"
    )]
    Roles {
        /// Only roles of this track.
        #[arg(long, value_parser = core_enum(&Track::ALL, Track::as_str))]
        track: Option<Track>,
        /// Only roles of this tier.
        #[arg(long, value_parser = core_enum(&Tier::ALL, Tier::as_str))]
        tier: Option<Tier>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Show everything the ladder says about one role.
    #[command(
        after_help = "Examples:\n  ladder role pm\n  ladder role director --format markdown > director.md\n  ladder role vp --format json\n  ladder role apm --sources --sources-dir ../shared/seeds"
    )]
    Role {
        /// The role id (see `ladder roles`).
        id: String,
        /// List each statement with the article and passage it comes from.
        #[arg(long, conflicts_with = "format")]
        sources: bool,
        /// The folder with the text of the ladder's sources (each source's
        /// `file`), to print each passage's words under `--sources`.
        #[arg(long, value_name = "DIR", requires = "sources")]
        sources_dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Show what changes between two roles, side by side.
    #[command(
        after_help = "Examples:\n  ladder compare pm senior-pm\n  ladder compare senior-pm director --format markdown\n  ladder compare apm pm --format json"
    )]
    Compare {
        /// The first role id (usually the current role).
        from: String,
        /// The second role id (usually the next one).
        to: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Validate ladder files: exit 0 when valid, 2 when not.
    #[command(
        after_help = "Examples:\n  ladder check my-ladder.toml\n  ladder check ladders/*.toml --format json\n\nEach error is printed as FILE:LINE:COL: error: message [code], with a hint below it."
    )]
    Check {
        /// The ladder files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Validate ladder files and warn about weak spots (vague criteria, copied text, missing readiness).
    #[command(
        after_help = "Examples:\n  ladder lint my-ladder.toml\n  ladder lint --strict my-ladder.toml   # exit 1 on any warning, for CI\n  ladder lint my-ladder.toml --sources-dir handbook/   # also check each citation against its passage\n\nExit codes: 0 no errors (and, with --strict, no warnings), 1 warnings with --strict, 2 errors."
    )]
    Lint {
        /// The ladder files to lint.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Exit with 1 when there are warnings.
        #[arg(long)]
        strict: bool,
        /// The folder with the text of the sources (each source's `file`):
        /// also warn about citations without a paragraph, paragraphs that do
        /// not exist, statements their passage does not bear out and numbers
        /// it does not give.
        #[arg(long, value_name = "DIR")]
        sources_dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Show what changed between two versions of a ladder: roles, families, moves, competencies (every expectation and criterion), scales and pay.
    #[command(
        after_help = "Examples:\n  ladder diff ladder-2025.toml ladder-2026.toml\n  ladder diff @embedded my-ladder.toml      # what your ladder changes from the built-in one\n  ladder diff old.toml new.toml --format json --exit-code\n\n@embedded stands for the built-in ladder."
    )]
    Diff {
        /// The old version (a file, or @embedded).
        old: PathBuf,
        /// The new version (a file, or @embedded).
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        /// Exit with 1 when the ladders differ.
        #[arg(long)]
        exit_code: bool,
    },
    /// Write the ladder as a static site: index, role pages, compare pages and an SVG diagram.
    #[command(
        after_help = "Examples:\n  ladder render --format html --out site/\n  ladder render --format markdown --out docs/ladder/ --ladder my-ladder.toml\n  ladder render --format svg --out .\n  ladder render --out site/ --sources-dir ../shared/seeds\n\nThe HTML needs no JavaScript and prints cleanly."
    )]
    Render {
        /// What to write.
        #[arg(long, value_enum, default_value_t = SiteFormat::Html)]
        format: SiteFormat,
        /// The folder to write into (created when missing; files of the same name are replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The folder with the text of the ladder's sources (each source's
        /// `file`): HTML role pages then show each statement's passage.
        #[arg(long, value_name = "DIR")]
        sources_dir: Option<PathBuf>,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// The shape of a product org from its roster: people per rung, spans and layers,
    /// PMs against engineers and designers, and titles that look inflated.
    #[command(
        after_help = "The roster is an HR export: CSV (comma, semicolon or tab; UTF-8, a byte-order mark is fine) or the first sheet of an .xlsx workbook, with a header row. Columns are found by their usual names: name (or first and last name), email, employee id, title, manager (email or employee id), team, department, start date.

Examples:
  ladder org roster.csv
  ladder org roster.csv --company-size 5000 --format markdown > org.md
  ladder org roster.xlsx --format html > org.html
  ladder org export.csv --map title=\"Business Title\" --map manager=\"Supervisor Email\"
  ladder org roster.csv --format csv > findings.csv

Exit codes: 0 the report was made (rows with problems are listed in it); 1 with --strict when rows were left out; 2 the roster cannot be read."
    )]
    Org {
        /// The roster file (CSV or .xlsx), or - for standard input.
        roster: PathBuf,
        /// Output format: a report for the terminal, JSON, Markdown, an HTML page with charts, or the findings as CSV.
        #[arg(long, value_enum, default_value_t = OrgFormat::Table)]
        format: OrgFormat,
        /// Compare with this company size (a head-count or a profile id) instead of the roster's head-count.
        #[arg(long, value_name = "N|PROFILE")]
        company_size: Option<String>,
        /// Name a column the usual names miss: FIELD=HEADER (fields: name, first_name, last_name, email, employee_id, title, manager, team, department, start_date). Repeatable.
        #[arg(long = "map", value_name = "FIELD=HEADER")]
        map: Vec<String>,
        /// Count years in role up to this day (YYYY-MM-DD; default today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Exit with 1 when any row of the roster was left out.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Show the ladder as a company of a given size has it: which roles exist, and how titles re-level.
    #[command(
        after_help = "Examples:\n  ladder company --size 20\n  ladder company --size startup\n  ladder company --size enterprise --format json"
    )]
    Company {
        /// A number of employees, or a profile id (startup, scaleup, enterprise).
        #[arg(long, value_name = "N|PROFILE")]
        size: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Resolve one job title to its role on the ladder.
    #[command(
        after_help = "Examples:\n  ladder title \"Sr. PM, Growth\"\n  ladder title \"Director of Product\" --company-size 20\n  ladder title \"Directeur Produit\" --format json"
    )]
    Title {
        /// The job title, as written.
        title: String,
        /// The employer's head-count (or a profile id): adds the role the title
        /// usually means there (`effective_role`), re-levelled for title inflation.
        #[arg(long, value_name = "N|PROFILE")]
        company_size: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Resolve many job titles: plain lines or a CSV column, streamed, in input order.
    #[command(
        after_help = "Examples:\n  ladder titles titles.txt > roles.jsonl\n  cat titles.txt | ladder titles --format csv\n  ladder titles roster.csv --column \"Job Title\" --format csv > roster-with-roles.csv\n  ladder titles roster.csv --column title --company-size-column headcount\n  ladder titles postings.txt --threads 2 --company-size 20\n\nEvery input record gives exactly one output record, in input order; a blank or unreadable record gives role `other`, confidence 0 and an `error`. Memory stays flat however large the input."
    )]
    Titles {
        /// The input: a file of titles, one per line, or a CSV file with --column; `-` or nothing for standard input.
        #[arg(value_name = "FILE")]
        input: Option<PathBuf>,
        /// Read the input as CSV with a header row, and take the titles from this column.
        #[arg(long, value_name = "NAME")]
        column: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TitlesFormat::Jsonl)]
        format: TitlesFormat,
        /// The employers' head-count (or profile id) for every title: adds `effective_role`.
        #[arg(long, value_name = "N|PROFILE", conflicts_with = "company_size_column")]
        company_size: Option<String>,
        /// A CSV column holding each row's employer head-count (or profile id).
        #[arg(long, value_name = "NAME")]
        company_size_column: Option<String>,
        /// Threads that resolve titles (default: the number of cores); reading
        /// and writing run beside them.
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
        /// No progress bar and no summary on stderr.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Plan the routes from a role (or a background) to a target role, fastest first.
    #[command(
        after_help = "Examples:\n  ladder path --from apm --to director\n  ladder path --background career-switcher --to senior-pm\n  ladder path --from pm --to vp --company startup --format json\n\nBackgrounds are the ladder's entry points: new-grad, entrepreneur, career-switcher, internal-transfer."
    )]
    Path {
        /// The role to start from.
        #[arg(
            long,
            value_name = "ROLE",
            required_unless_present = "background",
            conflicts_with = "background"
        )]
        from: Option<String>,
        /// Start from a background (an entry point) instead of a role.
        #[arg(long, value_name = "ID")]
        background: Option<String>,
        /// The target role.
        #[arg(long, value_name = "ROLE")]
        to: String,
        /// Only pass through roles a company of this size has (startup, scaleup, enterprise), at its promotion speed.
        #[arg(long, value_name = "PROFILE")]
        company: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Simulate many careers: how many years to reach a role, and how many get there.
    #[command(
        after_help = "Examples:\n  ladder simulate --from apm --to director --company enterprise\n  ladder simulate --from pm --to vp --company startup --runs 1000000 --seed 7 --out vp.svg\n  ladder simulate --from apm --to director --company enterprise --runs 100000 --seed 1 --format json\n\nThe parameters (promotion speed and spread per company type, seats per level, attrition) are defaults in the ladder's [simulation] table; a ladder without one is simulated at a neutral pace, marked as a default."
    )]
    Simulate {
        /// The starting role.
        #[arg(long, value_name = "ROLE")]
        from: String,
        /// The target role.
        #[arg(long, value_name = "ROLE")]
        to: String,
        /// How the company promotes: a profile of the ladder's [simulation] table (the built-in ladder: startup, scaleup or enterprise). Not needed when the ladder has one profile or none (a neutral pace).
        #[arg(long, value_name = "PROFILE", default_value = "")]
        company: String,
        /// How many careers to simulate.
        #[arg(long, default_value_t = 100_000)]
        runs: u64,
        /// Seed of the random generator: the same seed gives the same result.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also write the histogram as an SVG chart to this file.
        #[arg(long, value_name = "FILE.svg")]
        out: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Place an assessment on the ladder: placement, gaps, readiness for the next step.
    #[command(
        after_help = "Examples:\n  ladder assess me.toml\n  ladder assess me.toml --format json\n  ladder assess --compare self.toml manager.toml\n  ladder assess                       # asks per competency in the terminal and saves the file\n\nAn assessment file names the person, role, date, rater (self, manager or peer) and a rating per competency: see docs/assessment-format.md."
    )]
    Assess {
        /// The assessment file (TOML or JSON). Without one, `ladder assess` asks in the terminal.
        #[arg(value_name = "FILE", conflicts_with = "compare")]
        file: Option<PathBuf>,
        /// Compare two assessments of the same person (for example self and manager).
        #[arg(long, num_args = 2, value_names = ["FIRST", "SECOND"])]
        compare: Option<Vec<PathBuf>>,
        /// Where the terminal questionnaire saves the assessment (default: assessment-PERSON-DATE.toml).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// The smallest set of competency moves that would qualify an assessment for a role.
    #[command(
        after_help = "Examples:\n  ladder gap me.toml --to senior-pm\n  ladder gap me.toml --to director --format json"
    )]
    Gap {
        /// The assessment file (TOML or JSON).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The target role.
        #[arg(long, value_name = "ROLE")]
        to: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Table)]
        format: DataFormat,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Write the ladder out: as TOML (the start of a company's own ladder), or as a spreadsheet to edit.
    #[command(
        after_help = "Examples:\n  ladder export > my-ladder.toml\n  $EDITOR my-ladder.toml && ladder lint my-ladder.toml\n  ladder export --out ladder.xlsx\n  ladder export --ladder acme.toml --format csv --out acme-sheets\n\nThe workbook has one sheet per table (Roles, Moves, Pay, Competencies, Criteria, Expectations…); docs/spreadsheets.md describes it. `ladder import` reads it back."
    )]
    Export {
        /// The format; by default TOML, or .xlsx when --out ends in .xlsx.
        #[arg(long, value_enum)]
        format: Option<LadderFileFormat>,
        /// Where to write: a file (TOML, .xlsx) or, for CSV, a directory. TOML goes to standard output without it.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        #[command(flatten)]
        source: LadderArgs,
    },
    /// Turn a ladder kept in a spreadsheet (.xlsx, or CSV files one per sheet) into a ladder file.
    #[command(
        after_help = "Examples:\n  ladder import acme-ladder.xlsx > acme.toml\n  ladder import acme-ladder.xlsx --out acme.toml\n  ladder import acme-sheets/            (a directory of roles.csv, criteria.csv…)\n  ladder export --out start.xlsx        (the layout, filled with the built-in ladder)\n\nThe layout: docs/spreadsheets.md. Every problem is named by sheet, row and column; the ladder is written only when it passes `ladder check`.\n\nExit codes: 0 written; 2 the workbook has problems (nothing written)."
    )]
    Import {
        /// The workbook: an .xlsx file, a directory of CSV files, or one CSV file of such a directory.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Write the ladder file here instead of to standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print the JSON Schema of the ladder file format, or of assessment files.
    #[command(
        after_help = "Examples:\n  ladder schema > ladder.schema.json\n  ladder schema assessment > assessment.schema.json\n\nPut `#:schema ./ladder.schema.json` on the first line of a ladder file for editor completion and checks."
    )]
    Schema {
        /// Which file format.
        #[arg(value_enum, default_value_t = SchemaKind::Ladder)]
        what: SchemaKind,
    },
    /// Run the web app and JSON API.
    #[command(
        after_help = "Examples:\n  ladder serve\n  ladder serve --addr 0.0.0.0:8080 --db sqlite:///var/lib/ladder/ladder.db\n  ladder serve --db postgres://ladder@db.internal/ladder --secure-cookies --trust-forwarded\n  ladder serve --public-url https://ladder.example.com --oidc-issuer https://example.okta.com --oidc-client-id 0oa1b2c3 --oidc-client-secret-file /etc/ladder/oidc-secret --oidc-name Okta\n\nThe first admin: ladder user add --admin --email you@example.com\nStops cleanly on SIGTERM or Ctrl-C (requests in flight finish)."
    )]
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", env = "LADDER_ADDR")]
        addr: String,
        #[command(flatten)]
        db: DbArgs,
        /// The app is reached over HTTPS (directly or via a proxy): mark cookies Secure and send HSTS.
        #[arg(long, env = "LADDER_SECURE_COOKIES")]
        secure_cookies: bool,
        /// Behind one proxy of yours: take the client address from the entry it
        /// appends to X-Forwarded-For (the same as --trusted-proxies 1).
        #[arg(
            long,
            env = "LADDER_TRUST_FORWARDED",
            conflicts_with = "trusted_proxies"
        )]
        trust_forwarded: bool,
        /// How many proxies of yours stand in front (each appends to
        /// X-Forwarded-For); the client is the entry that many places from the
        /// right. 0 ignores the header.
        #[arg(
            long,
            value_name = "N",
            env = "LADDER_TRUSTED_PROXIES",
            default_value_t = 0
        )]
        trusted_proxies: usize,
        /// Seconds a client may take to send a request's headers before it is
        /// disconnected.
        #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
        header_timeout: u64,
        /// The folder with the text of the ladder's sources (files named by
        /// each source's `file`): role pages then show each statement's passage.
        #[arg(long, value_name = "DIR", env = "LADDER_SOURCES_DIR")]
        sources_dir: Option<PathBuf>,
        #[command(flatten)]
        mail: MailArgs,
        #[command(flatten)]
        sso: SsoArgs,
    },
    /// Manage the web app's accounts from the shell.
    #[command(subcommand)]
    User(UserCommand),
    /// Fill an empty database with a demo organisation: a VP, managers of 99
    /// people each, and everyone with a submitted self and manager assessment.
    #[command(
        after_help = "Examples:\n  ladder demo --db sqlite://demo.db && ladder serve --db sqlite://demo.db\n  ladder demo --people 10000 --db postgres://ladder@localhost/ladder_demo\n\nEvery account's password is $LADDER_PASSWORD, or \"ladder demo password\" when it is unset. The same size always makes the same people and ratings. Refused on a database that has accounts."
    )]
    Demo {
        /// People below the VP, managers included.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=100_000))]
        people: u64,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  ladder completions bash > /etc/bash_completion.d/ladder\n  ladder completions zsh > \"${fpath[1]}/_ladder\"\n  ladder completions fish > ~/.config/fish/completions/ladder.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page, or write one page per command into a folder.
    #[command(
        after_help = "Examples:\n  ladder man | man -l -\n  ladder man --out /usr/local/share/man/man1"
    )]
    Man {
        /// Write ladder.1 and one ladder-COMMAND.1 per command into this folder.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}
