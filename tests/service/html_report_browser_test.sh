#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium loads the pages `newsalign align
# --format=html` writes and this checks what it rendered.
#
#   html_report_browser_test.sh BUILD/client/newsalign EXAMPLE_DIR OUT_DIR
#
# Two reports: the sample pair as it is, and the same pair with one Arabic sentence dropped and
# one number changed (made here, in a temporary folder), so that an omission row and finding
# badges exist. For each:
#   - the DOM after rendering (--dump-dom) is checked by html_report_dom_check.py against the
#     --format=json output of the same alignment: one row per bead, each row's kind, texts and
#     findings; dir="rtl" on every Arabic cell and around every run of Arabic text; the omission
#     row labelled; no script, no src, no link out of the page;
#   - the browser's console must stay silent: Chromium, run with --enable-logging=stderr --v=0,
#     logs every console message and uncaught exception of the page as a "CONSOLE" line, and
#     any such line is a failure (the page has no script, so it has nothing legitimate to say;
#     its Content-Security-Policy turns any attempt to fetch something into such a message too).
#     The check is proven on every run: a copy of the page with an injected console.error and a
#     ReferenceError, and a copy that tries to load a remote image, must both be caught;
#   - a screenshot (1280x2400) is saved to OUT_DIR, and the edited report is printed to PDF.
# Exits 77 (skipped) only when Chromium is not installed; scripts/install-deps.sh installs it.
# Set CHROMIUM to use another binary.
set -euo pipefail

client_bin=$1
example_dir=$2
out_dir=$3
here=$(cd "$(dirname "$0")" && pwd)

chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z "$chromium" || ! -x "$chromium" ]]; then
  echo "SKIP: chromium is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out_dir" "$work/home"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Runs Chromium headless on a fresh profile, with its own HOME, never for more than 90 s.
# Arguments: Chromium flags then the URL. Its log (stderr) goes to $log.
log=""
browse() {
  log=$(mktemp -p "$work" chromium.XXXXXX.log)
  HOME="$work/home" XDG_CONFIG_HOME="$work/home" XDG_CACHE_HOME="$work/home" \
    timeout -k 5 90 "$chromium" --headless=new --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --no-default-browser-check --disable-background-networking \
    --disable-component-update --disable-sync --disable-extensions --disable-default-apps \
    --mute-audio --hide-scrollbars --user-data-dir="$(mktemp -d -p "$work" profile.XXXXXX)" \
    --enable-logging=stderr --v=0 "$@" 2>"$log"
}

# Prints the console messages and uncaught exceptions Chromium logged ("...:CONSOLE:12] "msg",
# source: file:///... (12)"; older versions write "CONSOLE(12)").
console_messages() {
  grep -E ':CONSOLE[:(]|Uncaught ' "$1" || true
}

file_url() {
  python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).resolve().as_uri())' "$1"
}

# Renders $1 and checks its DOM against the JSON $2 (further arguments go to the checker).
check_dom() {
  local page=$1 json=$2
  shift 2
  local name
  name=$(basename "$page" .html)
  browse --dump-dom "$(file_url "$page")" >"$work/$name.dom.html" \
    || fail "$name: chromium --dump-dom failed (exit $?): $(tail -5 "$log")"
  [[ -s "$work/$name.dom.html" ]] || fail "$name: empty DOM"
  local messages
  messages=$(console_messages "$log")
  [[ -z "$messages" ]] || fail "$name: the browser console is not silent:"$'\n'"$messages"
  python3 "$here/html_report_dom_check.py" "$work/$name.dom.html" "$json" "$@" \
    || fail "$name: the rendered DOM is wrong (above)"
  echo "$name: DOM ok, console silent"
}

# Saves a screenshot of $1 as $2 at the window size $3 (WIDTHxHEIGHT) and checks it is a PNG of
# that size.
screenshot() {
  local page=$1 png=$2 size=$3
  rm -f "$png"
  browse --window-size="${size/x/,}" --screenshot="$png" "$(file_url "$page")" >/dev/null \
    || fail "$page: chromium --screenshot failed: $(tail -5 "$log")"
  python3 - "$png" "$size" <<'EOF' || fail "$png is not a ${size} PNG"
import struct, sys
data = open(sys.argv[1], "rb").read(32)
width, height = struct.unpack(">II", data[16:24])
sys.exit(0 if data[:8] == b"\x89PNG\r\n\x1a\n" and "%dx%d" % (width, height) == sys.argv[2] else 1)
EOF
  echo "screenshot: $png"
}

# 1. The sample pair as it is.
"$client_bin" align --source="$example_dir/fr.txt" --target="$example_dir/ar.txt" \
  --format=html >"$out_dir/sample.html" || fail "align --format=html (exit $?)"
"$client_bin" align --source="$example_dir/fr.txt" --target="$example_dir/ar.txt" \
  --format=json >"$work/sample.json" || fail "align --format=json (exit $?)"
