//! The build's shell (`404.html`): trunk's page with no content, which the
//! app renders any route into, and the template of every pre-rendered page.
//!
//! A deployment sets two elements in it: the Content-Security-Policy (first
//! after `<meta charset>`) and the endpoint's address (`<meta
//! name="portal-api">`, where trunk wrote it). The shell is read once into
//! trunk's text with those two places marked, and their values: every later
//! cut is made in text the build wrote, and the deployment's values are
//! written into it escaped, as elements of their own.

use portal_reader::escape::push_html_attribute;

use crate::markup::{
    attribute_in, find_tag, first_element, inline_code, merge_adjacent_styles, tags, InlineCode,
};

/// Where the policy and the endpoint meta stand in the marked text.
pub(crate) const POLICY: &str = "\0policy\0";
pub(crate) const API: &str = "\0api\0";

/// How the deploy step writes the policy element (and finds it again).
const POLICY_OPEN: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

#[derive(Clone, Debug, PartialEq)]
pub struct Shell {
    /// trunk's text, [`POLICY`] and [`API`] where those elements go (the
    /// endpoint's meta, then the counting service's when there is one).
    marked: String,
    api_meta: Option<String>,
    /// `<meta name="portal-counter">`: where votes and page views go.
    counter_meta: Option<String>,
    policy: Option<String>,
}

/// What a run does to the counting service's meta (`set-endpoint
/// --counter URL`, `--no-counter`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CounterChange {
    #[default]
    Keep,
    Remove,
    Set(String),
}

impl Shell {
    /// Reads a shell as trunk wrote it, or as the deploy step left it.
    /// Checks that each fixed point the deploy step uses is there once.
    pub fn new(html: String) -> Result<Shell, String> {
        if html.contains('\0') {
            return Err("the shell (404.html) holds a NUL character".into());
        }
        let count = |open: &str, test: &dyn Fn(&str) -> bool| {
            tags(&html, open)
                .filter(|(s, e)| test(&html[*s..*e]))
                .count()
        };
        let apps = ["<div id=app></div>", "<div id=\"app\"></div>"]
            .iter()
            .map(|e| html.matches(e).count())
            .sum();
        for (what, n) in [
            (
                "<meta charset>",
                count("<meta", &|t| attribute_in(t, "charset").is_some()),
            ),
            (
                "<base href>",
                count("<base", &|t| attribute_in(t, "href").is_some()),
            ),
            ("<title>", count("<title", &|_| true)),
            ("</head>", html.matches("</head>").count()),
            ("<div id=\"app\"></div>", apps),
        ] {
            if n != 1 {
                return Err(format!(
                    "the shell (404.html) has {n} {what}, not one: not a page trunk built from this project's index.html"
                ));
            }
        }
        let mut marked = html;
        merge_adjacent_styles(&mut marked);
        let (_, charset_end) = find_tag(&marked, "<meta", |t| attribute_in(t, "charset").is_some())
            .ok_or("no <meta charset>")?;
        // The policy a run wrote, in the form it writes it: its value holds
        // no quote (escaped), so it ends at the first `">`.
        let mut policy = None;
        if marked[charset_end..].starts_with(POLICY_OPEN) {
            let end = charset_end
                + marked[charset_end..]
                    .find("\">")
                    .ok_or("an unclosed policy element")?
                + 2;
            policy = element_value(&marked[charset_end..end], "content");
            marked.replace_range(charset_end..end, "");
        }
        marked.insert_str(charset_end, POLICY);
        // The endpoint meta, trunk's or the one a run wrote: whatever its
        // value, it is a tag of its own whose value holds no `<`, `>` or
        // quote (an operator's URL is checked and escaped).
        let metas: Vec<(usize, usize)> = tags(&marked, "<meta")
            .filter(|(s, e)| attribute_in(&marked[*s..*e], "name").as_deref() == Some("portal-api"))
            .collect();
        let api_meta = match metas.as_slice() {
            [] => {
                let (_, base_end) =
                    find_tag(&marked, "<base", |t| attribute_in(t, "href").is_some())
                        .ok_or("no <base>")?;
                marked.insert_str(base_end, API);
                None
            }
            [(start, end)] => {
                let value = element_value(&marked[*start..*end], "content");
                marked.replace_range(*start..*end, API);
                value
            }
            _ => {
                return Err(format!(
                    "the shell (404.html) has {} portal-api metas, not one",
                    metas.len()
                ))
            }
        };
        // A counter meta a run wrote: read, and taken out (it is written
        // again after the endpoint's, at [`API`]).
        let counters: Vec<(usize, usize)> = tags(&marked, "<meta")
            .filter(|(s, e)| {
                attribute_in(&marked[*s..*e], "name").as_deref() == Some("portal-counter")
            })
            .collect();
        let counter_meta = match counters.as_slice() {
            [] => None,
            [(start, end)] => {
                let value = element_value(&marked[*start..*end], "content");
                marked.replace_range(*start..*end, "");
                value
            }
            _ => {
                return Err(format!(
                    "the shell (404.html) has {} portal-counter metas, not one",
                    counters.len()
                ))
            }
        };
        Ok(Shell {
            marked,
            api_meta,
            counter_meta,
            policy,
        })
    }

