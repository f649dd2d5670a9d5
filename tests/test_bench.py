"""The benchmark's query timer runs and checks itself against bare sqlite3."""

from __future__ import annotations

import sys
from pathlib import Path

from .conftest import BENCHMARKS


def test_query_benchmark_on_the_seeds(seeded: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    from bench import bench_query

    q = bench_query(seeded, "Putin", repeat=1, processes=1)
    assert q["rows"] == 3  # Putin's three claims in the seeds, the same rows bare sqlite3 gets
    assert q["query_ms"] > 0 and q["ratio"] > 0  # bare sqlite3 on 3 rows rounds to 0 ms
    assert q["cli_process_ms"] > 0 and q["python_and_import_ms"] > 0
