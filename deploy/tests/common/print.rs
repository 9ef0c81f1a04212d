//! The print note of a written page read back as a browser and a phone
//! would: the page through html5ever, the note's QR code drawn from the
//! SVG the parser built (resvg) and decoded (rqrr).

use std::path::Path;

use markup5ever_rcdom::{Handle, NodeData, RcDom};
use portal_reader::escape::xml;

/// A print note as parsed, with what the page's head says beside it.
#[derive(Debug)]
pub struct Note {
    /// Whether the note is a child of `<body>` (outside `#app`).
    pub in_body: bool,
    pub data_for: Option<String>,
    pub lang: Option<String>,
    /// The text of `.print-note__name` and `.print-note__url`.
    pub name: Option<String>,
    pub url_text: Option<String>,
    /// The `href` of the link in the note.
    pub link: Option<String>,
    /// The QR code's `<svg>`, as XML (from the parsed elements), with its
    /// `role` and `<title>`.
    pub svg: Option<String>,
    pub role: Option<String>,
    pub label: Option<String>,
}

/// What a page holds for printing.
#[derive(Debug, Default)]
pub struct Printed {
    pub notes: Vec<Note>,
    /// The head's `<link rel="canonical">` and `og:site_name`.
    pub canonical: Option<String>,
    pub site_name: Option<String>,
}

fn attr(node: &Handle, wanted: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == wanted)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

fn name_of(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn has_class(node: &Handle, class: &str) -> bool {
    attr(node, "class").is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
}

/// All the text under `node`.
fn text(node: &Handle) -> String {
    let mut out = String::new();
    each(node, &mut |n| {
        if let NodeData::Text { contents } = &n.data {
            out.push_str(&contents.borrow());
        }
    });
    out
}

fn each(node: &Handle, visit: &mut impl FnMut(&Handle)) {
    visit(node);
    for child in node.children.borrow().iter() {
        each(child, visit);
    }
}

fn find(node: &Handle, test: &impl Fn(&Handle) -> bool) -> Option<Handle> {
    let mut found = None;
    each(node, &mut |n| {
        if found.is_none() && test(n) {
            found = Some(n.clone());
        }
    });
    found
}

/// An element and what is under it as XML, the SVG namespace on the root:
/// the elements and attributes the HTML parser built, for an SVG renderer.
fn to_xml(node: &Handle, out: &mut String, root: bool) {
    match &node.data {
        NodeData::Element { name, attrs, .. } => {
            out.push('<');
            out.push_str(&name.local);
            if root {
                out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"");
            }
            for a in attrs.borrow().iter() {
                out.push_str(&format!(" {}=\"{}\"", a.name.local, xml(&a.value)));
            }
            out.push('>');
            for child in node.children.borrow().iter() {
                to_xml(child, out, false);
            }
            out.push_str(&format!("</{}>", name.local));
        }
        NodeData::Text { contents } => out.push_str(&xml(&contents.borrow())),
        _ => {}
    }
}

/// The print notes of `html` and the head facts they must agree with.
pub fn printed(html: &str) -> Printed {
    use html5ever::tendril::TendrilSink;
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut found = Printed::default();
    let mut notes = Vec::new();
    each(&dom.document, &mut |node| {
        match name_of(node).as_deref() {
            Some("link") if attr(node, "rel").as_deref() == Some("canonical") => {
                found.canonical = attr(node, "href");
            }
            Some("meta") if attr(node, "property").as_deref() == Some("og:site_name") => {
                found.site_name = attr(node, "content");
            }
            _ => {}
        }
        if has_class(node, "print-note") {
            notes.push(node.clone());
        }
    });
    for node in notes {
        let parent = node
            .parent
            .take()
            .and_then(|weak| {
                let strong = weak.upgrade();
                node.parent.set(Some(weak));
                strong
            })
            .and_then(|p| name_of(&p));
        let part = |class: &str| find(&node, &|n| has_class(n, class));
        let svg = find(&node, &|n| name_of(n).as_deref() == Some("svg"));
        found.notes.push(Note {
            in_body: parent.as_deref() == Some("body"),
            data_for: attr(&node, "data-for"),
            lang: attr(&node, "lang"),
            name: part("print-note__name").map(|n| text(&n)),
            url_text: part("print-note__url").map(|n| text(&n)),
            link: find(&node, &|n| name_of(n).as_deref() == Some("a"))
                .and_then(|a| attr(&a, "href")),
            role: svg.as_ref().and_then(|s| attr(s, "role")),
            label: svg
                .as_ref()
                .and_then(|s| find(s, &|n| name_of(n).as_deref() == Some("title")))
                .map(|t| text(&t)),
            svg: svg.map(|s| {
                let mut out = String::new();
                to_xml(&s, &mut out, true);
                out
            }),
        });
    }
    found
}

