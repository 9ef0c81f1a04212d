//! What a slug may be: the address bar's, the endpoint's, a file name's.

/// Slugs come from the address bar and are pasted into endpoint paths, and
/// the pre-render writes each as a file name, so only a conservative
/// alphabet passes: lower-case ASCII letters, digits, `-` and `_`, 1 to 200
/// of them. That keeps `../`, `?`, `#` and `/` out of requests; lower case
/// only, so no two slugs name one file where file names ignore case (macOS,
/// Windows, some bucket tools); and no name Windows reserves for a device
/// (`con`, `nul`, `com1`…), which no file there can have whatever its
/// extension; nor `index`, whose page a host would serve for the folder
/// (`/bai-viet/`). An endpoint's slug outside the rule is not an article of
/// the app (the list leaves it out, the pre-render says which).
pub fn is_valid_slug(slug: &str) -> bool {
    (1..=200).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !is_reserved_name(slug)
}

/// `con`, `prn`, `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`, `index`.
fn is_reserved_name(slug: &str) -> bool {
    match slug.as_bytes() {
        [b'c', b'o', b'n'] | [b'p', b'r', b'n'] | [b'a', b'u', b'x'] | [b'n', b'u', b'l'] => true,
        b"index" => true,
        [b'c', b'o', b'm', d] | [b'l', b'p', b't', d] => d.is_ascii_digit(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::urls::routes;

    #[test]
    fn the_preload_script_knows_the_slug_rule_and_the_routes() {
        let script = crate::test_support::index_html_script("preload-data");
        assert!(
            script.contains(r"/^\/bai-viet\/([a-z0-9_-]{1,200})$/"),
            "{script}"
        );
        assert!(script.contains(r"/^\/chuyen-muc\/[^/]+$/"), "{script}");
        assert!(script.contains("\"articles/\" + article[1] + \".json\""));
        assert_eq!(routes::article("", "x"), "/bai-viet/x");
        assert_eq!(routes::category("", "x"), "/chuyen-muc/x");
        assert!(is_valid_slug(&"a".repeat(200)) && !is_valid_slug(&"a".repeat(201)));
        assert!(
            script.contains(r"!/^(con|prn|aux|nul|com\d|lpt\d|index)$/.test(article[1])"),
            "{script}"
        );
        assert!(is_valid_slug("a-z_09") && !is_valid_slug("") && !is_valid_slug("đ"));
        // The script's reserved names are the rule's.
        for name in ["con", "prn", "aux", "nul", "com0", "com9", "lpt1", "index"] {
            assert!(!is_valid_slug(name), "{name}");
        }
        for name in [
            "cons", "co", "com", "com10", "lpt", "nul1", "console", "indexes",
        ] {
            assert!(is_valid_slug(name), "{name}");
        }
    }

    #[test]
    fn slugs_keep_paths_out() {
        assert!(is_valid_slug("hoc-tap-va-lam-theo-bac"));
        assert!(is_valid_slug("bai_2024"));
        for bad in [
            "",
            "../site",
            "a/b",
            "a?b",
            "a#b",
            "tiếng-việt",
            "a b",
            "a%2Fb",
        ] {
            assert!(!is_valid_slug(bad), "{bad} should be refused");
        }
        assert!(!is_valid_slug(&"a".repeat(201)));
    }
}
