//! Entry point: mount the app, nothing else.

fn main() {
    leptos::mount::mount_to_body(portal_reader::App);
}
