"""The HTML report in a real headless Chromium (Debian's package, installed by .ci/run).

The matrix and groups render; a filter set from the address hides what it should;
a screenshot is kept under the test's temporary folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI must have Debian's chromium for the report tests (.ci/run installs it)",
                pytrace=False)
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
              pytest.mark.slow]  # a browser: the slow tier


def _chromium(tmp: Path, *args: str) -> str:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    out = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],  # type: ignore[list-item]
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


@pytest.fixture
def report_file(cli, seeded: Path, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    assert cli("report", "-o", out, "--title", "Kim Jong Un meets Vladimir Putin").exit_code == 0
    return out


def _visible_groups(dom: str) -> list[str]:
    tags = re.findall(r"<article [^>]*>", dom)
    return [re.search(r'data-status="([^"]+)"', t).group(1)  # type: ignore[union-attr]
            for t in tags if "hidden" not in re.search(r'class="([^"]*)"', t).group(1).split()]  # type: ignore[union-attr]


def test_report_renders_and_filters_in_chromium(report_file: Path, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri())
    assert 'id="matrix"' in dom and "Vladimir Putin" in dom
    assert len(_visible_groups(dom)) == 14
    assert "14 of 14 statements shown" in dom  # the script ran
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri() + "#status=corroborated")
    assert _visible_groups(dom) == ["corroborated", "corroborated"]
    assert "2 of 14 statements shown" in dom
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri() + "#actor=Jake%20Sullivan")
    assert len(_visible_groups(dom)) == 1
    rows = [tag for tag in re.findall(r"<tr [^>]*>", dom) if "data-actor" in tag]
    shown = [re.search(r'data-actor="([^"]+)"', t).group(1)  # type: ignore[union-attr]
             for t in rows if 'class="hidden"' not in t]
    assert len(rows) == 7 and shown == ["Jake Sullivan"]


@pytest.mark.parametrize("width,height", [(1200, 1600), (390, 1600)])
def test_report_screenshot(report_file: Path, tmp_path: Path, width: int, height: int) -> None:
    shot = tmp_path / f"report-{width}.png"
    _chromium(tmp_path, f"--window-size={width},{height}", f"--screenshot={shot}", report_file.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    keep = os.environ.get("SUMMITLEDGER_ARTIFACTS")
    if keep:  # CI keeps the screenshots as artifacts
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)


def test_article_text_cannot_script_the_report(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Markup in a quotation, a speaker's name and an outlet is shown as text: nothing
    from an article runs in the reader's browser."""
    import json

    folder = tmp_path / "in"
    folder.mkdir()
    attack = "<img src=x onerror=\"document.body.dataset.pwned='1'\">"
    (folder / "a.txt").write_text(
        f'"The vote was rigged {attack} <script>document.body.dataset.pwned=\'2\'</script>," '
        "Police said.\n", "utf-8")
    (folder / "manifest.json").write_text(json.dumps(
        {"a.txt": {"outlet": "<script>document.body.dataset.pwned='3'</script>Times",
                   "url": "javascript:document.body.dataset.pwned='4'"}}), "utf-8")
    db, out = tmp_path / "l.db", tmp_path / "report.html"
    assert cli("ingest", folder, "--db", db).exit_code == 0
    assert cli("report", "-o", out, "--db", db).exit_code == 0
    dom = _chromium(tmp_path, "--dump-dom", out.as_uri())
    assert "data-pwned" not in dom
    assert "&lt;script&gt;" in dom and "javascript:" not in dom


def test_statements_come_in_the_order_a_reader_asks(report_file: Path, tmp_path: Path) -> None:
    """Contradicted first, then corroborated (most independent sources first), then
    single-source: the few that matter are not buried."""
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri())
    order = [re.search(r'data-status="([^"]+)"', t).group(1)  # type: ignore[union-attr]
             for t in re.findall(r"<article [^>]*>", dom)]
    rank = {"contradicted": 0, "corroborated": 1, "single-source": 2}
    assert order and [rank[s] for s in order] == sorted(rank[s] for s in order)
    assert order[0] == "corroborated"  # the seeds hold no contradiction: two corroborated lead


def test_the_reader_can_re_sort_the_statements(report_file: Path, tmp_path: Path) -> None:
    """The sort box (also set from the address) reorders the cards in the page."""
    def groups(dom: str, attr: str) -> list[str]:
        return [re.search(rf'{attr}="([^"]*)"', t).group(1)  # type: ignore[union-attr]
                for t in re.findall(r"<article [^>]*>", dom)]

    by_number = groups(_chromium(tmp_path, "--dump-dom", report_file.as_uri() + "#sort=group"),
                       "data-group")
    assert [int(g) for g in by_number] == sorted(int(g) for g in by_number)
    default = groups(_chromium(tmp_path, "--dump-dom", report_file.as_uri()), "data-group")
    assert default != by_number and sorted(default) == sorted(by_number)
    by_actor = groups(_chromium(tmp_path, "--dump-dom", report_file.as_uri() + "#sort=actor"),
                      "data-actor")
    assert by_actor == sorted(by_actor, key=str.lower)


