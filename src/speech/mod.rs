//! Read aloud ("Nghe đọc bài viết"): the browser's own speech synthesis reads
//! the article's title and text.
//!
//! The text is what the reader sees (the sanitised body's rendered text, never
//! its markup), cut here into short pieces: Chrome stops a single long
//! utterance after about 15 seconds, and short pieces make pause and resume
//! land near where the reader asked. The control is in [`control`].

pub mod control;

/// The longest piece handed to the synthesiser at once, in characters.
pub const MAX_PIECE: usize = 220;

/// The title, then each block of the body (one per line of rendered text),
/// cut at sentence ends and, for very long sentences, between words.
/// Lines with nothing to say (empty, only punctuation) are dropped.
pub fn pieces(title: &str, body_text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in std::iter::once(title).chain(body_text.lines()) {
        let mut piece = String::new();
        let mut length = 0;
        for word in line.split_whitespace() {
            let word_length = word.chars().count();
            if length > 0 && length + 1 + word_length > MAX_PIECE {
                push_piece(&mut out, &mut piece);
                length = 0;
            }
            if length > 0 {
                piece.push(' ');
                length += 1;
            }
            piece.push_str(word);
            length += word_length;
            if word.ends_with(['.', '!', '?', ';', '…']) {
                push_piece(&mut out, &mut piece);
                length = 0;
            }
        }
        push_piece(&mut out, &mut piece);
    }
    out
}

fn push_piece(out: &mut Vec<String>, piece: &mut String) {
    if piece.chars().any(crate::format::is_word_char) {
        out.push(std::mem::take(piece));
    } else {
        piece.clear();
    }
}

/// The voice language to ask for: Vietnamese text gets a Vietnamese voice.
pub fn voice_lang(content_lang: &str) -> &'static str {
    match content_lang {
        "en" => "en-US",
        _ => "vi-VN",
    }
}

/// Whether a voice (its BCP 47 `lang`, e.g. `vi-VN`, or `vi_VN` on some
/// Android versions) speaks `wanted`'s language.
pub fn voice_matches(voice_lang: &str, wanted: &str) -> bool {
    let primary = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    primary(voice_lang) == primary(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_first_then_sentences() {
        let body = "Kỳ họp khai mạc sáng nay. Đại biểu thảo luận!\n\nNgân sách đạt 82 %.\n  \n—\n";
        assert_eq!(
            pieces("Khai mạc kỳ họp", body),
            [
                "Khai mạc kỳ họp",
                "Kỳ họp khai mạc sáng nay.",
                "Đại biểu thảo luận!",
                "Ngân sách đạt 82 %.",
            ]
        );
    }

    #[test]
    fn long_sentences_are_cut_between_words() {
        let long = "chữ ".repeat(120);
        let cut = pieces("", &long);
        assert!(cut.len() >= 2, "{cut:?}");
        assert!(cut.iter().all(|p| p.chars().count() <= MAX_PIECE));
        assert_eq!(cut.join(" "), long.trim_end(), "no word lost or split");
    }

    #[test]
    fn whitespace_is_normalised_and_nothing_is_empty() {
        assert_eq!(pieces("  A\tB  ", "\t\n"), ["A B"]);
        assert!(pieces("", "").is_empty());
    }

    #[test]
    fn voices_match_by_language() {
        assert_eq!(voice_lang("vi"), "vi-VN");
        assert_eq!(voice_lang("en"), "en-US");
        assert!(voice_matches("vi-VN", "vi-VN"));
        assert!(voice_matches("vi_VN", "vi-VN"));
        assert!(voice_matches("VI", "vi-VN"));
        assert!(!voice_matches("en-US", "vi-VN"));
        assert!(!voice_matches("", "vi-VN"));
    }
}
