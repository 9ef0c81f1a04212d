//! Entry point: install the crash page, mount the app, nothing else.

fn main() {
    portal_reader::crash::install();
    leptos::mount::mount_to_body(portal_reader::App);
}
