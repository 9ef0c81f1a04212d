//! The two copies of the Vietnamese fold agree on every code point: the
//! engine's (`src/search/search.js`, which folds the index and the queries,
//! run here by Node) and the app's (`search::without_marks`, which suggests
//! a query without its marks). The engine folds words it has lower-cased;
//! the app folds what the reader typed, capitals kept. So, for every
//! character `c`, with `lower` the engine's lower case of it:
//!  - `without_marks(lower)` is the engine's `fold(lower)`;
//!  - the app's suggestion for `c`, read as the engine reads a query
//!    (lower-cased, then folded), is `fold(lower)` too, where Rust and the
//!    JavaScript engine agree on the lower case (their Unicode versions may
//!    differ, which is not the subject). `İ` stays in a suggestion, and its
//!    lower case `i̇` folds to `i` on either side.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

use portal_reader::search::without_marks;

#[test]
fn the_app_and_the_engine_fold_every_code_point_alike() {
    let engine = concat!(env!("CARGO_MANIFEST_DIR"), "/src/search/search.js");
    // One line per scalar value: its code, its lower case and the engine's
    // fold of that, as JSON strings (lone surrogates are not characters).
    let script = format!(
        r#"const {{ fold }} = await import({engine:?});
const out = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {{
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const lower = String.fromCodePoint(cp).normalize("NFC").toLowerCase();
  out.push(JSON.stringify([cp, lower, fold(lower)]));
}}
process.stdout.write(out.join("\n"));"#
    );
    let output = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .output()
        .expect("node runs (scripts/setup installs it)");
    assert!(
        output.status.success(),
        "node: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).expect("UTF-8 from node");
    let mut checked = 0;
    let mut differ = Vec::new();
    for line in text.lines() {
        let (cp, lower, folded): (u32, String, String) =
            serde_json::from_str(line).expect("a line of the sweep");
        let c = char::from_u32(cp).expect("a scalar value");
        if without_marks(&lower) != folded {
            differ.push(format!(
                "U+{cp:04X} lower-cased {lower:?}: app {:?}, engine {folded:?}",
                without_marks(&lower)
            ));
        }
        let suggested = without_marks(&c.to_string());
        if c.to_lowercase().collect::<String>() == lower
            && without_marks(&suggested.to_lowercase()) != folded
        {
            differ.push(format!(
                "U+{cp:04X} {c:?}: app {suggested:?}, engine {folded:?}"
            ));
        }
        checked += 1;
    }
    assert_eq!(checked, 0x110000 - 0x800, "every scalar value came back");
    assert!(
        differ.is_empty(),
        "{} differ, first: {:#?}",
        differ.len(),
        &differ[..differ.len().min(20)]
    );
}
