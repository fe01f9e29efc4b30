//! Ladder versions. An upload is always a new row and the database refuses
//! updates, so an assessment's `ladder_id` keeps meaning what it meant.
//!
//! The active ladder is the newest upload, or, while a company has uploaded
//! none, the newest embedded ladder (the one compiled into the program; a new
//! program version with a changed embedded ladder adds a row at start).

use async_trait::async_trait;

use crate::error::Result;
use crate::model::{LadderVersion, NewLadder};

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
pub(crate) use ladder_columns;

/// Implements [`LadderStore`] for a store type with a `pool` field.
macro_rules! ladder_store {
    ($ty:ty) => {
        #[async_trait::async_trait]
        impl $crate::ladders::LadderStore for $ty {
            async fn add_ladder(
                &self,
                new: $crate::model::NewLadder,
                actor: Option<i64>,
            ) -> $crate::Result<$crate::model::LadderVersion> {
                let mut tx = self.pool.begin().await?;
                let row: $crate::model::LadderVersion = sqlx::query_as(concat!(
                    "INSERT INTO ladders (kind, name, label, sha256, source, uploaded_by, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ",
                    $crate::ladders::ladder_columns!()
                ))
                .bind(new.kind.as_str())
                .bind(&new.name)
                .bind(&new.label)
                .bind($crate::ladders::sha256_hex(&new.source))
                .bind(&new.source)
                .bind(actor)
                .bind($crate::now_ms())
                .fetch_one(&mut *tx)
                .await?;
                $crate::audit::record!(&mut *tx, actor, "ladder.add", format!("ladder:{}", row.id),
                    format!("{} {} ({}, sha256 {})", row.name, row.label, row.kind.as_str(), &row.sha256[..12]));
                tx.commit().await?;
                Ok(row)
            }

            async fn ensure_embedded(&self, new: $crate::model::NewLadder) -> $crate::Result<$crate::model::LadderVersion> {
                let sha = $crate::ladders::sha256_hex(&new.source);
                let found: Option<$crate::model::LadderVersion> = sqlx::query_as(concat!(
                    "SELECT ", $crate::ladders::ladder_columns!(),
                    " FROM ladders WHERE kind = 'embedded' AND sha256 = $1 ORDER BY id LIMIT 1"
                ))
                .bind(&sha)
                .fetch_optional(&self.pool)
                .await?;
                match found {
                    Some(row) => Ok(row),
                    None => $crate::ladders::LadderStore::add_ladder(self, new, None).await,
                }
            }

            async fn ladder(&self, id: i64) -> $crate::Result<Option<$crate::model::LadderVersion>> {
                Ok(sqlx::query_as(concat!("SELECT ", $crate::ladders::ladder_columns!(), " FROM ladders WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn active_ladder(&self) -> $crate::Result<Option<$crate::model::LadderVersion>> {
                Ok(sqlx::query_as(concat!(
                    "SELECT ", $crate::ladders::ladder_columns!(),
                    " FROM ladders ORDER BY CASE kind WHEN 'upload' THEN 1 ELSE 0 END DESC, id DESC LIMIT 1"
                ))
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn ladders(&self) -> $crate::Result<Vec<$crate::model::LadderVersion>> {
                Ok(sqlx::query_as(concat!("SELECT ", $crate::ladders::ladder_columns!(), " FROM ladders ORDER BY id DESC"))
                    .fetch_all(&self.pool)
                    .await?)
            }
        }
    };
}
pub(crate) use ladder_store;

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
