"""make dashboard on the demo warehouse, opened in headless Chromium: every plot it draws is
rendered (a Plotly SVG with marks), the page raises no error, it loads nothing from the
network, and a screenshot is saved to target/dashboard/screenshot.png. The check itself fails
on a page error and on a plot that did not render."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from lead_scoring_tools.dashboard import browser_check, build

PROJECT_DIR = build.PROJECT_DIR


@pytest.fixture(scope="module")
def dashboard(test_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("dashboard") / "index.html"
    panels = build.build(test_db, out)
    return out, panels


def test_every_plot_renders_offline_without_errors(dashboard):
    page, panels = dashboard
    drawn = [p.key for p in panels if p.figure is not None]
    # The demo data has no backtest and one scored day: those two plots say what to run instead.
    assert drawn == ["score_distribution", "mqls_per_week", "funnel", "sla", "top_reasons", "quarantine", "accounts"]
    assert {p.key for p in panels if p.figure is None} == {"conversion_by_band", "movers"}
    html = page.read_text()
    # Every script inline, no stylesheet or image from elsewhere (the browser check also runs
    # with every host name unresolvable).
    assert "<script src=" not in html and not re.search(r'<link[^>]+href="http', html)
    for panel in panels:
        if panel.figure is not None:
            assert panel.how_to_read and f"How to read this: " in html
            layout = panel.figure.layout
            assert layout.xaxis.title.text and layout.yaxis.title.text, panel.key
    screenshot = PROJECT_DIR / "target" / "dashboard" / "screenshot.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    assert browser_check.check(page, screenshot) == []
    assert screenshot.stat().st_size > 50_000
    shutil.copy(page, screenshot.parent / "index.html")
    shutil.copy(page.parent / "panels.json", screenshot.parent / "panels.json")


def test_the_check_fails_on_a_page_error_and_on_an_empty_plot(dashboard, tmp_path):
    page, _ = dashboard
    html = page.read_text()
    broken = tmp_path / "index.html"
    shutil.copy(page.parent / "panels.json", tmp_path / "panels.json")
    # A script error after the plots, and the funnel's figure call removed: nothing drawn there.
    html = html.replace("</body>", "<script>undefinedFunctionOfTheDashboard();</script></body>")
    start = html.index('<section class="panel" data-plot="funnel">')
    end = html.index("</section>", start)
    section = html[start:end]
    html = html[:start] + re.sub(r"Plotly\.newPlot\(", "(function(){})(", section) + html[end:]
    broken.write_text(html)
    problems = browser_check.check(broken, tmp_path / "shot.png")
    assert any("undefinedFunctionOfTheDashboard" in p for p in problems), problems
    assert any(p.startswith("plot funnel:") for p in problems), problems
    assert not any(p.startswith("plot score_distribution:") for p in problems), problems
    assert json.loads((tmp_path / "panels.json").read_text())
