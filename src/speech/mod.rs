//! Read aloud ("Nghe đọc bài viết"): the browser's own speech synthesis
//! reads the article, sentence by sentence, the sentence being spoken
//! highlighted.
//!
//! The wasm holds only the button ([`control`]). The reading itself is
//! `speech.js` beside this file, copied to `dist/speech/speech.js` and
//! imported by the shell's `portalSpeech` on the button's first press: the
//! first view's size budget leaves no room for it, and a dynamic `import()`
//! is JavaScript's alone. Its rules (sentences, the cut of long ones, moves,
//! the speed, the voice) are tested in Node (`tests/engine/speech.test.mjs`);
//! see docs/read-aloud.md.

pub mod control;
