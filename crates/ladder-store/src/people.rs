//! Pages of people below a manager (or everyone, for an admin), and the
//! latest submitted assessments of a page or of a whole line, each in one
//! set-based query: a manager with 10,000 people below them costs the same
//! three queries as one with three.
//!
//! The people are the reporting line walked by a recursive CTE, ordered by
//! depth, name and id; a page is a LIMIT/OFFSET slice of that order, and the
//! assessments join onto the same slice, so the two always agree.

use async_trait::async_trait;

use crate::SqlStore;
use crate::error::Result;
use crate::model::{AssessmentRow, LatestKey, Report, User};
use crate::users::user_columns;

/// Whose people a query covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everyone below this manager, directly or not.
    Below(i64),
    /// Everyone but this user (an admin's view), at depth 0.
    Everyone {
        /// The viewer, left out.
        except: i64,
    },
}

impl Scope {
    /// The two bind values the `people` CTE takes: the user id and whether
    /// the scope is everyone (1) or a reporting line (0).
    fn binds(self) -> (i64, i64) {
        match self {
            Scope::Below(m) => (m, 0),
            Scope::Everyone { except } => (except, 1),
        }
    }
}

/// Which of a scope's people a query keeps: those in a role, in a team, or
/// both (`None` keeps everyone).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Only people whose role on record has this id.
    pub role: Option<String>,
    /// Only people of this team.
    pub team: Option<i64>,
}

impl Filter {
    /// Everyone of the scope.
    pub const NONE: Filter = Filter {
        role: None,
        team: None,
    };

    /// The bind values `$5` (a role id, or empty for any) and `$6` (a team
    /// id, or 0 for any) of the `people` CTE.
    fn binds(&self) -> (String, i64) {
        (
            self.role.clone().unwrap_or_default(),
            self.team.unwrap_or(0),
        )
    }
}

/// A slice of the ordered people of a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    /// How many.
    pub limit: i64,
    /// How many to skip.
    pub offset: i64,
}

impl Slice {
    /// Everyone at once.
    pub const ALL: Slice = Slice {
        limit: i64::MAX,
        offset: 0,
    };
}

/// The `people (id, depth)` CTE for binds `$1` (a user id) and `$2` (1 for
/// everyone but `$1`, 0 for the line below `$1`), and the `page` of it for
/// `$3` (limit), `$4` (offset), `$5` (a role id or '') and `$6` (a team id
/// or 0), as a literal for `concat!`. The whole line is walked whatever the
/// filter (a report of a report in another team is still below), and
/// through people who have left (whose reports are still below), who are
/// themselves left out of the page.
macro_rules! people_cte {
    () => {
        "WITH RECURSIVE chain (id, depth) AS (
            SELECT id, CAST(1 AS BIGINT) FROM users WHERE manager_id = $1 AND $2 = 0
            UNION ALL
            SELECT u.id, c.depth + 1 FROM users u JOIN chain c ON u.manager_id = c.id
            WHERE c.depth < 64
        ),
        people (id, depth) AS (
            SELECT id, MIN(depth) FROM chain GROUP BY id
            UNION ALL
            SELECT id, CAST(0 AS BIGINT) FROM users WHERE $2 = 1 AND id <> $1
        ),
        page (id, depth, total) AS (
            SELECT people.id, people.depth, COUNT(*) OVER () FROM people
            JOIN users ON users.id = people.id
            WHERE users.deactivated_at IS NULL
              AND ($5 = '' OR users.ladder_role = $5) AND ($6 = 0 OR users.team_id = $6)
            ORDER BY people.depth, users.name, users.id LIMIT $3 OFFSET $4
        ) "
    };
}

/// The row of a page of people.
#[derive(sqlx::FromRow)]
struct PersonRow {
    #[sqlx(flatten)]
    user: User,
    depth: i64,
    total: i64,
}

/// The columns of an assessment row read through `a`, as a literal.
macro_rules! assessment_columns_of_a {
    () => {
        "a.id, a.subject_id, a.author_id, a.rater, a.ladder_id, a.ladder_role, a.body, a.status,
         a.created_at, a.updated_at, a.submitted_at"
    };
}

/// PostgreSQL's "is one of the ids `$1` lists as a JSON array", as an
/// array made once before the scan: the planner then walks the primary key
/// for each id (a join on the JSON rows was planned as a hash join over
/// the whole table, 5 ms for a page of 100 people at 10,000).
macro_rules! pg_ids {
    () => {
        "ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($1 AS jsonb))))"
    };
}

