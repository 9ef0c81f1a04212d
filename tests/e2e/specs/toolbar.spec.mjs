// The accessibility toolbar: text size, contrast and text spacing,
// remembered, keyboard operable, following the system on a first visit,
// answering from the first paint, never breaking layout.
import { test, expect, axe, articleLoaded, appLive, layoutFaults, SLUGS } from "./helpers.mjs";

const STEPS = ["100", "112.5", "125", "150", "175", "200"];
const LEVELS = ["soft", "normal", "high", "maximum"];
const ARTICLE = `/bai-viet/${SLUGS.tea}`;

const toolbar = (page) => page.getByRole("group", { name: "Công cụ hỗ trợ đọc" });
const bigger = (page) => toolbar(page).getByRole("button", { name: /^A\+/ });
const smaller = (page) => toolbar(page).getByRole("button", { name: /^A−/ });
const reset = (page) => toolbar(page).getByRole("button", { name: /^A cỡ chữ mặc định/ });
const moreContrast = (page) => toolbar(page).getByRole("button", { name: "Tăng tương phản" });
const lessContrast = (page) => toolbar(page).getByRole("button", { name: "Giảm tương phản" });
const moreSpacing = (page) => toolbar(page).getByRole("button", { name: "Tăng giãn cách" });
const lessSpacing = (page) => toolbar(page).getByRole("button", { name: "Giảm giãn cách" });
const SPACINGS = ["normal", "wide", "wider", "widest"];
const status = (page) => page.locator(".a11y-bar [role=status]");
const px = (locator) => locator.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** Starts a visit with a stored choice, as a returning reader would. */
async function withStored(page, size, contrast, spacing = null) {
  await page.addInitScript(
    ([size, contrast, spacing]) => {
      if (size) localStorage.setItem("portal.text-size", size);
      if (contrast) localStorage.setItem("portal.contrast", contrast);
      if (spacing) localStorage.setItem("portal.text-spacing", spacing);
    },
    [size, contrast, spacing],
  );
}

/** Records every change of the reading settings on <html>, from the first
 * script on: a flicker back or a step taken twice shows in the list. */
async function recordSettings(page) {
  await page.addInitScript(() => {
    window.__settings = [];
    // On the document: <html> does not exist yet when this runs.
    new MutationObserver((records) => {
      for (const r of records) {
        const now = r.target.getAttribute(r.attributeName);
        if (r.target === document.documentElement && now !== r.oldValue) window.__settings.push(`${r.attributeName.slice(5)}=${now}`);
      }
    }).observe(document, {
      subtree: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ["data-text-size", "data-contrast", "data-text-spacing"],
    });
  });
}

