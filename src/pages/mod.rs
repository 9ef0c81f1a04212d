//! One file per route. Each page sets the document title and provides the one
//! `h1` of the page.

mod article;
mod category;
mod feed;
mod home;
mod not_found;
pub mod related;

pub use article::{ArticlePage, ArticleView};
pub use category::{CategoryPage, FIRST_BATCH};
pub use home::HomePage;
pub use not_found::NotFound;
