//! Query strings: a value read from one, a value written into one.

/// The value of `name` in a URL's query string (`?q=lai+chau`), decoded
/// as a form would have encoded it (`+` a space, `%XX` a byte, bad UTF-8
/// replaced); `""` without one. What the pre-render reads; the app in the
/// browser reads with `URLSearchParams` ([`crate::search::query_of`]), and
/// the browser tests compare the two.
pub fn query_param(search: &str, name: &str) -> String {
    url::form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// `value` encoded for a URL's query string, as JavaScript's
/// `encodeURIComponent` encodes it: UTF-8 bytes, everything but
/// `A-Z a-z 0-9 - _ . ! ~ * ' ( )` escaped, upper-case hex. The one encoder
/// of the app: the search address, a form the router follows, share links.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.extend([
                '%',
                HEX[usize::from(byte >> 4)] as char,
                HEX[usize::from(byte & 15)] as char,
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_decode_as_forms_encode_them() {
        assert_eq!(query_param("?q=lai+chau", "q"), "lai chau");
        assert_eq!(
            query_param("?x=1&q=L%E1%BA%A1i%20Ch%C3%A2u", "q"),
            "Lại Châu"
        );
        assert_eq!(query_param("?qq=1&q=2", "q"), "2");
        assert_eq!(query_param("?q=100%", "q"), "100%");
        assert_eq!(query_param("?q=%ZZ%E1", "q"), "%ZZ\u{fffd}");
        assert_eq!(query_param("", "q"), "");
        assert_eq!(encode_component("a b/é"), "a%20b%2F%C3%A9");
        for value in ["lai chau", "\"đảng bộ\" & 100% + ?#/", "a=b&q=c"] {
            assert_eq!(
                query_param(&format!("?q={}", encode_component(value)), "q"),
                value
            );
        }
    }

    #[test]
    fn encodes_like_encode_uri_component() {
        assert_eq!(
            encode_component("Hỏi & đáp: \"nhà ở\" #2026? 🏠"),
            "H%E1%BB%8Fi%20%26%20%C4%91%C3%A1p%3A%20%22nh%C3%A0%20%E1%BB%9F%22%20%232026%3F%20%F0%9F%8F%A0"
        );
        assert_eq!(
            encode_component("https://sonha.example.vn/bai-viet/hoi-dap"),
            "https%3A%2F%2Fsonha.example.vn%2Fbai-viet%2Fhoi-dap"
        );
        assert_eq!(
            encode_component("a-b_c.d!e~f*g'h(i)j"),
            "a-b_c.d!e~f*g'h(i)j"
        );
        assert_eq!(encode_component("+ /=&?"), "%2B%20%2F%3D%26%3F");
    }
}