    /// The shell as a page: the marked places filled.
    pub fn html(&self) -> String {
        self.marked
            .replace(
                POLICY,
                &self
                    .policy
                    .as_deref()
                    .map(policy_element)
                    .unwrap_or_default(),
            )
            .replace(API, &self.endpoint_elements())
    }

    /// What stands at [`API`]: the endpoint's meta, and the counting
    /// service's.
    pub fn endpoint_elements(&self) -> String {
        let mut out = self
            .api_meta
            .as_deref()
            .map(api_element)
            .unwrap_or_default();
        if let Some(url) = &self.counter_meta {
            out.push_str("<meta name=\"portal-counter\" content=\"");
            push_html_attribute(&mut out, url);
            out.push_str("\">");
        }
        out
    }

    /// trunk's text with the two places marked ([`POLICY`], [`API`]).
    pub(crate) fn marked(&self) -> &str {
        &self.marked
    }

    /// `<base href>`: the path the app is deployed under, ending in `/`.
    pub fn base_path(&self) -> String {
        first_element(&self.marked, |name, attrs| {
            (name == "base")
                .then(|| crate::markup::attr(attrs, "href"))
                .flatten()
        })
        .unwrap_or_else(|| "/".into())
    }

    /// `<meta name="portal-api">`: where the app reads its endpoint.
    pub fn api_meta(&self) -> Option<String> {
        self.api_meta.clone()
    }

    /// The policy the shell carries now, if any.
    pub fn policy(&self) -> Option<String> {
        self.policy.clone()
    }

    /// `<meta name="portal-counter">`: where the app sends votes and page
    /// views, when the deployment names a counting service.
    pub fn counter_meta(&self) -> Option<String> {
        self.counter_meta.clone()
    }

    pub fn with_counter(&self, change: &CounterChange) -> Shell {
        let counter_meta = match change {
            CounterChange::Keep => self.counter_meta.clone(),
            CounterChange::Remove => None,
            CounterChange::Set(url) => Some(url.clone()),
        };
        Shell {
            counter_meta,
            ..self.clone()
        }
    }

    pub fn with_api_meta(&self, url: &str) -> Shell {
        Shell {
            api_meta: Some(url.to_string()),
            ..self.clone()
        }
    }

    pub fn with_policy(&self, policy: &str) -> Shell {
        Shell {
            policy: Some(policy.to_string()),
            ..self.clone()
        }
    }

    pub fn without_policy(&self) -> Shell {
        Shell {
            policy: None,
            ..self.clone()
        }
    }

