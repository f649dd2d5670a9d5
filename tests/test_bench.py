"""The benchmark's query timer runs and checks itself against bare sqlite3."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import BENCHMARKS

pytestmark = pytest.mark.slow  # the benchmarks, run small: the slow tier


def test_query_benchmark_on_the_seeds(seeded: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    from ledger_bench import bench_query

    q = bench_query(seeded, "Putin", repeat=1, processes=1)
    assert q["rows"] == 3  # Putin's three claims in the seeds, the same rows bare sqlite3 gets
    assert q["query_ms"] > 0 and q["ratio"] > 0  # bare sqlite3 on 3 rows rounds to 0 ms
    assert q["cli_process_ms"] > 0 and q["python_and_import_ms"] > 0


def test_ingest_and_memory_benchmarks_run_on_a_small_corpus(tmp_path: Path) -> None:
    """The ingest bench brackets ingest between raw runs and reports ratios and density;
    the memory bench samples a fresh process as articles go in."""
    sys.path.insert(0, str(BENCHMARKS))
    from corpus import make_corpus
    from ingest_bench import bench_ingest, bench_memory

    from summitledger.settings import Settings

    folder = tmp_path / "c"
    folder.mkdir()
    for name, text in make_corpus(4, 3, (6, 8), claim_share=0.3):
        (folder / name).write_text(text, "utf-8")
    i = bench_ingest(folder, tmp_path, Settings.from_env(), 1, "small")
    assert i["articles"] == 4 and len(i["rounds"]) == 1 and len(i["rounds"][0]["raw_s"]) == 3
    assert i["ratio"] > 0 and i["ratio_jobs2"] > 0
    assert 0 < i["claims"] < i["sentences"] and i["claims_per_100_sentences"] > 0
    m = bench_memory(folder, tmp_path, every=2)
    assert [k["articles"] for k in m["marks"]] == [2, 4, "after reconcile"]
    assert all(k["peak_mib"] >= k["rss_mib"] > 50 for k in m["marks"])  # spaCy alone is more
