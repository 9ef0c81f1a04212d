#!/usr/bin/env bash
# The NukeViet bridge end to end, as an operator runs it: a throwaway
# MariaDB (scripts/lib/mariadb.sh: a temporary data folder, a socket, stopped
# by the pid it started) with the fixture portal, scripts/refresh-nukeviet
# on a copy of the release build (dist-nukeviet/), the Playwright suite on
# it; then an edit and a take-down in the database, a second refresh, and
# what changed checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/mariadb.sh
work=$(mktemp -d /tmp/nvtest.XXXXXX)
trap 'mariadb_stop; rm -rf "$work"' EXIT
mariadb_start "$work/db"
mariadb_load nv nukeviet/tests/fixtures/schema-4.5.sql nukeviet/tests/fixtures/articles.sql >/dev/null
mariadb_readonly_user nv doc chi-doc
refresh() {
  scripts/refresh-nukeviet dist-nukeviet --db mysql://doc:chi-doc@localhost/nv --socket "$MARIADB_SOCKET" \
    --files nukeviet/tests/fixtures/files --site-url https://laichau.gov.vn/ --now 1717200000 2>"$work/refresh.log"
}
rm -rf dist-nukeviet .dist-nukeviet.next
cp -a dist dist-nukeviet
refresh
grep -c "skipped" "$work/refresh.log" | xargs echo "nukeviet: rows named and skipped:"
(cd tests/e2e && npx playwright test -c playwright.nukeviet.config.mjs)

# A second refresh after an edit and a take-down (two articles on the
# second list page): the edited page changes, the article taken down is
# gone from its page, the lists, the sitemap, the feed, the search index and
# the old addresses; a page that shows neither (another category's article:
# every page embeds the first list page only) is not rewritten.
page=dist-nukeviet/bai-viet/le-hoi-then-kin-pang-nam-2024-23.html
untouched=$(stat -c %i "$page")
gone=duong-len-dinh-pu-ta-leng-69
gone_files=("bai-viet/$gone.html" "api/articles/$gone.json" "vi/news/trong-tinh/$gone.html" "trong-tinh/$gone.html")
listed=(sitemap.xml feed.xml chuyen-muc/trong-tinh.xml _redirects _nginx.conf .htaccess api/articles-2.json search)
# Before: the article is there, and listed, or the checks below prove nothing.
for file in "${gone_files[@]}"; do test -e "dist-nukeviet/$file" || { echo "nukeviet: $file missing before the take-down" >&2; exit 1; }; done
for file in "${listed[@]}"; do test -e "dist-nukeviet/$file" || { echo "nukeviet: $file missing" >&2; exit 1; }; done
grep -rlq "$gone" dist-nukeviet/sitemap.xml dist-nukeviet/_redirects dist-nukeviet/api/articles-2.json dist-nukeviet/search
mariadb_root nv -e "UPDATE nv4_vi_news_rows SET title = 'Giá chè búp tươi tăng mạnh (cập nhật)', edittime = edittime + 60 WHERE id = 62;
  UPDATE nv4_vi_news_rows SET status = 0 WHERE id = 69;"
refresh
grep -q "Giá chè búp tươi tăng mạnh (cập nhật)" dist-nukeviet/bai-viet/gia-che-bup-tuoi-tang-manh-62.html
for file in "${gone_files[@]}"; do
  if [ -e "dist-nukeviet/$file" ]; then echo "nukeviet: $file is still there after the take-down" >&2; exit 1; fi
done
if (cd dist-nukeviet && grep -rlq "$gone" "${listed[@]}" chuyen-muc/*.xml api/articles*.json); then
  echo "nukeviet: $gone is still listed after the take-down" >&2
  exit 1
fi
if [ "$(stat -c %i "$page")" != "$untouched" ]; then
  echo "nukeviet: $page was rewritten though nothing of it changed" >&2
  exit 1
fi
# A database that cannot be reached leaves the live site as it was.
before=$(find dist-nukeviet -type f -print0 | sort -z | xargs -0 md5sum | md5sum)
if scripts/refresh-nukeviet dist-nukeviet --db mysql://doc:wrong@localhost/nv --socket "$MARIADB_SOCKET" \
    --files nukeviet/tests/fixtures/files --site-url https://laichau.gov.vn/ 2>"$work/down.log"; then
  echo "nukeviet: a refresh without its database succeeded" >&2
  exit 1
fi
if [ "$(find dist-nukeviet -type f -print0 | sort -z | xargs -0 md5sum | md5sum)" != "$before" ] || [ -e .dist-nukeviet.next ]; then
  echo "nukeviet: a refresh without its database changed the live site" >&2
  exit 1
fi
echo "nukeviet: refresh after an edit and a take-down: checked; a refresh without its database changed nothing"