/// The latest submitted self and manager assessments of the people whose
/// ids `$1` lists as a JSON array, reading `$cols` of `a`: looked up in the
/// table kept at each submission. The one place where the dialects spell a
/// query differently (how a JSON array becomes rows).
macro_rules! latest_of_sqlite {
    ($cols:expr) => {
        concat!(
            "SELECT ",
            $cols,
            " FROM latest_assessments l JOIN json_each($1) j ON l.subject_id = j.value
              JOIN assessments a ON a.id = l.assessment_id
              WHERE l.rater IN ('self', 'manager') ORDER BY a.subject_id, a.rater"
        )
    };
}
macro_rules! latest_of_postgres {
    ($cols:expr) => {
        concat!(
            "SELECT ",
            $cols,
            " FROM latest_assessments l JOIN assessments a ON a.id = l.assessment_id
              WHERE l.subject_id = ",
            pg_ids!(),
            " AND l.rater IN ('self', 'manager') ORDER BY a.subject_id, a.rater"
        )
    };
}
const LATEST_OF_SQLITE: &str = latest_of_sqlite!(assessment_columns_of_a!());
const LATEST_OF_POSTGRES: &str = latest_of_postgres!(assessment_columns_of_a!());
const LATEST_KEYS_SQLITE: &str =
    latest_of_sqlite!("a.id, a.subject_id, a.author_id, a.rater, a.ladder_id");
const LATEST_KEYS_POSTGRES: &str =
    latest_of_postgres!("a.id, a.subject_id, a.author_id, a.rater, a.ladder_id");
/// The bodies of the assessments whose ids `$1` lists as a JSON array.
const BODIES_SQLITE: &str =
    "SELECT a.id, a.body FROM assessments a JOIN json_each($1) j ON a.id = j.value";
const BODIES_POSTGRES: &str = concat!(
    "SELECT a.id, a.body FROM assessments a WHERE a.id = ",
    pg_ids!()
);

/// The users whose ids `$1` lists as a JSON array.
const USERS_OF_SQLITE: &str = concat!(
    "SELECT ",
    user_columns!(),
    " FROM users JOIN json_each($1) j ON users.id = j.value"
);
const USERS_OF_POSTGRES: &str = concat!(
    "SELECT ",
    user_columns!(),
    " FROM users WHERE users.id = ",
    pg_ids!()
);

/// Ids as a JSON array, the one bind value of the queries by id list.
fn json_ids(ids: impl Iterator<Item = i64>) -> String {
    let mut out = String::from("[");
    for (i, id) in ids.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&id.to_string());
    }
    out.push(']');
    out
}

/// Pages of people and their latest assessments.
#[async_trait]
pub trait PeopleStore: Send + Sync {
    /// A slice of the people of `scope`, nearest first, then by name, and how
    /// many people the whole scope has.
    async fn people_page(
        &self,
        scope: Scope,
        filter: &Filter,
        slice: Slice,
    ) -> Result<(Vec<Report>, i64)>;
    /// How many people of `scope` pass `filter`.
    async fn people_count(&self, scope: Scope, filter: &Filter) -> Result<i64>;
    /// The latest submitted self and manager assessments of a slice of the
    /// people of `scope` that pass `filter`: at most one per person and rater.
    async fn latest_assessments(
        &self,
        scope: Scope,
        filter: &Filter,
        slice: Slice,
    ) -> Result<Vec<AssessmentRow>>;
    /// The same for the people with these ids (a page already read).
    async fn latest_of(&self, subjects: &[i64]) -> Result<Vec<AssessmentRow>>;
    /// Which assessments are the latest of these people (as [`latest_of`],
    /// without the bodies): what a cache of frozen assessments is keyed by.
    ///
    /// [`latest_of`]: PeopleStore::latest_of
    async fn latest_keys_of(&self, subjects: &[i64]) -> Result<Vec<LatestKey>>;
    /// The stored bodies of these assessments, as (id, body).
    async fn assessment_bodies(&self, ids: &[i64]) -> Result<Vec<(i64, String)>>;
    /// A number that changes whenever people change (accounts, names,
    /// managers, teams, roles): what a cached line is checked against.
    async fn people_version(&self) -> Result<i64>;
    /// The whole ordered line of `scope` that passes `filter`, as (user id,
    /// depth): what a cache of pages keeps.
    async fn line(&self, scope: Scope, filter: &Filter) -> Result<Vec<(i64, i64)>>;
    /// The people with these ids, with their depth in a line already walked,
    /// in the order given.
    async fn people_by_ids(&self, line: &[(i64, i64)]) -> Result<Vec<Report>>;
}

#[async_trait]
impl PeopleStore for SqlStore {
    async fn people_page(
        &self,
        scope: Scope,
        filter: &Filter,
        slice: Slice,
    ) -> Result<(Vec<Report>, i64)> {
        let (id, everyone) = scope.binds();
        let (role, team) = filter.binds();
        let rows: Vec<PersonRow> = sqlx::query_as(concat!(
            people_cte!(),
            "SELECT ",
            user_columns!(),
            ",
                    page.depth AS depth, page.total AS total
             FROM page JOIN users ON users.id = page.id
             ORDER BY page.depth, users.name, users.id"
        ))
        .bind(id)
        .bind(everyone)
        .bind(slice.limit)
        .bind(slice.offset)
        .bind(&role)
        .bind(team)
        .fetch_all(&self.pool)
        .await?;
        // The count rides on the page's rows; past the end there are none.
        let total = match rows.first() {
            Some(r) => r.total,
            None if slice.offset > 0 => self.people_count(scope, filter).await?,
            None => 0,
        };
        let people = rows
            .into_iter()
            .map(|r| Report {
                user: r.user,
                depth: r.depth,
            })
            .collect();
        Ok((people, total))
    }