/// What the QR code in `svg` says, as a phone reads it: drawn by resvg at 8
/// pixels a unit onto a transparent canvas (read as dark, so the code's own
/// white square must give the quiet zone, which is checked), then decoded
/// by rqrr.
pub fn decode_qr(svg: &str) -> Result<String, String> {
    use resvg::{tiny_skia, usvg};
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).map_err(|e| e.to_string())?;
    let scale = 8.0;
    let size = tree.size();
    let (width, height) = (
        (size.width() * scale).round() as u32,
        (size.height() * scale).round() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or("an empty picture")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // Premultiplied: transparent is 0, as dark as the modules.
    let grey = |x: usize, y: usize| {
        pixmap
            .pixel(x as u32, y as u32)
            .map(|p| p.red())
            .unwrap_or(0)
    };
    // The quiet zone: four light modules on every side, the code's first
    // dark module right after them.
    let band = (4.0 * scale) as usize;
    let (w, h) = (width as usize, height as usize);
    let light = (0..h).all(|y| {
        (0..w).all(|x| {
            let inside = (band..w - band).contains(&x) && (band..h - band).contains(&y);
            inside || grey(x, y) > 127
        })
    });
    if !light || grey(band, band) > 127 {
        return Err("no light quiet zone of four modules around the code".into());
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, grey);
    let grids = image.detect_grids();
    if grids.len() != 1 {
        return Err(format!("{} QR codes found", grids.len()));
    }
    let (_, content) = grids[0].decode().map_err(|e| e.to_string())?;
    Ok(content)
}

/// Every written page of `dist` checked for its print note: an article page
/// with an absolute canonical address has exactly one, outside `#app`, saying the
/// portal's name and that address as its head does, with a QR code that
/// decodes to exactly that address; any other page has none. Returns how
/// many notes were checked.
pub fn check_print_notes(dist: &Path, base: &str) -> usize {
    let mut checked = 0;
    let mut files = Vec::new();
    for dir in ["", "bai-viet", "chuyen-muc"] {
        for entry in std::fs::read_dir(dist.join(dir)).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html") {
                files.push((dir, path));
            }
        }
    }
    for (dir, path) in files {
        let page = printed(&std::fs::read_to_string(&path).unwrap());
        let shown = path.display();
        // A phone can open an absolute address only.
        let absolute = |url: &&str| url.starts_with("https://") || url.starts_with("http://");
        let Some(canonical) = page
            .canonical
            .as_deref()
            .filter(|url| dir == "bai-viet" && absolute(url))
        else {
            assert!(page.notes.is_empty(), "{shown}: {:?}", page.notes);
            continue;
        };
        assert_eq!(page.notes.len(), 1, "{shown}: one note");
        let note = &page.notes[0];
        let slug = path.file_stem().unwrap().to_string_lossy();
        assert!(note.in_body, "{shown}: outside #app, in <body>");
        assert_eq!(
            note.data_for.as_deref(),
            Some(format!("{base}/bai-viet/{slug}").as_str()),
            "{shown}"
        );
        assert_eq!(note.name, page.site_name, "{shown}: the portal's name");
        assert_eq!(note.link.as_deref(), Some(canonical), "{shown}");
        let url_text = note.url_text.as_deref().unwrap_or_default();
        assert!(url_text.contains(canonical), "{shown}: {url_text}");
        assert_eq!(note.role.as_deref(), Some("img"), "{shown}");
        assert!(
            note.label.as_deref().is_some_and(|l| !l.is_empty()),
            "{shown}"
        );
        let svg = note.svg.as_deref().expect("a QR code");
        assert_eq!(decode_qr(svg).as_deref(), Ok(canonical), "{shown}: {svg}");
        checked += 1;
    }
    checked
}
