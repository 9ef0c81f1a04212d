//! Every interface string, in Vietnamese and English, in one place.
//!
//! A string is a field of [`Text`], so a translation cannot be forgotten: a
//! missing field does not compile, and an empty one fails a test. Article
//! content is never translated; it is shown as the endpoint sends it.

use crate::api::ApiError;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// Where the reader's language choice is kept (the pre-paint script in
/// index.html reads it too).
pub const LANG_KEY: &str = "portal.lang";

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// A stored choice; anything else is the default, Vietnamese.
    pub fn parse(code: Option<&str>) -> Self {
        match code {
            Some("en") => Lang::En,
            _ => Lang::Vi,
        }
    }

    /// The language of content whose language tag is `tag` (`site.json`'s
    /// `lang`): English for `en`, `en-GB`…, Vietnamese otherwise or without one.
    pub fn of_content(tag: Option<&str>) -> Self {
        match tag.and_then(|t| t.get(..2)) {
            Some(primary) if primary.eq_ignore_ascii_case("en") => Lang::En,
            _ => Lang::Vi,
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// The BCP 47 code for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn text(self) -> &'static Text {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }
}

/// The interface strings of one language. Words in braces (`{n}`, `{status}`,
/// `{level}`, `{total}`…) are placeholders filled by the caller.
#[derive(Debug)]
pub struct Text {
    pub skip_link: &'static str,
    pub site_fallback_name: &'static str,
    pub home: &'static str,
    pub home_heading: &'static str,
    pub categories: &'static str,
    pub breadcrumb: &'static str,
    pub sidebar: &'static str,
    pub back_to_top: &'static str,
    pub load_more: &'static str,
    pub loading: &'static str,
    pub loaded_more: &'static str,
    pub all_shown: &'static str,
    pub no_articles: &'static str,
    pub category_empty: &'static str,
    pub retry: &'static str,
    pub error_heading: &'static str,
    pub error_network: &'static str,
    pub error_offline: &'static str,
    /// The page shows a copy kept on the device; `{time}` is when it was kept.
    pub offline_notice: &'static str,
    pub update_ready: &'static str,
    pub update_reload: &'static str,
    pub save_for_later: &'static str,
    pub save_saving: &'static str,
    pub save_done: &'static str,
    pub save_removed: &'static str,
    pub save_quota: &'static str,
    pub save_unavailable: &'static str,
    pub save_failed: &'static str,
    pub saved_heading: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub search_heading: &'static str,
    pub search_prompt: &'static str,
    pub searching: &'static str,
    pub search_count: &'static str,
    pub search_none: &'static str,
    pub search_try: &'static str,
    /// The search page's meta description (the page itself is `noindex`).
    pub search_description: &'static str,
    pub saved_empty: &'static str,
    /// The remove button's accessible name; `{title}` is the article's.
    pub saved_remove: &'static str,
    pub saved_remove_short: &'static str,
    /// `{time}`: when the article was saved.
    pub saved_at: &'static str,
    pub error_http: &'static str,
    pub error_bad_json: &'static str,
    pub error_timeout: &'static str,
    pub error_not_found: &'static str,
    pub error_too_large: &'static str,
    pub error_details: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub author: &'static str,
    pub source: &'static str,
    pub updated: &'static str,
    pub table_region: &'static str,
    pub footer_note: &'static str,
    pub a11y_toolbar: &'static str,
    pub text_size_group: &'static str,
    pub text_smaller: &'static str,
    pub text_default: &'static str,
    pub text_bigger: &'static str,
    pub text_smaller_hint: &'static str,
    pub text_default_hint: &'static str,
    pub text_bigger_hint: &'static str,
    pub contrast_group: &'static str,
    pub contrast_less: &'static str,
    pub contrast_more: &'static str,
    pub announce_text_size: &'static str,
    pub announce_text_largest: &'static str,
    pub announce_text_smallest: &'static str,
    pub announce_contrast: &'static str,
    pub announce_contrast_most: &'static str,
    pub announce_contrast_least: &'static str,
    pub contrast_soft: &'static str,
    pub contrast_normal: &'static str,
    pub contrast_high: &'static str,
    pub contrast_maximum: &'static str,
    pub text_spacing_group: &'static str,
    pub spacing_less: &'static str,
    pub spacing_more: &'static str,
    pub announce_spacing: &'static str,
    pub announce_spacing_most: &'static str,
    pub announce_spacing_least: &'static str,
    pub spacing_normal: &'static str,
    pub spacing_wide: &'static str,
    pub spacing_wider: &'static str,
    pub spacing_widest: &'static str,
    pub share_heading: &'static str,
    pub share_on: &'static str,
    pub new_tab: &'static str,
    pub share_zalo: &'static str,
    pub share_zalo_hint: &'static str,
    pub share_zalo_loaded: &'static str,
    pub copy_link: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub native_share: &'static str,
    pub rating_heading: &'static str,
    pub rating_legend: &'static str,
    /// Each star's name, one to five.
    pub star_labels: [&'static str; 5],
    pub rating_submit: &'static str,
    pub rating_summary: &'static str,
    pub rating_average: &'static str,
    pub rating_yours: &'static str,
    pub rating_yours_local: &'static str,
    pub rating_sending: &'static str,
    pub rating_failed: &'static str,
    pub rating_queued: &'static str,
    pub rating_choose_first: &'static str,
    pub rating_thanks: &'static str,
    pub language_group: &'static str,
    pub home_description: &'static str,
    /// A category page's description (search results, link previews).
    pub category_description: &'static str,
    pub stats_heading: &'static str,
    pub stats_online: &'static str,
    pub stats_today: &'static str,
    pub stats_yesterday: &'static str,
    pub stats_month: &'static str,
    pub stats_this_month: &'static str,
    pub stats_year: &'static str,
    pub stats_this_year: &'static str,
    pub stats_total: &'static str,
    pub stats_as_of: &'static str,
    pub map_heading: &'static str,
    pub map_open: &'static str,
    pub latest_heading: &'static str,
    pub related_heading: &'static str,
    pub category_neighbours: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub reading_time: &'static str,
    pub views: &'static str,
    pub tags: &'static str,
    pub reader_tools: &'static str,
    pub print: &'static str,
    pub print_source: &'static str,
    pub listen: &'static str,
    pub listen_pause: &'static str,
    pub listen_resume: &'static str,
    /// The reading (speech/speech.js, with its own strings) could not load.
    pub listen_failed: &'static str,
    pub crash_heading: &'static str,
    pub crash_body: &'static str,
    pub crash_reload: &'static str,
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
}

impl Text {
    /// What a reader is told when loading failed, in plain words.
    pub fn error_message(&self, error: &ApiError) -> String {
        match error {
            ApiError::Network { .. } | ApiError::Aborted => self.error_network.to_string(),
            ApiError::Offline { .. } => self.error_offline.to_string(),
            ApiError::Http { status, .. } => self
                .error_http
                .replace("{status}", &crate::numerals::digits((*status).into())),
            ApiError::BadJson { .. } => self.error_bad_json.to_string(),
            ApiError::NotJson { .. } => self.error_not_found.to_string(),
            ApiError::TooLarge { .. } => self.error_too_large.to_string(),
            ApiError::Timeout { .. } => self.error_timeout.replace(
                "{seconds}",
                &crate::numerals::digits(u64::from(crate::api::TIMEOUT_MS.unsigned_abs() / 1000)),
            ),
        }
    }
}

pub static VI: Text = Text {
    skip_link: "Chuyển đến nội dung chính",
    site_fallback_name: "Cổng thông tin điện tử",
    home: "Trang chủ",
    home_heading: "Tin mới nhất",
    categories: "Chuyên mục",
    breadcrumb: "Vị trí trang",
    sidebar: "Thông tin thêm",
    back_to_top: "Lên đầu trang",
    load_more: "Xem thêm",
    loading: "Đang tải…",
    loaded_more: "Đã tải thêm {n} bài viết.",
    all_shown: "Đã hiển thị tất cả bài viết.",
    no_articles: "Chưa có bài viết nào.",
    category_empty: "Chuyên mục này chưa có bài viết.",
    retry: "Thử lại",
    error_heading: "Không tải được nội dung",
    error_network: "Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối mạng rồi thử lại.",
    error_offline:
        "Bạn đang ngoại tuyến và nội dung này chưa được lưu trên máy. Vui lòng thử lại khi có mạng.",
    offline_notice: "Bạn đang ngoại tuyến — đang hiển thị bản đã lưu lúc {time}.",
    update_ready: "Có phiên bản mới.",
    update_reload: "Tải lại",
    save_for_later: "Lưu đọc sau",
    save_saving: "Đang lưu bài…",
    save_done: "Đã lưu bài để đọc khi không có mạng.",
    save_removed: "Đã bỏ lưu bài này.",
    save_quota: "Không đủ dung lượng trên máy để lưu bài này. Hãy xoá bớt bài đã lưu rồi thử lại.",
    save_unavailable: "Trình duyệt này chưa lưu được bài để đọc khi không có mạng.",
    save_failed: "Không lưu được bài này. Vui lòng thử lại.",
    saved_heading: "Bài đã lưu",
    search_label: "Tìm kiếm bài viết",
    search_button: "Tìm",
    search_heading: "Tìm kiếm",
    search_prompt: "Nhập từ khóa vào ô tìm kiếm, có dấu hoặc không dấu. Đặt cụm từ trong ngoặc kép để tìm đúng cụm từ đó.",
    searching: "Đang tìm…",
    search_count: "{n} kết quả cho “{q}”.",
    search_none: "Không tìm thấy bài viết nào cho “{q}”.",
    search_try: "Thử tìm không dấu:",
    search_description: "Tìm bài viết trên cổng thông tin theo từ khóa, có dấu hoặc không dấu.",
    saved_empty: "Chưa có bài nào được lưu. Dùng nút “Lưu đọc sau” trong bài viết để đọc lại khi không có mạng.",
    saved_remove: "Xoá bài đã lưu: {title}",
    saved_remove_short: "Xoá",
    saved_at: "Đã lưu lúc {time}",
    error_http: "Máy chủ trả lời lỗi {status}. Vui lòng thử lại sau ít phút.",
    error_bad_json: "Dữ liệu máy chủ gửi về không đúng định dạng.",
    error_timeout: "Máy chủ không trả lời sau {seconds} giây. Đường truyền có thể đang chậm.",
    error_not_found: "Máy chủ không có dữ liệu này.",
    error_too_large: "Dữ liệu máy chủ gửi về quá lớn (hơn 5 MB).",
    error_details: "Chi tiết kỹ thuật",
    not_found_heading: "Không tìm thấy trang",
    not_found_body: "Trang bạn tìm không tồn tại hoặc đã được chuyển đi nơi khác.",
    back_home: "Về trang chủ",
    author: "Tác giả",
    source: "Nguồn",
    updated: "Cập nhật",
    table_region: "Bảng số liệu, có thể cuộn ngang",
    footer_note: "Bản đọc tin nhanh, dễ đọc trên mọi thiết bị.",
    a11y_toolbar: "Công cụ hỗ trợ đọc",
    text_size_group: "Cỡ chữ",
    text_smaller: " giảm cỡ chữ",
    text_default: " cỡ chữ mặc định",
    text_bigger: " tăng cỡ chữ",
    text_smaller_hint: "Giảm cỡ chữ",
    text_default_hint: "Cỡ chữ mặc định",
    text_bigger_hint: "Tăng cỡ chữ",
    contrast_group: "Độ tương phản",
    contrast_less: "Giảm tương phản",
    contrast_more: "Tăng tương phản",
    announce_text_size: "Cỡ chữ {n} %",
    announce_text_largest: "Cỡ chữ đã lớn nhất: {n} %",
    announce_text_smallest: "Cỡ chữ đã nhỏ nhất: {n} %",
    announce_contrast: "Độ tương phản: {level}",
    announce_contrast_most: "Độ tương phản đã cao nhất: {level}",
    announce_contrast_least: "Độ tương phản đã thấp nhất: {level}",
    contrast_soft: "dịu",
    contrast_normal: "bình thường",
    contrast_high: "cao",
    contrast_maximum: "tối đa",
    text_spacing_group: "Giãn cách chữ",
    spacing_less: "Giảm giãn cách",
    spacing_more: "Tăng giãn cách",
    announce_spacing: "Giãn cách: {level}",
    announce_spacing_most: "Giãn cách đã rộng nhất: {level}",
    announce_spacing_least: "Giãn cách đã hẹp nhất: {level}",
    spacing_normal: "bình thường",
    spacing_wide: "rộng",
    spacing_wider: "rộng hơn",
    spacing_widest: "rộng nhất",
    share_heading: "Chia sẻ bài viết",
    share_on: "Chia sẻ lên ",
    new_tab: " (mở thẻ mới)",
    share_zalo: "Zalo",
    share_zalo_hint: " (bấm để tải nút chia sẻ của Zalo)",
    share_zalo_loaded: "Đã tải nút của Zalo bên dưới; bấm vào đó để chia sẻ.",
    copy_link: "Sao chép liên kết",
    copied: "Đã sao chép liên kết.",
    copy_failed: "Không sao chép được. Liên kết: {url}",
    native_share: "Chia sẻ qua ứng dụng khác",
    rating_heading: "Đánh giá bài viết",
    rating_legend: "Số sao bạn chấm",
    star_labels: ["1 / 5 sao", "2 / 5 sao", "3 / 5 sao", "4 / 5 sao", "5 / 5 sao"],
    rating_submit: "Gửi đánh giá",
    rating_summary: "Tổng số điểm của bài viết là: {total} trong {count} đánh giá",
    rating_average: "Điểm trung bình: {avg} / 5",
    rating_yours: "Bạn đã đánh giá bài viết này {n} / 5 sao.",
    rating_yours_local: "Đánh giá của bạn được lưu trên thiết bị này và đã tính vào tổng điểm.",
    rating_sending: "Đang gửi đánh giá…",
    rating_failed: "Không gửi được đánh giá: {reason}",
    rating_queued: "Bạn đang ngoại tuyến: đánh giá của bạn đã được ghi lại và sẽ được gửi khi có mạng.",
    rating_choose_first: "Hãy chọn số sao trước khi gửi.",
    rating_thanks: "Cảm ơn bạn đã đánh giá.",
    language_group: "Ngôn ngữ",
    home_description: "Tin tức, chính sách và thông báo mới nhất của cổng thông tin điện tử.",
    category_description: "Tin tức mới nhất của chuyên mục {name} trên cổng thông tin điện tử.",
    stats_heading: "Thống kê truy cập",
    stats_online: "Đang trực tuyến",
    stats_today: "Hôm nay",
    stats_yesterday: "Hôm qua",
    stats_month: "Tháng {n}",
    stats_this_month: "Tháng này",
    stats_year: "Năm {n}",
    stats_this_year: "Năm nay",
    stats_total: "Tổng lượt truy cập",
    stats_as_of: "Số liệu đến {date}",
    map_heading: "Bản đồ địa giới hành chính",
    map_open: "Xem bản đồ đầy đủ",
    latest_heading: "Tin mới",
    related_heading: "Tin liên quan",
    category_neighbours: "Bài khác cùng chuyên mục",
    newer: "Bài mới hơn",
    older: "Bài cũ hơn",
    reading_time: "{n} phút đọc",
    views: "{n} lượt xem",
    tags: "Từ khóa",
    reader_tools: "Công cụ bài viết",
    print: "In bài viết",
    print_source: "Địa chỉ bài viết: {url}",
    listen: "Nghe đọc bài viết",
    listen_pause: "Tạm dừng",
    listen_resume: "Đọc tiếp",
    listen_failed: "Chưa tải được phần đọc bài. Hãy thử lại khi có mạng.",
    crash_heading: "Đã xảy ra lỗi",
    crash_body: "Trang gặp sự cố và đã dừng. Tải lại trang để đọc tiếp.",
    crash_reload: "Tải lại trang",
    weekdays: [
        "Chủ Nhật",
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
    ],
    months: [
        "tháng 1",
        "tháng 2",
        "tháng 3",
        "tháng 4",
        "tháng 5",
        "tháng 6",
        "tháng 7",
        "tháng 8",
        "tháng 9",
        "tháng 10",
        "tháng 11",
        "tháng 12",
    ],
};

pub static EN: Text = Text {
    skip_link: "Skip to main content",
    site_fallback_name: "E-portal",
    home: "Home",
    home_heading: "Latest news",
    categories: "Categories",
    breadcrumb: "Breadcrumb",
    sidebar: "More information",
    back_to_top: "Back to top",
    load_more: "Load more",
    loading: "Loading…",
    loaded_more: "Loaded {n} more articles.",
    all_shown: "All articles are shown.",
    no_articles: "There are no articles yet.",
    category_empty: "This category has no articles yet.",
    retry: "Try again",
    error_heading: "This content could not be loaded",
    error_network: "Could not reach the server. Please check your connection and try again.",
    error_offline: "You are offline, and this has not been saved on this device. Please try again when you are back online.",
    offline_notice: "You are offline — showing the copy saved at {time}.",
    update_ready: "A new version is available.",
    update_reload: "Reload",
    save_for_later: "Save for later",
    save_saving: "Saving the article…",
    save_done: "Saved for reading without a connection.",
    save_removed: "Removed from saved articles.",
    save_quota: "Not enough space on this device to save this article. Remove some saved articles and try again.",
    save_unavailable: "This browser cannot save articles for reading without a connection yet.",
    save_failed: "Could not save this article. Please try again.",
    saved_heading: "Saved articles",
    search_label: "Search articles",
    search_button: "Search",
    search_heading: "Search",
    search_prompt: "Type words into the search box, with or without Vietnamese marks. Put a phrase in quotes to find it exactly.",
    searching: "Searching…",
    search_count: "{n} results for “{q}”.",
    search_none: "No articles found for “{q}”.",
    search_try: "Try without marks:",
    search_description: "Find articles on the portal by keyword, with or without Vietnamese marks.",
    saved_empty: "No saved articles yet. Use “Save for later” on an article to read it without a connection.",
    saved_remove: "Remove saved article: {title}",
    saved_remove_short: "Remove",
    saved_at: "Saved at {time}",
    error_http: "The server answered with error {status}. Please try again in a few minutes.",
    error_bad_json: "The data the server sent is malformed.",
    error_timeout:
        "The server did not answer within {seconds} seconds. The connection may be slow.",
    error_not_found: "The server does not have this data.",
    error_too_large: "The data the server sent is too large (over 5 MB).",
    error_details: "Technical details",
    not_found_heading: "Page not found",
    not_found_body: "The page you are looking for does not exist or has moved.",
    back_home: "Back to the home page",
    author: "Author",
    source: "Source",
    updated: "Updated",
    table_region: "Data table, scrolls sideways",
    footer_note: "A fast article reader, easy to read on any device.",
    a11y_toolbar: "Reading aids",
    text_size_group: "Text size",
    text_smaller: " smaller text",
    text_default: " default text size",
    text_bigger: " bigger text",
    text_smaller_hint: "Smaller text",
    text_default_hint: "Default text size",
    text_bigger_hint: "Bigger text",
    contrast_group: "Contrast",
    contrast_less: "Less contrast",
    contrast_more: "More contrast",
    announce_text_size: "Text size {n}%",
    announce_text_largest: "Text is at its largest: {n}%",
    announce_text_smallest: "Text is at its smallest: {n}%",
    announce_contrast: "Contrast: {level}",
    announce_contrast_most: "Contrast is at its highest: {level}",
    announce_contrast_least: "Contrast is at its lowest: {level}",
    contrast_soft: "soft",
    contrast_normal: "normal",
    contrast_high: "high",
    contrast_maximum: "maximum",
    text_spacing_group: "Text spacing",
    spacing_less: "Less spacing",
    spacing_more: "More spacing",
    announce_spacing: "Spacing: {level}",
    announce_spacing_most: "Spacing is at its widest: {level}",
    announce_spacing_least: "Spacing is at its narrowest: {level}",
    spacing_normal: "normal",
    spacing_wide: "wide",
    spacing_wider: "wider",
    spacing_widest: "widest",
    share_heading: "Share this article",
    share_on: "Share on ",
    new_tab: " (opens a new tab)",
    share_zalo: "Zalo",
    share_zalo_hint: " (press to load Zalo's share button)",
    share_zalo_loaded: "Zalo's button is loaded below; press it to share.",
    copy_link: "Copy link",
    copied: "Link copied.",
    copy_failed: "Could not copy. The link: {url}",
    native_share: "Share with another app",
    rating_heading: "Rate this article",
    rating_legend: "Your rating",
    star_labels: ["1 of 5 stars", "2 of 5 stars", "3 of 5 stars", "4 of 5 stars", "5 of 5 stars"],
    rating_submit: "Send rating",
    rating_summary: "Total score of this article: {total} from {count} ratings",
    rating_average: "Average: {avg} / 5",
    rating_yours: "You rated this article {n} of 5 stars.",
    rating_yours_local: "Your rating is kept on this device and counted in the total.",
    rating_sending: "Sending your rating…",
    rating_failed: "Your rating could not be sent: {reason}",
    rating_queued: "You are offline: your rating is kept and will be sent when you are back online.",
    rating_choose_first: "Choose a number of stars first.",
    rating_thanks: "Thank you for rating.",
    language_group: "Language",
    home_description: "The latest news, policies and announcements of the e-portal.",
    category_description: "The latest news in {name} on the e-portal.",
    stats_heading: "Visitor statistics",
    stats_online: "Online now",
    stats_today: "Today",
    stats_yesterday: "Yesterday",
    stats_month: "{n}",
    stats_this_month: "This month",
    stats_year: "Year {n}",
    stats_this_year: "This year",
    stats_total: "All visits",
    stats_as_of: "Figures as of {date}",
    map_heading: "Administrative boundary map",
    map_open: "Open the full map",
    latest_heading: "Latest news",
    related_heading: "Related articles",
    category_neighbours: "More in this category",
    newer: "Newer article",
    older: "Older article",
    reading_time: "{n} min read",
    views: "{n} views",
    tags: "Tags",
    reader_tools: "Article tools",
    print: "Print article",
    print_source: "Article address: {url}",
    listen: "Listen to this article",
    listen_pause: "Pause",
    listen_resume: "Resume",
    listen_failed: "Read aloud could not load. Try again when you are online.",
    crash_heading: "Something went wrong",
    crash_body: "The page ran into a problem and stopped. Reload it to continue reading.",
    crash_reload: "Reload the page",
    weekdays: [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field, as (name, vi, en), read through Debug so a new field is
    /// covered without editing this test.
    fn pairs() -> Vec<(String, String, String)> {
        let fields = |text: &Text| -> Vec<(String, String)> {
            let debug = format!("{text:#?}");
            debug
                .lines()
                .filter_map(|line| {
                    let line = line.trim().trim_end_matches(',');
                    let (name, value) = line.split_once(": ")?;
                    Some((name.to_string(), value.to_string()))
                })
                .collect()
        };
        fields(&VI)
            .into_iter()
            .zip(fields(&EN))
            .map(|((name, vi), (_, en))| (name, vi, en))
            .collect()
    }

    #[test]
    fn every_string_is_translated() {
        let pairs = pairs();
        assert!(pairs.len() >= 30, "the Debug walk found the fields");
        for (name, vi, en) in pairs {
            assert!(
                vi != "\"\"" && en != "\"\"",
                "{name} is empty in one language"
            );
        }
        for list in [
            &VI.weekdays[..],
            &EN.weekdays[..],
            &VI.months[..],
            &EN.months[..],
            &VI.star_labels[..],
            &EN.star_labels[..],
        ] {
            assert!(list.iter().all(|s| !s.is_empty()));
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        for (name, vi, en) in pairs() {
            for placeholder in [
                "{n}",
                "{status}",
                "{seconds}",
                "{level}",
                "{total}",
                "{count}",
                "{avg}",
                "{url}",
                "{reason}",
                "{date}",
                "{name}",
                "{time}",
                "{title}",
            ] {
                assert_eq!(
                    vi.contains(placeholder),
                    en.contains(placeholder),
                    "{name}: {placeholder} in one language only"
                );
            }
        }
    }

    #[test]
    fn a_stored_language_is_read_back_and_garbage_is_vietnamese() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(Some(lang.code())), lang);
        }
        assert_eq!(Lang::parse(None), Lang::Vi);
        assert_eq!(Lang::parse(Some("EN-gb")), Lang::Vi);
    }

    #[test]
    fn content_language_from_a_tag() {
        for (tag, lang) in [
            (None, Lang::Vi),
            (Some("vi"), Lang::Vi),
            (Some("vi-VN"), Lang::Vi),
            (Some("en"), Lang::En),
            (Some("EN-gb"), Lang::En),
            (Some(""), Lang::Vi),
            (Some("e"), Lang::Vi),
            (Some("fr"), Lang::Vi),
        ] {
            assert_eq!(Lang::of_content(tag), lang, "{tag:?}");
        }
    }

    #[test]
    fn errors_read_as_plain_words() {
        let http = ApiError::Http {
            url: "u".into(),
            status: 503,
        };
        assert_eq!(
            VI.error_message(&http),
            "Máy chủ trả lời lỗi 503. Vui lòng thử lại sau ít phút."
        );
        let timeout = ApiError::Timeout { url: "u".into() };
        assert!(EN.error_message(&timeout).contains("15 seconds"));
    }
}
