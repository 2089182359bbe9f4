"""The dashboard's browser test: headless Chromium (the Debian package) opens the built page
offline, and the check fails on any page error or console error, or on a plot that did not
render (no Plotly SVG with drawn marks in its section); it saves a screenshot beside the page.

python -m lead_scoring_tools.dashboard.browser_check [--page target/dashboard/index.html]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Marks Plotly draws: every trace's group of points (bars, funnel stages, markers) holds SVG
# paths with coordinates; an empty plot has the group without a drawn path.
MARKS = re.compile(r'class="points">(?:(?!</g></g>).){0,400}?d="M\s*[0-9.-]', re.S)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium: apt-get install -y chromium (make test-dashboard installs it when it can)")


def run_chromium(page: Path, *flags: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="dashboard_chromium_") as profile:
        return subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
             # Offline: any request leaving the file is refused.
             "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=15000", *flags, page.as_uri()],
            capture_output=True, text=True, timeout=180)


def sections(dom: str) -> dict[str, str]:
    """The HTML of each plot section by its data-plot key."""
    parts = re.split(r'<section class="panel" data-plot="', dom)[1:]
    return {part.split('"', 1)[0]: part.split("</section>", 1)[0] for part in parts}


def check(page: Path, screenshot: Path) -> list[str]:
    problems = []
    expected = [p["key"] for p in json.loads((page.parent / "panels.json").read_text()) if p["drawn"]]
    result = run_chromium(page, "--dump-dom")
    dom = result.stdout
    if not dom.strip():
        return [f"Chromium returned no page (exit {result.returncode}): {result.stderr[-2000:]}"]
    errors = re.search(r'data-page-errors="([^"]*)"', dom)
    if errors:
        problems.append(f"page errors: {errors.group(1)}")
    for line in result.stderr.splitlines():
        if "CONSOLE" in line and re.search(r"error|uncaught", line, re.IGNORECASE):
            problems.append(f"console: {line.strip()}")
    found = sections(dom)
    for key in expected:
        html = found.get(key)
        if html is None:
            problems.append(f"plot {key}: no section in the page")
        elif 'class="main-svg"' not in html:
            problems.append(f"plot {key}: no Plotly SVG (not rendered)")
        elif not MARKS.search(html):
            problems.append(f"plot {key}: an SVG without marks (empty plot)")
    shot = run_chromium(page, f"--screenshot={screenshot}", "--window-size=1280,4200", "--hide-scrollbars")
    if not screenshot.exists() or screenshot.stat().st_size == 0:
        problems.append(f"no screenshot written: {shot.stderr[-1000:]}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", default=str(PROJECT_DIR / "target" / "dashboard" / "index.html"))
    parser.add_argument("--screenshot", default=str(PROJECT_DIR / "target" / "dashboard" / "screenshot.png"))
    args = parser.parse_args(argv)
    page, screenshot = Path(args.page).resolve(), Path(args.screenshot).resolve()
    if screenshot.exists():
        screenshot.unlink()
    problems = check(page, screenshot)
    for problem in problems:
        print(f"dashboard: {problem}", file=sys.stderr)
    if not problems:
        print(f"dashboard: every plot rendered, no page or console error; screenshot {screenshot}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
