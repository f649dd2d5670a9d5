"""The HTML report's filters over the grid and the coverage chart, the chart's statement
labels and a contradiction's two-sided headline, in real headless Chromium (see
test_report_browser.py); and ``report --open`` with a fake browser (BROWSER)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from summitledger.ingest.run import ingest
from summitledger.report import html as htmlreport
from summitledger.settings import Settings
from summitledger.store.engine import open_ledger

from .conftest import SEEDS
from .test_report_browser import CHROMIUM, _chromium

CASES = Path(__file__).resolve().parent / "reconcile"
chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
pytestmark = pytest.mark.slow  # a browser: the slow tier


@pytest.fixture(scope="module")
def contradiction(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and two outlets giving the Kremlin's talks different lengths: the
    report of that ledger."""
    folder = tmp_path_factory.mktemp("contradiction")
    db = folder / "l.db"
    ingest([SEEDS, CASES / "number_contradicts"], Settings(db=db))
    engine = open_ledger(db, readonly=True)
    try:
        page = htmlreport.build(engine, title="Talks")
    finally:
        engine.dispose()
    out = folder / "report.html"
    out.write_text(page, "utf-8")
    return out


@pytest.fixture
def report_file(cli, seeded: Path, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    assert cli("report", "-o", out).exit_code == 0
    return out


def _dom(tmp: Path, report: Path, hash_: str = "") -> str:
    return _chromium(tmp, "--dump-dom", report.as_uri() + hash_)


def _grid(dom: str) -> dict[str, list[str]]:
    """Visible grid rows: actor -> the text of each of its cells."""
    out = {}
    for tr in re.findall(r"<tr data-actor=.*?</tr>", dom, re.S):
        head = tr[:tr.index(">")]
        if re.search(r'class="[^"]*hidden', head):
            continue
        actor = re.search(r'data-actor="([^"]+)"', head).group(1)  # type: ignore[union-attr]
        out[actor] = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
    return out


def _rows(dom: str) -> list[tuple[str, str, str]]:
    """Visible coverage rows, top to bottom: (transform, status, label text)."""
    svg = dom[dom.index('<svg id="coverage"'):dom.index("</svg>", dom.index('<svg id="coverage"'))]
    out = []
    for g in re.findall(r'<g class="row[^"]*"[^>]*>.*?</g>', svg, re.S):
        head = g[:g.index(">")]
        if "hidden" in re.search(r'class="([^"]*)"', head).group(1) or "data-extra" in head:  # type: ignore[union-attr]
            continue
        label = re.search(r'<text class="row-label"[^>]*>(.*?)</text>', g, re.S).group(1)  # type: ignore[union-attr]
        out.append((re.search(r'transform="([^"]+)"', head).group(1),  # type: ignore[union-attr]
                    re.search(r'data-status="([^"]+)"', head).group(1), label))  # type: ignore[union-attr]
    return out


def _bar_counts(dom: str) -> list[str]:
    return re.findall(r'<text class="bar-count"[^>]*>([^<]*)</text>', dom)


@chromium
def test_the_status_filter_filters_the_actor_grid(report_file: Path, tmp_path: Path) -> None:
    everyone = _grid(_dom(tmp_path, report_file))
    assert len(everyone) == 7 and "1● 1■" in everyone["Vladimir Putin"]
    grid = _grid(_dom(tmp_path, report_file, "#status=corroborated"))
    # only actors with a corroborated claim, each cell counting those alone
    assert sorted(grid) == ["US officials", "Vladimir Putin"]
    assert grid["Vladimir Putin"] == ["1●", "1●"]  # was "1● 1■" and "1●"
    cells = {c for row in grid.values() for c in row}
    assert cells <= {"1●", "·"} and "■" not in "".join(cells)
    single = _grid(_dom(tmp_path, report_file, "#status=single-source"))
    assert "Jake Sullivan" in single and all("●" not in c for r in single.values() for c in r)


@chromium
def test_the_filters_filter_the_coverage_chart_and_recount_its_bars(report_file: Path, tmp_path: Path) -> None:
    rows = _rows(_dom(tmp_path, report_file))
    assert len(rows) == 14
    dom = _dom(tmp_path, report_file, "#status=corroborated")
    rows = _rows(dom)
    # two rows left, closed up to the top of the chart
    assert [(t, s) for t, s, _ in rows] == [("translate(0,0)", "corroborated"),
                                           ("translate(0,16)", "corroborated")]
    assert "2 corroborated, 0 only here, 0 contradicted" in _bar_counts(dom)
    assert all("only here" in c and not c.startswith(("3", "9")) for c in _bar_counts(dom))
    height = int(re.search(r'<svg id="coverage"[^>]*height="(\d+)"', dom).group(1))  # type: ignore[union-attr]
    full = int(re.search(r'<svg id="coverage"[^>]*height="(\d+)"',  # type: ignore[union-attr]
                         _dom(tmp_path, report_file)).group(1))
    assert height == full - 12 * 16  # twelve rows fewer
    sullivan = _rows(_dom(tmp_path, report_file, "#actor=Jake%20Sullivan"))
    assert len(sullivan) == 1 and "Jake Sullivan:" in sullivan[0][2]


@chromium
def test_the_chart_rows_carry_their_statement(report_file: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    import json

    dom = _dom(tmp_path, report_file)
    svg = dom[dom.index('<svg id="coverage"'):]
    labels = re.findall(r'<text class="row-label"[^>]*><title>([^<]*)</title>([^<]*)</text>', svg)
    assert len(labels) == 14
    for full, shown in labels:
        number = int(re.match(r"#(\d+) ", full).group(1))  # type: ignore[union-attr]
        group = json.loads(cli("show", number, "-f", "json").stdout)
        statement = group["statement"].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert full == f"#{number} {group['actor']}: {statement}"  # in full on hover
        assert shown == full or (shown.endswith("…") and full.startswith(shown[:-1]))
    assert any(shown.endswith("…") for _, shown in labels)  # long ones are shortened


@chromium
def test_a_contradicted_statement_shows_both_sides(contradiction: Path, tmp_path: Path) -> None:
    dom = _dom(tmp_path, contradiction, "#status=contradicted")
    card = re.search(r'<article class="group status-contradicted.*?</article>', dom, re.S).group(0)  # type: ignore[union-attr]
    head = re.search(r'<p class="statement contradiction">(.*?)</p>', card, re.S).group(1)  # type: ignore[union-attr]
    shown = re.sub(r"<[^>]+>", "", head)
    assert "Daily Planet: said the two leaders held two-hour talks at the spaceport" in shown
    assert "Evening Star: said the two leaders held five-hour talks at the spaceport" in shown
    assert shown.index("Daily Planet") < shown.index("versus") < shown.index("Evening Star")
    assert re.findall(r'<mark class="contra">([^<]+)</mark>', head) == ["two-hour", "five-hour"]
    # the filters reach grid and chart here too: the Kremlin's two contradicted claims
    assert list(_grid(dom)) == ["Kremlin"]
    assert [s for _, s, _ in _rows(dom)] == ["contradicted"]
    shot = tmp_path / "contradiction.png"
    _chromium(tmp_path, "--window-size=1200,1600", f"--screenshot={shot}", contradiction.as_uri())
    assert shot.stat().st_size > 10_000


def test_report_open_hands_the_file_to_the_browser(seeded: Path, tmp_path: Path) -> None:
    """BROWSER names a fake browser that records what it was asked to open; the real
    CLI runs in a subprocess (webbrowser reads BROWSER once per process)."""
    opened = tmp_path / "opened.txt"
    fake = tmp_path / "fake-browser"
    fake.write_text(f"#!{sys.executable}\nimport sys\n"
                    f"open({str(opened)!r}, 'a').write(sys.argv[1] + '\\n')\n", "utf-8")
    fake.chmod(0o755)
    out = tmp_path / "report.html"
    env = {**os.environ, "BROWSER": str(fake), "SUMMITLEDGER_DB": str(seeded)}
    run = subprocess.run([sys.executable, "-m", "summitledger", "report", "-o", str(out), "--open"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert out.is_file() and opened.read_text("utf-8").splitlines() == [out.resolve().as_uri()]
    env["BROWSER"] = shutil.which("false") or "/bin/false"  # a browser that fails
    run = subprocess.run([sys.executable, "-m", "summitledger", "report", "-o", str(out), "--open"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0 and "Warning: no web browser could be opened" in run.stderr


def test_report_open_needs_a_file(cli, seeded: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("report", "-o", "-", "--open")
    assert r.exit_code == 2 and "--open needs a file" in r.output