test("before the app has taken the page over the toolbar answers, and the app continues from there", async ({ page }) => {
  await recordSettings(page);
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route("**/*_bg.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(ARTICLE, { waitUntil: "domcontentloaded" });
  const html = page.locator("html");
  await expect(page.locator("#app[data-prerendered] .a11y-bar")).toHaveCount(1);
  await expect(smaller(page)).toHaveAttribute("aria-disabled", "true");
  await bigger(page).click();
  await expect(html).toHaveAttribute("data-text-size", "112.5");
  await expect(status(page)).toHaveText("Cỡ chữ 112,5 %");
  await expect(smaller(page)).not.toHaveAttribute("aria-disabled");
  await expect(reset(page)).toHaveAttribute("aria-pressed", "false");
  await moreContrast(page).click();
  await expect(html).toHaveAttribute("data-contrast", "high");
  await expect(status(page)).toHaveText("Độ tương phản: cao");
  await moreSpacing(page).click();
  await expect(html).toHaveAttribute("data-text-spacing", "wide");
  await expect(status(page)).toHaveText("Giãn cách: rộng");
  await expect(lessSpacing(page)).not.toHaveAttribute("aria-disabled");
  // At a limit the pre-paint script announces where the setting stays.
  await lessContrast(page).click();
  await lessContrast(page).click();
  await lessContrast(page).click({ force: true });
  await expect(html).toHaveAttribute("data-contrast", "soft");
  await expect(lessContrast(page)).toHaveAttribute("aria-disabled", "true");
  await expect(status(page)).toHaveText("Độ tương phản: dịu");
  expect(await page.evaluate(() => [localStorage.getItem("portal.text-size"), localStorage.getItem("portal.text-spacing")])).toEqual(["112.5", "wide"]);
  // All of that before the app ran.
  await expect(page.locator("#app[data-prerendered]")).toHaveCount(1);
  release();
  await appLive(page);
  // The app took the state over: its buttons show it, and its own first
  // press takes one step from there.
  await expect(smaller(page)).not.toHaveAttribute("aria-disabled");
  await expect(reset(page)).toHaveAttribute("aria-pressed", "false");
  await expect(lessContrast(page)).toHaveAttribute("aria-disabled", "true");
  await bigger(page).click();
  await moreSpacing(page).click();
  await expect(html).toHaveAttribute("data-text-size", "125");
  await expect(html).toHaveAttribute("data-text-spacing", "wider");
  await expect(status(page)).toHaveText("Giãn cách: rộng hơn");
  expect(await page.evaluate(() => window.__settings)).toEqual([
    "text-size=100",
    "contrast=normal",
    "text-spacing=normal",
    "text-size=112.5",
    "contrast=high",
    "text-spacing=wide",
    "contrast=normal",
    "contrast=soft",
    "text-size=125",
    "text-spacing=wider",
  ]);
});

test("text spacing steps through four levels to beyond WCAG 1.4.12, announced and remembered", async ({ page }) => {
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-text-spacing", "normal");
  await expect(lessSpacing(page)).toHaveAttribute("aria-disabled", "true");
  const names = { wide: "rộng", wider: "rộng hơn", widest: "rộng nhất" };
  for (const level of SPACINGS.slice(1)) {
    await moreSpacing(page).click();
    await expect(html).toHaveAttribute("data-text-spacing", level);
    await expect(status(page)).toHaveText(`Giãn cách: ${names[level]}`);
  }
  await expect(moreSpacing(page)).toHaveAttribute("aria-disabled", "true");
  await moreSpacing(page).click({ force: true });
  await expect(status(page)).toHaveText("Giãn cách đã rộng nhất: rộng nhất");
  // Widest, in each element's own font size: paragraph and heading.
  const spacing = (css) =>
    page.locator(css).first().evaluate((el) => {
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      return {
        line: parseFloat(style.lineHeight) / size,
        letter: parseFloat(style.letterSpacing) / size,
        word: parseFloat(style.wordSpacing) / size,
        after: parseFloat(style.marginBottom) / size,
      };
    });
  for (const css of [".article__body p", "article.article h1"]) {
    const got = await spacing(css);
    expect(got.line, css).toBeGreaterThanOrEqual(1.5);
    expect(got.letter, css).toBeGreaterThanOrEqual(0.119);
    expect(got.word, css).toBeGreaterThanOrEqual(0.159);
  }
  expect((await spacing(".article__body p")).after).toBeGreaterThanOrEqual(2);
  await page.reload();
  await expect(html).toHaveAttribute("data-text-spacing", "widest");
  for (let i = 0; i < 3; i++) await lessSpacing(page).click();
  await expect(status(page)).toHaveText("Giãn cách: bình thường");
  // Back to the portal's own: letter spacing `normal` again.
  expect((await spacing(".article__body p")).letter).toBe(NaN);
});

for (const path of ["/", ARTICLE]) {
  test(`200 % text, widest spacing, every palette at 320 px: nothing cut off or overlapping: ${path}`, async ({ page }) => {
    test.slow();
    await page.setViewportSize({ width: 320, height: 640 });
    for (const level of LEVELS) {
      await withStored(page, "200", level, "widest");
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expect(page.locator("html")).toHaveAttribute("data-contrast", level);
      expect(await page.evaluate(layoutFaults), level).toEqual([]);
      expect(await axe(page), level).toEqual([]);
    }
  });
}

test("each size step scales body text and headings by the expected ratio", async ({ page }) => {
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const paragraph = page.locator(".article__body p").first();
  const heading = page.locator("h1");
  const [p0, h0] = [await px(paragraph), await px(heading)];
  await expect(smaller(page)).toHaveAttribute("aria-disabled", "true");
  await expect(reset(page)).toHaveAttribute("aria-pressed", "true");
  for (const step of STEPS.slice(1)) {
    await bigger(page).click();
    await expect(page.locator("html")).toHaveAttribute("data-text-size", step);
    await expect(status(page)).toHaveText(`Cỡ chữ ${step.replace(".", ",")} %`);
    const ratio = Number(step) / 100;
    expect(await px(paragraph)).toBeCloseTo(p0 * ratio, 0);
    expect(await px(heading)).toBeCloseTo(h0 * ratio, 0);
  }
  await expect(bigger(page)).toHaveAttribute("aria-disabled", "true");
  await expect(reset(page)).toHaveAttribute("aria-pressed", "false");
  // Playwright will not click what is aria-disabled; a reader still can.
  await bigger(page).click({ force: true });
  await expect(status(page)).toHaveText("Cỡ chữ đã lớn nhất: 200 %");
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "200");
  await reset(page).click();
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "100");
  expect(await px(paragraph)).toBeCloseTo(p0, 1);
  await expect(reset(page)).toHaveAttribute("aria-pressed", "true");
});