    async fn people_count(&self, scope: Scope, filter: &Filter) -> Result<i64> {
        let (id, everyone) = scope.binds();
        let (role, team) = filter.binds();
        let (n,): (i64,) = sqlx::query_as(concat!(
            people_cte!(),
            "SELECT COUNT(*) FROM people JOIN users ON users.id = people.id
             WHERE users.deactivated_at IS NULL
              AND ($5 = '' OR users.ladder_role = $5) AND ($6 = 0 OR users.team_id = $6)"
        ))
        .bind(id)
        .bind(everyone)
        .bind(0i64)
        .bind(0i64)
        .bind(&role)
        .bind(team)
        .fetch_one(&self.pool)
        .await?;
        Ok(n)
    }

    async fn latest_assessments(
        &self,
        scope: Scope,
        filter: &Filter,
        slice: Slice,
    ) -> Result<Vec<AssessmentRow>> {
        let (id, everyone) = scope.binds();
        let (role, team) = filter.binds();
        Ok(sqlx::query_as(concat!(
            people_cte!(),
            " SELECT ",
            assessment_columns_of_a!(),
            " FROM page JOIN latest_assessments l ON l.subject_id = page.id
              JOIN assessments a ON a.id = l.assessment_id
              WHERE l.rater IN ('self', 'manager') ORDER BY a.subject_id, a.rater"
        ))
        .bind(id)
        .bind(everyone)
        .bind(slice.limit)
        .bind(slice.offset)
        .bind(&role)
        .bind(team)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn latest_of(&self, subjects: &[i64]) -> Result<Vec<AssessmentRow>> {
        if subjects.is_empty() {
            return Ok(Vec::new());
        }
        let ids = json_ids(subjects.iter().copied());
        let sql = match self.dialect() {
            crate::Dialect::Sqlite => LATEST_OF_SQLITE,
            crate::Dialect::Postgres => LATEST_OF_POSTGRES,
        };
        Ok(sqlx::query_as(sql).bind(ids).fetch_all(&self.pool).await?)
    }

    async fn latest_keys_of(&self, subjects: &[i64]) -> Result<Vec<LatestKey>> {
        if subjects.is_empty() {
            return Ok(Vec::new());
        }
        let sql = match self.dialect() {
            crate::Dialect::Sqlite => LATEST_KEYS_SQLITE,
            crate::Dialect::Postgres => LATEST_KEYS_POSTGRES,
        };
        Ok(sqlx::query_as(sql)
            .bind(json_ids(subjects.iter().copied()))
            .fetch_all(&self.pool)
            .await?)
    }

    async fn assessment_bodies(&self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = match self.dialect() {
            crate::Dialect::Sqlite => BODIES_SQLITE,
            crate::Dialect::Postgres => BODIES_POSTGRES,
        };
        Ok(sqlx::query_as(sql)
            .bind(json_ids(ids.iter().copied()))
            .fetch_all(&self.pool)
            .await?)
    }

    async fn people_version(&self) -> Result<i64> {
        let (v,): (i64,) = sqlx::query_as("SELECT version FROM people_version WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(v)
    }

    async fn line(&self, scope: Scope, filter: &Filter) -> Result<Vec<(i64, i64)>> {
        let (id, everyone) = scope.binds();
        let (role, team) = filter.binds();
        Ok(sqlx::query_as(concat!(
            people_cte!(),
            "SELECT page.id, page.depth FROM page JOIN users ON users.id = page.id
             ORDER BY page.depth, users.name, users.id"
        ))
        .bind(id)
        .bind(everyone)
        .bind(i64::MAX)
        .bind(0i64)
        .bind(&role)
        .bind(team)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn people_by_ids(&self, line: &[(i64, i64)]) -> Result<Vec<Report>> {
        if line.is_empty() {
            return Ok(Vec::new());
        }
        let ids = json_ids(line.iter().map(|(id, _)| *id));
        let sql = match self.dialect() {
            crate::Dialect::Sqlite => USERS_OF_SQLITE,
            crate::Dialect::Postgres => USERS_OF_POSTGRES,
        };
        let users: Vec<User> = sqlx::query_as(sql).bind(ids).fetch_all(&self.pool).await?;
        let mut by_id: std::collections::HashMap<i64, User> =
            users.into_iter().map(|u| (u.id, u)).collect();
        Ok(line
            .iter()
            .filter_map(|&(id, depth)| by_id.remove(&id).map(|user| Report { user, depth }))
            .collect())
    }
}
