"""Ingest time of this working tree against an earlier commit, alternately, in one run.

    python benchmarks/ab_ingest.py 38eb47d --rounds 3

Both versions ingest the benchmark corpus (200 articles, seed 7) into a new ledger in
a fresh process each, with the spaCy pipeline loaded before the clock starts; the
runs alternate (old, new, old, new, ...) so the machine's drift touches both alike. The
earlier commit is checked out with ``git worktree`` into a temporary folder and
imported from there (same virtual environment, same packages).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TIMER = """
import sys, time
from pathlib import Path
try:  # the stage-package layout
    from summitledger.ingest.run import ingest
    from summitledger.nlp.pipeline import load_pipeline
except ImportError:  # the flat layout of earlier commits
    from summitledger.ingest import ingest
    from summitledger.nlp import load_pipeline
from summitledger.settings import Settings
settings = Settings(db=Path(sys.argv[2]))
load_pipeline(settings.model)
t = time.perf_counter()
ingest([Path(sys.argv[1])], settings)
print(time.perf_counter() - t)
"""


def _run(src: Path, corpus: Path, db: Path) -> float:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    out = subprocess.run([sys.executable, "-c", TIMER, str(corpus), str(db)], check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(src),
                                                              "PATH": "/usr/bin:/bin"})
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev", help="the earlier commit to compare with")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--articles", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        for name, text in make_corpus(args.articles, 7):
            (corpus / name).write_text(text, "utf-8")
        old = work / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.rev],
                       check=True, capture_output=True)
        try:
            times: dict[str, list[float]] = {"old": [], "new": []}
            for n in range(args.rounds):
                for which, src in (("old", old / "src"), ("new", ROOT / "src")):
                    times[which].append(_run(src, corpus, work / f"{which}.db"))
                print(f"round {n + 1}: {args.rev} {times['old'][-1]:.2f} s | "
                      f"working tree {times['new'][-1]:.2f} s", flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)],
                           check=False, capture_output=True)
    ratio = statistics.median(times["new"]) / statistics.median(times["old"])
    print(f"ingest, working tree / {args.rev}: {ratio:.3f} x (medians "
          f"{statistics.median(times['new']):.2f} s and {statistics.median(times['old']):.2f} s)")


if __name__ == "__main__":
    main()