for (const path of ["/", ARTICLE, "/chuyen-muc/kinh-te"]) {
  test(`200 % text at 320 px reflows without sideways scrolling: ${path}`, async ({ page }) => {
    await withStored(page, "200", null);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(path);
    await expect(page.locator("main h1")).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    // Nothing cut off: no control or heading is narrower than its own text.
    const clipped = await page.evaluate(() =>
      [...document.querySelectorAll("button, h1, h2, .category-nav a, .site-name")]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent.trim()),
    );
    expect(clipped).toEqual([]);
  });
}

for (const level of LEVELS) {
  test(`contrast '${level}' passes axe on the article, home and search pages`, async ({ page }) => {
    await withStored(page, null, level);
    await page.emulateMedia({ reducedMotion: "reduce" });
    const searched = (p) => expect(p.locator(".search__results mark").first()).toBeVisible();
    for (const [path, ready] of [
      [ARTICLE, articleLoaded],
      ["/", (p) => expect(p.locator(".feed .card")).toHaveCount(5)],
      ["/tim-kiem?q=che+shan+tuyet", searched],
    ]) {
      await page.goto(path);
      await ready(page);
      await expect(page.locator("html")).toHaveAttribute("data-contrast", level);
      expect(await axe(page), `${level} ${path}`).toEqual([]);
      if (level === "high" || level === "maximum") {
        expect(await axe(page, ["wcag2aaa"]), `${level} ${path} AAA`).toEqual([]);
      }
    }
  });
}

test("contrast steps through every level and stops at both ends", async ({ page }) => {
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-contrast", "normal");
  await moreContrast(page).click();
  await expect(html).toHaveAttribute("data-contrast", "high");
  await expect(status(page)).toHaveText("Độ tương phản: cao");
  await moreContrast(page).click();
  await expect(html).toHaveAttribute("data-contrast", "maximum");
  await expect(moreContrast(page)).toHaveAttribute("aria-disabled", "true");
  await moreContrast(page).click({ force: true });
  await expect(status(page)).toHaveText("Độ tương phản đã cao nhất: tối đa");
  for (const level of ["high", "normal", "soft"]) {
    await lessContrast(page).click();
    await expect(html).toHaveAttribute("data-contrast", level);
  }
  await expect(lessContrast(page)).toHaveAttribute("aria-disabled", "true");
  // Photos keep their colours: no filter anywhere.
  const filters = await page.evaluate(() =>
    [...document.querySelectorAll("*")].map((el) => getComputedStyle(el).filter).filter((f) => f !== "none"),
  );
  expect(filters).toEqual([]);
});

test("choices survive a reload and apply before the wasm runs", async ({ page }) => {
  await page.goto("/");
  await bigger(page).click();
  await bigger(page).click();
  await moreContrast(page).click();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "125");
  await expect(page.locator("html")).toHaveAttribute("data-contrast", "high");
  await expect(smaller(page)).not.toHaveAttribute("aria-disabled", "true");
  // With the wasm held back, only the pre-paint script can have applied them.
  await page.route("**/*.wasm", () => {});
  await page.reload({ waitUntil: "domcontentloaded" });
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "125");
  await expect(page.locator("html")).toHaveAttribute("data-contrast", "high");
  // The pre-rendered toolbar shows them too.
  await expect(smaller(page)).not.toHaveAttribute("aria-disabled", "true");
  await expect(reset(page)).toHaveAttribute("aria-pressed", "false");
  // The page is the pre-rendered one: the app has not taken it over.
  await expect(page.locator("#app[data-prerendered]")).toHaveCount(1);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("20px");
  expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe("rgb(0, 0, 0)");
});

