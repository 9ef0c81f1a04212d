//! The refresh's last step: the site it prepared beside the live one and
//! the live one exchanged in one rename, so a reader gets either the old
//! site or the new one, never half of each (Linux `renameat2` with
//! `RENAME_EXCHANGE`, on one file system).

use std::path::Path;

use rustix::fs::{renameat_with, RenameFlags, CWD};

/// Exchanges the folders `a` and `b`.
pub fn exchange(a: &Path, b: &Path) -> Result<(), String> {
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)
        .map_err(|e| format!("exchanging {} and {}: {e}", a.display(), b.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_folders_trade_places_at_once() {
        let tmp = std::env::temp_dir().join(format!("nv-exchange-{}", std::process::id()));
        let (live, next) = (tmp.join("dist"), tmp.join(".dist.next"));
        std::fs::create_dir_all(&live).unwrap();
        std::fs::create_dir_all(&next).unwrap();
        std::fs::write(live.join("index.html"), "old").unwrap();
        std::fs::write(next.join("index.html"), "new").unwrap();
        exchange(&next, &live).unwrap();
        assert_eq!(
            std::fs::read_to_string(live.join("index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            std::fs::read_to_string(next.join("index.html")).unwrap(),
            "old"
        );
        assert!(exchange(&tmp.join("none"), &live).is_err());
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