check_dom "$out_dir/sample.html" "$work/sample.json"
# The DOM check is not blind either: a rendered DOM with one Arabic cell's dir="rtl" removed,
# or with one row less, must fail it.
sed -e '0,/<td class="text tgt" lang="ar" dir="rtl"/s//<td class="text tgt" lang="ar"/' \
  "$work/sample.dom.html" >"$work/no-rtl.dom.html"
sed -e '/<tr id="bead-3"/d' "$work/sample.dom.html" >"$work/no-row.dom.html"
for tampered in no-rtl no-row; do
  ! cmp -s "$work/sample.dom.html" "$work/$tampered.dom.html" || fail "cannot tamper ($tampered)"
  if python3 "$here/html_report_dom_check.py" "$work/$tampered.dom.html" "$work/sample.json" \
    >/dev/null; then
    fail "the DOM check passed a tampered DOM ($tampered)"
  fi
done
screenshot "$out_dir/sample.html" "$out_dir/sample.png" 1280x2400

# 2. One Arabic sentence dropped (the one on the 180 peacekeepers killed) and one number
# changed (15 000 soldiers become 25 000).
mkdir -p "$work/edited"
python3 - "$example_dir/ar.txt" "$work/edited/ar.txt" <<'EOF' || fail "cannot edit the sample"
import sys
text = open(sys.argv[1], encoding="utf-8").read()
dropped = ("وبعد تعرضها لانتقادات بسبب افتقارها إلى الفعالية في مواجهة التدهور المستمر في الوضع"
           " الأمني، دفعت البعثة أيضا ثمنا باهظا، مع مقتل أكثر من 180 من قوات حفظ السلام في هجمات،"
           " تعزى بشكل رئيسي إلى الجماعات الجهادية المرتبطة بتنظيم القاعدة أو تنظيم الدولة الإسلامية.")
changed = ("حوالي 15 ألف جندي", "حوالي 25 ألف جندي")
assert text.count(" " + dropped) == 1, "the sentence to drop is not in the sample"
assert text.count(changed[0]) == 1, "the number to change is not in the sample"
text = text.replace(" " + dropped, "").replace(*changed)
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
"$client_bin" align --source="$example_dir/fr.txt" --target="$work/edited/ar.txt" \
  --format=html >"$out_dir/edited.html" || fail "align the edited pair --format=html (exit $?)"
"$client_bin" align --source="$example_dir/fr.txt" --target="$work/edited/ar.txt" \
  --format=json >"$work/edited.json" || fail "align the edited pair --format=json (exit $?)"
check_dom "$out_dir/edited.html" "$work/edited.json" --expect-omission \
  --expect-finding omission --expect-finding number-mismatch
screenshot "$out_dir/edited.html" "$out_dir/edited.png" 1280x2400

# It prints: a PDF with pages.
rm -f "$out_dir/edited.pdf"
browse --no-pdf-header-footer --print-to-pdf="$out_dir/edited.pdf" \
  "$(file_url "$out_dir/edited.html")" >/dev/null || fail "chromium --print-to-pdf failed"
pages=$(grep -a -c -E '/Type ?/Page([^s]|$)' "$out_dir/edited.pdf" || true)
[[ $(head -c 5 "$out_dir/edited.pdf") == "%PDF-" && $pages -ge 2 ]] \
  || fail "the printed report is not a PDF of several pages ($pages)"
echo "print: $out_dir/edited.pdf, $pages pages"

# 3. The console check is not blind. A copy of the page without its Content-Security-Policy and
# with a script that logs an error and calls an undefined function: both must be caught.
sed -e '/http-equiv="Content-Security-Policy"/d' \
  -e 's|</body>|<script>console.error("newsalign-injected-error"); notAFunction();</script></body>|' \
  "$out_dir/sample.html" >"$work/broken-script.html"
grep -q 'newsalign-injected-error' "$work/broken-script.html" || fail "cannot inject the script"
browse --dump-dom "$(file_url "$work/broken-script.html")" >/dev/null || fail "broken-script"
messages=$(console_messages "$log")
grep -q 'newsalign-injected-error' <<<"$messages" \
  || fail "the console check missed an injected console.error; chromium logged: $(cat "$log")"
grep -q 'Uncaught ReferenceError' <<<"$messages" \
  || fail "the console check missed an uncaught ReferenceError; chromium logged: $(cat "$log")"
# And the page as it is, with an image from the network slipped in: the page's own policy
# refuses it (nothing is fetched), and says so on the console.
sed -e 's|</body>|<img src="https://example.invalid/tracker.png" alt=""></body>|' \
  "$out_dir/sample.html" >"$work/remote-image.html"
browse --dump-dom "$(file_url "$work/remote-image.html")" >/dev/null || fail "remote-image"
console_messages "$log" | grep -q 'example.invalid/tracker.png' \
  || fail "a remote image went unnoticed; chromium logged: $(cat "$log")"
echo "console check: catches console.error, uncaught exceptions and remote fetches"

echo "PASS"