test("garbage in storage is ignored", async ({ page }) => {
  await withStored(page, "9000", "neon");
  await page.goto("/");
  await expect(toolbar(page)).toBeVisible();
  await expect(page.locator("html")).not.toHaveAttribute("data-text-size", "9000");
  await expect(page.locator("html")).toHaveAttribute("data-contrast", "normal");
  await expect(reset(page)).toHaveAttribute("aria-pressed", "true");
});

test("without storage the toolbar still works for the visit", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("denied", "SecurityError");
      },
    });
  });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await bigger(page).click();
  await moreContrast(page).click();
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "112.5");
  await expect(page.locator("html")).toHaveAttribute("data-contrast", "high");
});

test("a system asking for more contrast starts at high", async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-contrast", value: "more" }] });
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-contrast", "high");
  await expect(moreContrast(page)).toBeEnabled();
  expect(await axe(page, ["wcag2aaa"])).toEqual([]);
});

test("forced colours (Windows High Contrast) yield to the system palette", async ({ page }) => {
  await page.emulateMedia({ forcedColors: "active" });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const styles = await page.evaluate(() => {
    const button = document.querySelector(".a11y-bar__button:not([aria-disabled])");
    return {
      forced: matchMedia("(forced-colors: active)").matches,
      border: getComputedStyle(button).borderTopStyle,
      adjust: getComputedStyle(document.body).forcedColorAdjust,
    };
  });
  expect(styles).toEqual({ forced: true, border: "solid", adjust: "auto" });
  expect(await axe(page)).toEqual([]);
});

test("a dark system gets a dark palette that still meets AA", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark", reducedMotion: "reduce" });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(18, 20, 23)");
  expect(await axe(page)).toEqual([]);
});

test("the toolbar works by keyboard alone, first after the skip link", async ({ page }) => {
  await page.goto(ARTICLE);
  await articleLoaded(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Chuyển đến nội dung chính" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(smaller(page)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(reset(page)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(bigger(page)).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Space");
  await expect(page.locator("html")).toHaveAttribute("data-text-size", "125");
  await expect(bigger(page)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(lessContrast(page)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(moreContrast(page)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("html")).toHaveAttribute("data-contrast", "high");
  // The focus indicator is visible: an outline of at least 2 px.
  const outline = await moreContrast(page).evaluate((el) => parseFloat(getComputedStyle(el).outlineWidth));
  expect(outline).toBeGreaterThanOrEqual(2);
  await page.keyboard.press("Tab");
  await expect(lessSpacing(page)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(moreSpacing(page)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.locator("html")).toHaveAttribute("data-text-spacing", "wide");
});

test("text spacing overrides (WCAG 1.4.12) cut nothing off", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(ARTICLE);
  await articleLoaded(page);
  // As a reader's user style or extension would (neither is bound by the
  // page's policy); here a style sheet from the page's own origin, which the
  // policy allows, since an inline one would be refused.
  await page.route("**/__text-spacing.css", (route) =>
    route.fulfill({
      contentType: "text/css",
      body: `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
             p { margin-bottom: 2em !important; }`,
    }),
  );
  await page.addStyleTag({ url: "/__text-spacing.css" });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll("button, a, h1, h2, p, figcaption, li")]
      .filter((el) => el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflow !== "visible")
      .map((el) => el.textContent.trim().slice(0, 40)),
  );
  expect(clipped).toEqual([]);
});

test("every control is at least 24 by 24 px", async ({ page }) => {
  await page.goto(ARTICLE);
  await articleLoaded(page);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll("button, .category-nav a, .widget a, .skip-link")]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ text: el.textContent.trim(), box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ text }) => text),
  );
  expect(small).toEqual([]);
});