def test_an_unnamed_outlet_is_not_shown_as_a_bare_file_name(report_file: Path, tmp_path: Path) -> None:
    """The second seed names no outlet: it is shown by its stem, marked as not named."""
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri())
    shown = re.sub(r"<[^>]+>", " ", dom[dom.index("<body"):])  # what a reader sees
    assert "003_5de13dea81f391c1 (outlet not named)" in shown
    assert not re.search(r"003_5de13dea81f391c1(?! \(outlet not named\))", shown)


def test_the_coverage_view_shows_each_outlets_statements_by_shape(report_file: Path, tmp_path: Path) -> None:
    """Inline SVG: a mark per statement and outlet carrying it, its status told by shape
    as well as colour, and per outlet a bar with its counts written out."""
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri())
    svg = dom[dom.index('<svg id="coverage"'):dom.index("</svg>", dom.index('<svg id="coverage"'))]
    circles = svg.count('<circle class="mark" data-status="corroborated"')
    squares = svg.count('<rect class="mark" data-status="single-source"')
    assert circles == 4 and squares == 12  # 2 corroborated statements x 2 outlets; 12 alone
    assert "2 corroborated, 9 only here, 0 contradicted" in svg  # The Economist's bar
    assert "2 corroborated, 3 only here, 0 contradicted" in svg  # the second seed's
    shot = tmp_path / "coverage.png"
    _chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", report_file.as_uri())
    assert shot.stat().st_size > 10_000


def test_the_grid_never_tells_status_by_colour_alone(report_file: Path, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", report_file.as_uri() + "#actor=Vladimir%20Putin")
    rows = re.findall(r'<tr data-actor="([^"]+)"[^>]*class="([^"]*)"|<tr data-actor="([^"]+)"', dom)
    assert "1● 1■" in dom  # Putin in the second seed: one corroborated, one single-source
    shown = [m[0] or m[2] for m in rows if "hidden" not in (m[1] or "")]
    assert shown == ["Vladimir Putin"]  # the grid follows the filters


@pytest.fixture(scope="module")
def event_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a made-up development event with figures of every kind."""
    from typer.testing import CliRunner

    from summitledger.cli.main import app

    from .conftest import EVAL

    tmp = tmp_path_factory.mktemp("event-report")
    db, out = tmp / "bridge.db", tmp / "bridge.html"
    runner = CliRunner()
    articles = EVAL / "events" / "harbour-bridge-collapse" / "articles"
    assert runner.invoke(app, ["ingest", str(articles), "--db", str(db)]).exit_code == 0
    r = runner.invoke(app, ["report", "-o", str(out), "--db", str(db), "--title",
                            "Swing bridge falls into Vessmouth harbour"])
    assert r.exit_code == 0, r.output
    return out


def test_the_figures_section_draws_a_step_chart_per_quantity(event_report: Path, tmp_path: Path) -> None:
    """One inline SVG per series: a mark per report shaped by its source (never colour
    alone: two sources, two shapes, named in a legend), the disputed range hatched, the
    timeline as a table; the section comes first, since figures are what readers check."""
    dom = _chromium(tmp_path, "--dump-dom", event_report.as_uri())
    section = dom[dom.index('<section id="figures-section"'):dom.index("</section>",
                                                                       dom.index('id="figures-section"'))]
    assert dom.index('id="figures-section"') < dom.index('id="matrix-section"')
    charts = re.findall(r'<svg class="figure-chart"[^>]*data-status="([^"]+)"', section)
    assert len(charts) == 6 and {"disputed", "updated", "single-source"} <= set(charts)
    killed = section[section.index('data-series="people killed"'):]
    killed = killed[:killed.index("</figure>")]
    shapes = re.findall(r'class="report" data-shape="([a-z]+)"', killed.split("figure-legend")[0])
    assert len(shapes) == 4 and len(set(shapes)) == 2  # fire service and mayor: two shapes
    assert 'class="range dispute"' in killed and "Latest:" in killed
    assert killed.count("<tr>") == 5  # the timeline: a header and four reports
    shot = tmp_path / "figures.png"
    _chromium(tmp_path, "--window-size=1100,1250", f"--screenshot={shot}", event_report.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    keep = os.environ.get("SUMMITLEDGER_ARTIFACTS")
    if keep:  # the README's screenshot of the figures section comes from here
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)
