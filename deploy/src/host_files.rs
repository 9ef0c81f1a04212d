//! What each kind of host reads beside the pages, all written by the build
//! from the one policy it computes and the one list of old addresses:
//! `_headers` and `_redirects` (Netlify, Cloudflare Pages), an nginx include
//! (`_nginx.conf`) and an Apache `.htaccess` (from the templates in
//! `hosts/`, which say why each line is there). docs/deploying.md says which
//! host reads which; `scripts/test` serves a build with the last two on real
//! nginx and Apache (tests/hosts/run.mjs).

use crate::policy::Policy;
use crate::redirects::Redirect;

const NGINX: &str = include_str!("hosts/nginx.conf");
const HTACCESS: &str = include_str!("hosts/htaccess");

/// The most old addresses the redirect files carry: the first ones of the
/// list (the module's, the categories', then the newest articles'). Every
/// other old address is answered by the page the build leaves at it. Past a
/// few thousand each host pays: Cloudflare Pages reads 2 000 static
/// redirects; nginx needs about 7.5 KB of memory for each exact location,
/// and Apache reads an `.htaccess` on every request (100 000 rules: 0.3 s
/// for each, the wasm's too), measured in tests/hosts/run.mjs's report.
pub const MAX_HOST_REDIRECTS: usize = 2_000;

/// Every host file of a build under `base_path` (ending in `/`): (name,
/// text). `Err` when the policy holds a character one of them cannot
/// carry (it never does: hashes, keywords and origins).
pub fn files(
    policy: &Policy,
    base_path: &str,
    redirects: &[Redirect],
) -> Result<Vec<(&'static str, String)>, String> {
    let redirects = &redirects[..redirects.len().min(MAX_HOST_REDIRECTS)];
    let csp = policy.header_text();
    Ok(vec![
        ("_headers", policy.headers_file(base_path)),
        ("_redirects", redirects_file(redirects)),
        ("_nginx.conf", nginx(base_path, &csp, redirects)?),
        (".htaccess", htaccess(base_path, &csp, redirects)?),
    ])
}

/// `_redirects`: one permanent redirect a line (`from to 301`). Paths are
/// plain (the gate in [`crate::redirects`]): nothing to escape.
pub fn redirects_file(redirects: &[Redirect]) -> String {
    let mut out = String::new();
    for r in redirects {
        out.push_str(&format!("{} {} 301\n", r.from, r.to));
    }
    out
}

/// The nginx include: exact locations for the old addresses, in nginx's
/// own order (bytes, `/` before everything: nginx 1.22 sorts locations by
/// insertion, quadratic unless they come sorted).
pub fn nginx(base_path: &str, csp: &str, redirects: &[Redirect]) -> Result<String, String> {
    let mut sorted: Vec<&Redirect> = redirects.iter().collect();
    let key = |r: &Redirect| r.from.replace('/', "\0");
    sorted.sort_by_key(|r| key(r));
    let lines: Vec<String> = sorted
        .iter()
        .map(|r| format!("location = {} {{ return 301 {}; }}", r.from, r.to))
        .collect();
    fill(
        NGINX,
        base_path,
        &config_string(csp, "$")?,
        &lines.join("\n"),
    )
}

/// The `.htaccess`: an exact comparison with the path for each old
/// address.
pub fn htaccess(base_path: &str, csp: &str, redirects: &[Redirect]) -> Result<String, String> {
    let lines: Vec<String> = redirects
        .iter()
        .map(|r| {
            format!(
                "RewriteCond %{{REQUEST_URI}} ={}\nRewriteRule ^ {} [R=301,L,QSD]",
                r.from, r.to
            )
        })
        .collect();
    fill(
        HTACCESS,
        base_path,
        &config_string(csp, "%")?,
        &lines.join("\n"),
    )
}

/// A value inside a double-quoted string of a server's configuration:
/// refused (not escaped: neither server escapes all of them the same way)
/// when it holds a quote, a backslash, a control character, or the
/// server's own variable sign (`special`: nginx's `$`, Apache's `%`).
fn config_string(value: &str, special: &str) -> Result<String, String> {
    match value
        .chars()
        .find(|c| *c == '"' || *c == '\\' || c.is_control() || special.contains(*c))
    {
        Some(c) => Err(format!(
            "the policy holds {c:?}, which a server's configuration cannot carry"
        )),
        None => Ok(value.to_string()),
    }
}

/// The template with its three places filled: `{{BASE}}`, `{{CSP}}`,
/// `{{REDIRECTS}}`. The base path is the build's own (`/`, `/tin-tuc/`),
/// checked like an old address.
fn fill(template: &str, base: &str, csp: &str, redirects: &str) -> Result<String, String> {
    if !crate::redirects::is_old_path(base) || !base.ends_with('/') {
        return Err(format!(
            "the base path {base:?} cannot be written into a server's configuration"
        ));
    }
    let mut out = String::with_capacity(template.len() + redirects.len());
    let mut rest = template;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after
            .find("}}")
            .ok_or("an unclosed {{ in a host template")?;
        out.push_str(match &after[..end] {
            "BASE" => base,
            "CSP" => csp,
            "REDIRECTS" => redirects,
            other => return Err(format!("no value for {{{{{other}}}}} in a host template")),
        });
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirect(from: &str, to: &str) -> Redirect {
        Redirect {
            from: from.into(),
            to: to.into(),
            title: String::new(),
        }
    }

    #[test]
    fn the_templates_are_filled_and_the_redirects_sorted_for_nginx() {
        let list = [
            redirect("/vi/news/b/", "/chuyen-muc/b"),
            redirect("/vi/news-x/", "/"),
            redirect("/vi/news/a-1.html", "/bai-viet/a-1"),
        ];
        let conf = nginx("/", "default-src 'none'", &list).unwrap();
        assert!(!conf.contains("{{"), "{conf}");
        assert!(conf.contains("add_header Content-Security-Policy \"default-src 'none'\" always;"));
        let at = |s: &str| conf.find(s).unwrap();
        // "/" sorts before "-": /vi/news/… before /vi/news-x/.
        assert!(at("location = /vi/news/a-1.html") < at("location = /vi/news/b/"));
        assert!(at("location = /vi/news/b/") < at("location = /vi/news-x/"));
        assert!(conf.contains("location ^~ / {"));
        let apache = htaccess("/tin/", "default-src 'none'", &list[2..]).unwrap();
        assert!(apache.contains("RewriteBase /tin/"));
        assert!(apache.contains("RewriteCond %{REQUEST_URI} =/vi/news/a-1.html\nRewriteRule ^ /bai-viet/a-1 [R=301,L,QSD]"));
        assert!(apache.contains("ErrorDocument 404 /tin/404.html"));
    }

    #[test]
    fn nothing_a_server_would_read_as_syntax_gets_in() {
        for bad in ["a\"b", "a\\b", "a\nb", "a$b"] {
            assert!(nginx("/", bad, &[]).is_err(), "{bad:?}");
        }
        for bad in ["a\"b", "a%{X}b", "a\rb"] {
            assert!(htaccess("/", bad, &[]).is_err(), "{bad:?}");
        }
        for base in ["/a b/", "/a\"/", "x/", "/a"] {
            assert!(nginx(base, "x", &[]).is_err(), "{base:?}");
        }
    }
}
