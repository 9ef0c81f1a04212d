//! Reading a NukeViet database: one connection, read only, in one
//! consistent snapshot; the tables and columns this installation has
//! (4.0 to 4.5 differ), found in `information_schema` before any query,
//! so an older portal's missing column reads as its default and a
//! missing optional table as empty, each said once.
//!
//! Values come as the server sends them (bytes): text is checked to be
//! UTF-8 and numbers to be numbers where a row is decoded, and a row that
//! fails is skipped by its caller, by its id.

use std::collections::{HashMap, HashSet};

use mysql::prelude::Queryable;
use mysql::{Conn, Opts, OptsBuilder, Value};

/// Names that reach SQL as identifiers: a table prefix, a language, a
/// module's table name. NukeViet's own are lower-case letters, digits and
/// `_`; nothing else is taken, so nothing needs quoting but the backticks.
pub fn identifier(kind: &str, value: &str) -> Result<String, String> {
    let ok = !value.is_empty()
        && value.len() <= 40
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    match ok {
        true => Ok(value.to_string()),
        false => Err(format!(
            "{kind} {value:?}: only a-z, 0-9 and _ (as NukeViet names it)"
        )),
    }
}

/// The database connection and what it holds.
pub struct Db {
    conn: Conn,
    /// Table name → its columns, for the tables of this prefix.
    tables: HashMap<String, HashSet<String>>,
    /// Missing columns and tables already reported.
    said: HashSet<String>,
    pub notes: Vec<String>,
}

impl Db {
    /// Connects (`mysql://USER:PASS@HOST:PORT/DB`, or through `socket`),
    /// starts a read-only snapshot and reads the schema of `prefix`'s tables.
    pub fn connect(url: &str, socket: Option<&str>, prefix: &str) -> Result<Db, String> {
        let opts = Opts::from_url(url).map_err(|e| format!("--db: {e}"))?;
        if opts.get_db_name().is_none() {
            return Err("--db: the URL names no database (mysql://USER:PASS@HOST:PORT/DB)".into());
        }
        let mut builder = OptsBuilder::from_opts(opts)
            .tcp_connect_timeout(Some(std::time::Duration::from_secs(10)))
            .read_timeout(Some(std::time::Duration::from_secs(300)));
        if let Some(socket) = socket {
            builder = builder.socket(Some(socket));
        }
        let mut conn = Conn::new(builder).map_err(|e| format!("the database: {e}"))?;
        // Text as UTF-8 whatever the server's default; one snapshot, so a
        // portal writing during the import gives a consistent endpoint
        // (InnoDB; NukeViet's MyISAM tables have no snapshot to give).
        for statement in [
            "SET NAMES utf8mb4",
            "SET SESSION TRANSACTION READ ONLY",
            "START TRANSACTION WITH CONSISTENT SNAPSHOT",
        ] {
            conn.query_drop(statement)
                .map_err(|e| format!("the database: {statement}: {e}"))?;
        }
        let pattern = format!("{}\\_%", prefix.replace('_', "\\_"));
        let rows: Vec<(Vec<u8>, Vec<u8>)> = conn
            .exec(
                "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS \
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE ?",
                (pattern,),
            )
            .map_err(|e| format!("the database's schema: {e}"))?;
        let mut tables: HashMap<String, HashSet<String>> = HashMap::new();
        for (table, column) in rows {
            let table = String::from_utf8_lossy(&table).to_ascii_lowercase();
            let column = String::from_utf8_lossy(&column).to_ascii_lowercase();
            tables.entry(table).or_default().insert(column);
        }
        Ok(Db {
            conn,
            tables,
            said: HashSet::new(),
            notes: Vec::new(),
        })
    }

    pub fn has_table(&self, table: &str) -> bool {
        self.tables.contains_key(table)
    }

    pub fn has_column(&self, table: &str, column: &str) -> bool {
        self.tables.get(table).is_some_and(|c| c.contains(column))
    }