    /// The inline scripts that run and the inline styles, as parsed.
    pub fn inline_code(&self) -> InlineCode {
        inline_code(&self.html())
    }
}

/// The policy as the element a page carries.
pub fn policy_element(policy: &str) -> String {
    let mut out = String::from(POLICY_OPEN);
    push_html_attribute(&mut out, policy);
    out.push_str("\">");
    out
}

/// The endpoint's address as the element the app reads.
pub fn api_element(url: &str) -> String {
    let mut out = String::from("<meta name=\"portal-api\" content=\"");
    push_html_attribute(&mut out, url);
    out.push_str("\">");
    out
}

/// An attribute of one element, read by the parser (its references read).
fn element_value(element: &str, name: &str) -> Option<String> {
    first_element(element, |tag, attrs| {
        (tag == "meta")
            .then(|| crate::markup::attr(attrs, name))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minified shell as trunk writes it (`404.html`), cut to what the
    /// deploy step reads.
    pub const SHELL: &str = include_str!("../tests/fixtures/shell.html");

    #[test]
    fn the_shell_says_where_the_app_lives() {
        let shell = Shell::new(SHELL.into()).unwrap();
        assert_eq!(shell.base_path(), "/tin/");
        assert_eq!(shell.api_meta().as_deref(), Some("api/"));
        assert_eq!(shell.policy(), None);
        assert!(Shell::new("<html></html>".into()).is_err());
        let twice = SHELL.replace("</body>", "<div id=app></div></body>");
        assert!(Shell::new(twice).unwrap_err().contains("2 <div"));
    }

    #[test]
    fn the_deployment_s_elements_are_written_escaped_and_read_back() {
        let shell = Shell::new(SHELL.into()).unwrap();
        let url = "https://data-head.example.vn/api/?a=1&b=\"2\"<x>";
        let moved = shell.with_api_meta(url).with_policy("default-src 'none'");
        let html = moved.html();
        assert_eq!(html.matches("portal-api").count(), 1);
        assert!(html.starts_with(
            "<!doctype html><html lang=vi><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;\">"
        ));
        // A shell the deploy step wrote reads back as what it was told.
        let again = Shell::new(html.clone()).unwrap();
        assert_eq!(again.api_meta().as_deref(), Some(url));
        assert_eq!(again.policy().as_deref(), Some("default-src 'none'"));
        assert_eq!(again.html(), html);
        assert_eq!(
            again
                .without_policy()
                .html()
                .matches("Content-Security-Policy")
                .count(),
            0
        );
        assert_eq!(
            again.marked(),
            shell.marked(),
            "the same trunk text underneath"
        );
    }

    #[test]
    fn the_counter_s_meta_follows_the_endpoint_s_and_reads_back() {
        let shell = Shell::new(SHELL.into()).unwrap();
        let url = "https://dem.example.vn/?a=1&b=\"2\"<x>";
        let html = shell.with_counter(&CounterChange::Set(url.into())).html();
        assert!(html.contains(
            "<meta name=\"portal-api\" content=\"api/\"><meta name=\"portal-counter\" content=\"https://dem.example.vn/?a=1&amp;b=&quot;2&quot;&lt;x&gt;\">"
        ));
        let again = Shell::new(html.clone()).unwrap();
        assert_eq!(again.counter_meta().as_deref(), Some(url));
        assert_eq!(again.html(), html);
        assert_eq!(again.marked(), shell.marked());
        let kept = again.with_counter(&CounterChange::Keep);
        assert_eq!(kept.counter_meta().as_deref(), Some(url));
        let removed = again.with_counter(&CounterChange::Remove).html();
        assert!(!removed.contains("portal-counter"));
        assert_eq!(removed, shell.html());
        let twice = html.replace("</head>", "<meta name=portal-counter content=x></head>");
        assert!(Shell::new(twice).unwrap_err().contains("2 portal-counter"));
    }
}
