//! Ladder versions. An upload is always a new row and the database refuses
//! updates, so an assessment's `ladder_id` keeps meaning what it meant.
//!
//! The active ladder is the newest upload, or, while a company has uploaded
//! none, the newest embedded ladder (the one compiled into the program; a new
//! program version with a changed embedded ladder adds a row at start).

use async_trait::async_trait;

use crate::audit::record;
use crate::error::Result;
use crate::model::{LadderVersion, NewLadder};
use crate::{SqlStore, now_ms};

/// Ladder versions.
#[async_trait]
pub trait LadderStore: Send + Sync {
    /// Stores a new version; `actor` uploaded it.
    async fn add_ladder(&self, new: NewLadder, actor: Option<i64>) -> Result<LadderVersion>;
    /// Stores the embedded ladder unless a row with the same source exists;
    /// returns that row either way.
    async fn ensure_embedded(&self, new: NewLadder) -> Result<LadderVersion>;
    /// One version.
    async fn ladder(&self, id: i64) -> Result<Option<LadderVersion>>;
    /// The ladder in force (see the module docs).
    async fn active_ladder(&self) -> Result<Option<LadderVersion>>;
    /// Every version, newest first.
    async fn ladders(&self) -> Result<Vec<LadderVersion>>;
}

/// SHA-256 of a ladder source, hex.
pub fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

macro_rules! ladder_columns {
    () => {
        "id, kind, name, label, sha256, source, uploaded_by, created_at"
    };
}

#[async_trait]
impl LadderStore for SqlStore {
    async fn add_ladder(&self, new: NewLadder, actor: Option<i64>) -> Result<LadderVersion> {
        let mut tx = self.pool.begin().await?;
        let row: LadderVersion = sqlx::query_as(concat!(
            "INSERT INTO ladders (kind, name, label, sha256, source, uploaded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
            ladder_columns!()
        ))
        .bind(new.kind.as_str())
        .bind(&new.name)
        .bind(&new.label)
        .bind(sha256_hex(&new.source))
        .bind(&new.source)
        .bind(actor)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        let detail = format!(
            "{} {} ({}, sha256 {})",
            row.name,
            row.label,
            row.kind.as_str(),
            &row.sha256[..12]
        );
        record(
            &mut tx,
            actor,
            "ladder.add",
            format!("ladder:{}", row.id),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn ensure_embedded(&self, new: NewLadder) -> Result<LadderVersion> {
        let sha = sha256_hex(&new.source);
        let found: Option<LadderVersion> = sqlx::query_as(concat!(
            "SELECT ",
            ladder_columns!(),
            " FROM ladders WHERE kind = 'embedded' AND sha256 = $1 ORDER BY id LIMIT 1"
        ))
        .bind(&sha)
        .fetch_optional(&self.pool)
        .await?;
        match found {
            Some(row) => Ok(row),
            None => self.add_ladder(new, None).await,
        }
    }

    async fn ladder(&self, id: i64) -> Result<Option<LadderVersion>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            ladder_columns!(),
            " FROM ladders WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn active_ladder(&self) -> Result<Option<LadderVersion>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            ladder_columns!(),
            " FROM ladders ORDER BY CASE kind WHEN 'upload' THEN 1 ELSE 0 END DESC, id DESC LIMIT 1"
        ))
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn ladders(&self) -> Result<Vec<LadderVersion>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            ladder_columns!(),
            " FROM ladders ORDER BY id DESC"
        ))
        .fetch_all(&self.pool)
        .await?)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(
            super::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
