#!/usr/bin/env bash
# Does the built folder work on a machine that has never seen Python? `packaging/smoke_test.sh [dist/nianbao]`
# Runs the bundled executable in an empty environment (no Python on PATH, no PYTHONPATH, a fresh HOME):
# `--version`, `check` on the sample (exit 0 or 1), `export --pdf` (a PDF whose fonts are all embedded), `import` of
# a report in every format that needs no LibreOffice (packaging/capability_inputs.py writes them with the developer's
# Python; PDF is the export just made), `summarize` of them all into an Excel file (imports in worker processes), and
# the editor window offscreen for a few seconds (still running, no traceback). Exits non-zero on the first failure.
set -uo pipefail
cd "$(dirname "$0")/.."
FOLDER="${1:-dist/nianbao}"
NAME="$(basename "$FOLDER")"
EXECUTABLE="$(cd "$FOLDER" && pwd)/$NAME"
[ -x "$EXECUTABLE" ] || EXECUTABLE="$EXECUTABLE.exe"
SAMPLE="$(pwd)/resources/sample_report.json"
WINDOW_SECONDS=8
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

fail() { echo "smoke test FAILED: $1" >&2; exit 1; }

# a PATH with the system tools but no python: prove the folder does not need one
mkdir -p "$SCRATCH/bin" "$SCRATCH/home"
for tool in sh env timeout; do ln -s "$(command -v $tool)" "$SCRATCH/bin/$tool"; done
clean() { (cd "$SCRATCH" && env -i PATH="$SCRATCH/bin" HOME="$SCRATCH/home" LANG=C.UTF-8 "$@"); }
clean sh -c 'command -v python3 || command -v python' >/dev/null && fail "python is on the clean PATH"

started=$(date +%s.%N)
clean "$EXECUTABLE" check "$SAMPLE" >"$SCRATCH/check.out" 2>"$SCRATCH/check.err"
status=$?
finished=$(date +%s.%N)
[ $status -le 1 ] || { cat "$SCRATCH/check.err" >&2; fail "check exited $status"; }
grep -q "个错误" "$SCRATCH/check.out" || fail "check printed no summary line"
echo "check: exit $status, $(head -1 "$SCRATCH/check.out") ($(awk "BEGIN { printf \"%.1f\", $finished - $started }") s)"

clean "$EXECUTABLE" export "$SAMPLE" --pdf "$SCRATCH/out.pdf" --docx "$SCRATCH/out.docx" 2>"$SCRATCH/export.err"
status=$?
[ $status -le 1 ] || { cat "$SCRATCH/export.err" >&2; fail "export exited $status"; }
pdffonts "$SCRATCH/out.pdf" >"$SCRATCH/fonts.txt" || fail "export wrote no readable PDF"
fonts=$(tail -n +3 "$SCRATCH/fonts.txt" | wc -l)
[ "$fonts" -gt 0 ] || fail "the PDF names no fonts"
awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' "$SCRATCH/fonts.txt" \
    || { cat "$SCRATCH/fonts.txt" >&2; fail "a font in the PDF is not embedded"; }
[ -s "$SCRATCH/out.docx" ] || fail "export wrote no Word file"
echo "export: exit $status, PDF with $fonts embedded fonts, Word file $(stat -c %s "$SCRATCH/out.docx") bytes"

version=$(clean "$EXECUTABLE" --version) || fail "--version exited non-zero"
echo "$version" | grep -qE ' [0-9]+\.[0-9]+' || fail "--version printed no version: $version"
echo "version: $version"

python3 packaging/capability_inputs.py "$SCRATCH/inputs" >/dev/null || fail "could not write the import inputs"
cp "$SCRATCH/out.pdf" "$SCRATCH/inputs/exported.pdf"
imported=""
for input in "$SCRATCH"/inputs/*; do
    case "$input" in *.nianbao|*.json) continue ;; esac  # our own file is opened, not imported
    clean "$EXECUTABLE" import "$input" -o "$SCRATCH/imported.nianbao" >"$SCRATCH/import.out" 2>"$SCRATCH/import.err"
    status=$?
    [ $status -eq 0 ] || [ $status -eq 3 ] || { cat "$SCRATCH/import.err" >&2; fail "import of $(basename "$input") exited $status"; }
    grep -q "^200 个单元格：" "$SCRATCH/import.out" || fail "import of $(basename "$input") printed no cell count"
    imported="$imported ${input##*.}"
done
echo "import: read every cell count from$imported"

clean "$EXECUTABLE" summarize "$SCRATCH/inputs" -o "$SCRATCH/summary.nianbao" --xlsx "$SCRATCH/summary.xlsx" \
    >"$SCRATCH/summary.out" 2>"$SCRATCH/summary.err"
status=$?
[ $status -le 1 ] || { cat "$SCRATCH/summary.err" >&2; fail "summarize exited $status"; }
[ -s "$SCRATCH/summary.xlsx" ] && [ -s "$SCRATCH/summary.nianbao" ] || fail "summarize wrote no summary"
echo "summarize: exit $status, $(grep -c '^\[' "$SCRATCH/summary.out") units listed, Excel $(stat -c %s "$SCRATCH/summary.xlsx") bytes"

clean QT_QPA_PLATFORM=offscreen timeout "$WINDOW_SECONDS" "$EXECUTABLE" >"$SCRATCH/window.out" 2>"$SCRATCH/window.err"
status=$?
grep -q "Traceback" "$SCRATCH/window.err" && { cat "$SCRATCH/window.err" >&2; fail "the editor raised an exception"; }
[ $status -eq 124 ] || { cat "$SCRATCH/window.err" >&2; fail "the editor exited by itself (status $status) within ${WINDOW_SECONDS} s"; }
echo "editor: window open offscreen for ${WINDOW_SECONDS} s, no traceback"
echo "smoke test passed: $EXECUTABLE"
