//! What a client may send, decoded or refused: the one gate between a
//! request's bytes and the store. Pure, so the property tests can throw
//! anything at it.

use serde_json::Value;

/// The largest body read: a vote is some 60 bytes, a hit a path. More is
/// refused before it is parsed.
pub const MAX_BODY_BYTES: usize = 1024;

/// The longest page path a hit may report.
const MAX_PATH_BYTES: usize = 512;

/// Why a request was refused, with the status it is answered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// 415: not `application/json`.
    NotJson,
    /// 413: over [`MAX_BODY_BYTES`].
    TooLarge,
    /// 400: not a JSON object.
    Malformed,
    /// 422: a JSON object whose fields break the contract, and which.
    Invalid(&'static str),
    /// 408: the body did not arrive in time.
    Slow,
}

impl Refusal {
    pub fn status(&self) -> u16 {
        match self {
            Refusal::NotJson => 415,
            Refusal::TooLarge => 413,
            Refusal::Malformed => 400,
            Refusal::Invalid(_) => 422,
            Refusal::Slow => 408,
        }
    }

    /// The answer's text: ours, never an inner error's.
    pub fn message(&self) -> &'static str {
        match self {
            Refusal::NotJson => "the body must be application/json",
            Refusal::TooLarge => "the body is over 1 KB",
            Refusal::Malformed => "the body is not a JSON object",
            Refusal::Invalid(why) => why,
            Refusal::Slow => "the body did not arrive in time",
        }
    }
}

/// `POST articles/{slug}/ratings`: `{"stars": 1..5, "vote_id": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub stars: u8,
    /// 8 to 64 of `A-Z a-z 0-9 _ -` (the app sends 32 hex digits).
    pub vote_id: String,
}

/// `POST stats/hit`: `{"path": "/…"}`, the page's route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub path: String,
}

/// Whether a `Content-Type` header is JSON: `application/json`, any case,
/// with parameters (`; charset=utf-8`) allowed.
pub fn is_json(content_type: Option<&[u8]>) -> bool {
    let Some(value) = content_type.and_then(|v| std::str::from_utf8(v).ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
}

/// A vote's body.
pub fn vote(body: &[u8]) -> Result<Vote, Refusal> {
    let object = object(body)?;
    let stars = match object.get("stars") {
        Some(Value::Number(n)) => n.as_u64().filter(|s| (1..=5).contains(s)),
        _ => None,
    }
    .ok_or(Refusal::Invalid("stars must be a whole number from 1 to 5"))?;
    let vote_id = match object.get("vote_id") {
        Some(Value::String(id)) if is_vote_id(id) => id.clone(),
        _ => {
            return Err(Refusal::Invalid(
                "vote_id must be 8 to 64 letters, digits, _ or -",
            ))
        }
    };
    Ok(Vote {
        stars: stars as u8,
        vote_id,
    })
}

/// A page view's body.
pub fn hit(body: &[u8]) -> Result<Hit, Refusal> {
    let object = object(body)?;
    match object.get("path") {
        Some(Value::String(path)) if is_path(path) => Ok(Hit { path: path.clone() }),
        _ => Err(Refusal::Invalid(
            "path must be a page's path: /, up to 512 bytes, no control characters",
        )),
    }
}

fn object(body: &[u8]) -> Result<serde_json::Map<String, Value>, Refusal> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Refusal::TooLarge);
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => Ok(object),
        _ => Err(Refusal::Malformed),
    }
}

fn is_vote_id(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_path(path: &str) -> bool {
    path.starts_with('/') && path.len() <= MAX_PATH_BYTES && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_contract_s_requests_decode() {
        assert_eq!(
            vote(br#"{"stars":4,"vote_id":"0123456789abcdef0123456789abcdef"}"#),
            Ok(Vote {
                stars: 4,
                vote_id: "0123456789abcdef0123456789abcdef".into()
            })
        );
        assert_eq!(
            hit(br#"{"path":"/bai-viet/a","extra":1}"#),
            Ok(Hit {
                path: "/bai-viet/a".into()
            })
        );
        assert!(is_json(Some(b"application/json")));
        assert!(is_json(Some(b"Application/JSON; charset=utf-8")));
    }

    #[test]
    fn everything_else_is_refused_with_its_status() {
        let id = r#""vote_id":"abcdefgh""#;
        for (body, status) in [
            (format!(r#"{{"stars":0,{id}}}"#), 422),
            (format!(r#"{{"stars":6,{id}}}"#), 422),
            (format!(r#"{{"stars":4.5,{id}}}"#), 422),
            (format!(r#"{{"stars":4.0,{id}}}"#), 422),
            (format!(r#"{{"stars":-1,{id}}}"#), 422),
            (format!(r#"{{"stars":"5",{id}}}"#), 422),
            (format!(r#"{{"stars":1e0,{id}}}"#), 422),
            (format!(r#"{{"stars":18446744073709551621,{id}}}"#), 422),
            (r#"{"stars":5,"vote_id":"short"}"#.into(), 422),
            (r#"{"stars":5,"vote_id":"has space in it"}"#.into(), 422),
            (r#"{"stars":5,"vote_id":"dấu-tiếng-việt"}"#.into(), 422),
            (r#"{"stars":5}"#.into(), 422),
            ("[5]".into(), 400),
            ("".into(), 400),
            (r#"{"stars":5,"#.into(), 400),
            (
                format!(r#"{{"stars":5,{id},"pad":"{}"}}"#, "x".repeat(1024)),
                413,
            ),
        ] {
            assert_eq!(
                vote(body.as_bytes()).map_err(|r| r.status()),
                Err(status),
                "{body}"
            );
        }
        for body in [
            r#"{"path":"bai-viet/a"}"#,
            r#"{"path":"/a\nb"}"#,
            r#"{"path":7}"#,
            r#"{}"#,
        ] {
            assert_eq!(
                hit(body.as_bytes()).map_err(|r| r.status()),
                Err(422),
                "{body}"
            );
        }
        assert!(!is_json(None));
        assert!(!is_json(Some(b"text/plain")));
        assert!(!is_json(Some(b"application/jsonx")));
        assert!(!is_json(Some(b"application/x-www-form-urlencoded")));
    }

    proptest! {
        /// Any bytes: an answer, never a panic; a vote that passes is one
        /// the store may take.
        #[test]
        fn any_body_is_decoded_or_refused(body in proptest::collection::vec(any::<u8>(), 0..1100)) {
            match vote(&body) {
                Ok(v) => {
                    prop_assert!((1..=5).contains(&v.stars));
                    prop_assert!(is_vote_id(&v.vote_id));
                }
                Err(r) => prop_assert!([400, 413, 422].contains(&r.status())),
            }
            if let Ok(h) = hit(&body) {
                prop_assert!(h.path.starts_with('/') && h.path.len() <= MAX_PATH_BYTES);
            }
        }

        /// JSON-shaped bodies with any values in the two fields.
        #[test]
        fn json_shaped_votes_hold_the_rules(stars in any::<i64>(), id in "\\PC{0,70}") {
            let body = serde_json::json!({ "stars": stars, "vote_id": id }).to_string();
            let ok = (1..=5).contains(&stars) && is_vote_id(&id);
            prop_assert_eq!(vote(body.as_bytes()).is_ok(), ok);
        }
    }
}