    /// A SELECT list of `columns` of `table`: a column this installation
    /// lacks is read as `NULL` (its default), said once.
    pub fn select_list(&mut self, table: &str, columns: &[&str]) -> String {
        let mut list = Vec::new();
        for column in columns {
            if self.has_column(table, column) {
                list.push(format!("`{column}`"));
            } else {
                if self.said.insert(format!("{table}.{column}")) {
                    self.notes.push(format!(
                        "{table} has no column {column} (an older NukeViet): read as its default"
                    ));
                }
                list.push(format!("NULL AS `{column}`"));
            }
        }
        list.join(", ")
    }

    /// Says once that an optional table is missing.
    pub fn note_missing(&mut self, table: &str, meaning: &str) {
        if self.said.insert(table.to_string()) {
            self.notes
                .push(format!("{table} is missing (an older NukeViet): {meaning}"));
        }
    }

    /// Runs `sql` and hands each row's values to `each`, streamed.
    pub fn each_row(&mut self, sql: &str, mut each: impl FnMut(Vec<Value>)) -> Result<(), String> {
        let result = self
            .conn
            .query_iter(sql)
            .map_err(|e| format!("{sql}: {e}"))?;
        for row in result {
            let row = row.map_err(|e| format!("{sql}: {e}"))?;
            each(row.unwrap());
        }
        Ok(())
    }

    /// Runs `sql` with one parameter and returns every row.
    pub fn rows_with(&mut self, sql: &str, param: Value) -> Result<Vec<Vec<Value>>, String> {
        let rows: Vec<mysql::Row> = self
            .conn
            .exec(sql, vec![param])
            .map_err(|e| format!("{sql}: {e}"))?;
        Ok(rows.into_iter().map(|r| r.unwrap()).collect())
    }
}

/// A value as text: UTF-8 or an error naming what it is not. NULL is empty.
pub fn text(value: &Value) -> Result<String, String> {
    match value {
        Value::NULL => Ok(String::new()),
        Value::Bytes(bytes) => String::from_utf8(bytes.clone()).map_err(|e| {
            format!(
                "not UTF-8 (byte {} of {})",
                e.utf8_error().valid_up_to(),
                bytes.len()
            )
        }),
        Value::Int(n) => Ok(n.to_string()),
        Value::UInt(n) => Ok(n.to_string()),
        other => Ok(other.as_sql(true).trim_matches('\'').to_string()),
    }
}

/// A value as a whole number; NULL is 0.
pub fn number(value: &Value) -> Result<i64, String> {
    match value {
        Value::NULL => Ok(0),
        Value::Int(n) => Ok(*n),
        Value::UInt(n) => i64::try_from(*n).map_err(|_| format!("{n} is out of range")),
        Value::Bytes(bytes) => std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| format!("{:?} is not a number", String::from_utf8_lossy(bytes))),
        other => Err(format!("{other:?} is not a number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_nukevets_own_alphabet_only() {
        assert!(identifier("prefix", "nv4").is_ok());
        assert!(identifier("module", "news_2").is_ok());
        for bad in [
            "",
            "nv4`; DROP",
            "NV4",
            "a-b",
            "a b",
            "x.y",
            &"a".repeat(41),
        ] {
            assert!(identifier("prefix", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn values_are_checked_text_and_numbers() {
        assert_eq!(text(&Value::Bytes("Lai Châu".into())).unwrap(), "Lai Châu");
        assert!(text(&Value::Bytes(vec![0xC3, 0x28])).is_err());
        assert_eq!(text(&Value::NULL).unwrap(), "");
        assert_eq!(number(&Value::Bytes(b"42".to_vec())).unwrap(), 42);
        assert_eq!(number(&Value::NULL).unwrap(), 0);
        assert!(number(&Value::Bytes(b"4x".to_vec())).is_err());
        assert!(number(&Value::UInt(u64::MAX)).is_err());
    }
}
