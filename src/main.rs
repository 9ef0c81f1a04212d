//! Entry point: install the crash page, mount the app, nothing else.

fn main() {
    portal_reader::crash::install();
    portal_reader::takeover::mount();
}
