"""Ingest benchmarks: against raw spaCy over the same texts, claim density, and memory.

``bench_ingest`` brackets each ingest run between runs of the stock pipeline's
``nlp.pipe`` over the same texts; ``density`` counts claims per 100 sentences of a
ledger; ``bench_memory`` ingests a corpus in a fresh process and samples its resident
memory as the articles go in. Run by ``bench.py``.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import spacy

from summitledger.ingest.formats import load_articles
from summitledger.ingest.run import claims_component, ingest
from summitledger.settings import Settings


def _time(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def density(db: Path) -> dict:
    """Claims, sentences and claims per 100 sentences in the ledger at ``db``."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    claims = con.execute("SELECT count(*) FROM claim").fetchone()[0]
    sentences = con.execute("SELECT count(*) FROM sentence").fetchone()[0]
    con.close()
    return {"claims": claims, "sentences": sentences,
            "claims_per_100_sentences": round(100 * claims / max(1, sentences), 1)}


def bench_ingest(folder: Path, work: Path, settings: Settings, repeat: int, tag: str) -> dict:
    """Ratios of ``summitledger.ingest`` (one process, and ``--jobs 2``) to the stock
    pipeline's ``nlp.pipe`` over the same texts, median of ``repeat`` bracketed rounds."""
    nlp = spacy.load(settings.model)  # raw: spaCy's pipeline exactly as shipped
    claims_component(settings.model, settings.cues)  # ingest's own, loaded before timing too
    texts = [a.text for f in sorted(folder.iterdir()) for a in load_articles(f, 10**8)]
    words = sum(len(t.split()) for t in texts)
    nlp("warm up the pipeline.")

    def raw() -> None:
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def run(jobs: int) -> None:
        db = work / f"ingest-{tag}-{jobs}.db"
        for f in work.glob(db.name + "*"):
            f.unlink()
        ingest([folder], Settings(db=db, model=settings.model), jobs=jobs)

    # Bracketed: each round times raw spaCy, ingest, raw spaCy, ingest --jobs 2, raw
    # spaCy, and each ingest is set against the mean of the two raw runs either side of
    # it. This machine's speed drifts by tens of per cent over minutes (CPU time drifts
    # with it), so a ratio is only taken between runs this close together; the figure is
    # the median of the rounds' ratios; every run's time is printed.
    rounds = []
    for _ in range(repeat):
        r1, t1, r2, t2, r3 = (_time(raw), _time(lambda: run(1)), _time(raw), _time(lambda: run(2)),
                              _time(raw))
        rounds.append({"raw_s": [round(r1, 2), round(r2, 2), round(r3, 2)],
                       "ingest_s": round(t1, 2), "ingest_jobs2_s": round(t2, 2),
                       "ratio": round(t1 / ((r1 + r2) / 2), 3),
                       "ratio_jobs2": round(t2 / ((r2 + r3) / 2), 3)})
    return {"corpus": tag, "articles": len(texts), "words": words, "rounds": rounds,
            **density(work / f"ingest-{tag}-1.db"),
            "ratio": round(statistics.median(r["ratio"] for r in rounds), 3),
            "ratio_jobs2": round(statistics.median(r["ratio_jobs2"] for r in rounds), 3)}


_MEMORY = """
import json, resource, sys
from pathlib import Path
from summitledger.ingest.run import ingest
from summitledger.settings import Settings
folder, db, every = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
marks, seen = [], [0]
def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20
def peak_mib():  # VmHWM: this process image's own peak (ru_maxrss keeps the parent's)
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
def on_article(outcome):
    seen[0] += 1
    if seen[0] % every == 0:
        marks.append({"articles": seen[0], "rss_mib": round(rss_mib(), 1),
                      "peak_mib": round(peak_mib(), 1)})
ingest([folder], Settings(db=db), on_article=on_article)
marks.append({"articles": "after reconcile", "rss_mib": round(rss_mib(), 1),
              "peak_mib": round(peak_mib(), 1)})
print(json.dumps(marks))
"""


def bench_memory(folder: Path, work: Path, every: int) -> dict:
    """Resident memory of one ingest of ``folder`` in a fresh process, every ``every``
    articles: flat means no growth with the number of articles."""
    db = work / "memory.db"
    out = subprocess.run([sys.executable, "-c", _MEMORY, str(folder), str(db), str(every)],
                         check=True, capture_output=True, text=True).stdout
    marks = json.loads(out.strip().splitlines()[-1])
    during = [m for m in marks if m["articles"] != "after reconcile"]
    first, last = during[0], during[-1]
    return {"marks": marks, "ledger_mib": round(db.stat().st_size / 2**20, 1),
            "growth_mib": round(last["peak_mib"] - first["peak_mib"], 1),
            "from": first["articles"], "to": last["articles"]}


def _fresh_target(kind: str, work: Path, server: str | None, n: int) -> tuple[str, object]:
    """A new empty ledger: an SQLite file, or a new database on the PostgreSQL server
    whose URL is ``server`` (dropped afterwards by the returned cleanup)."""
    if kind == "sqlite":
        db = work / f"workers-{n}.db"
        for f in work.glob(db.name + "*"):
            f.unlink()
        return str(db), lambda: None
    import sqlalchemy as sa

    name = f"summitledger_bench_{n}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()

    return str(server).rsplit("/", 1)[0] + "/" + name, drop


def bench_workers(folder: Path, work: Path, server: str | None,
                  workers: tuple[int, ...] = (1, 2, 4)) -> list[dict]:
    """Articles per second when ``k`` separate ``summitledger ingest`` processes each
    take a share of ``folder`` into one ledger at once, for SQLite and (with a server
    URL) PostgreSQL; each figure includes the processes' start and their reconciles."""
    files = sorted(f for f in folder.iterdir() if f.is_file())
    out = []
    for kind in ("sqlite", "postgresql") if server else ("sqlite",):
        for k in workers:
            shares = []
            for n in range(k):
                share = work / f"share-{k}-{n}"
                share.mkdir(exist_ok=True)
                for f in files[n::k]:
                    (share / f.name).write_bytes(f.read_bytes())
                shares.append(share)
            target, cleanup = _fresh_target(kind, work, server, k)
            try:
                t = time.perf_counter()
                procs = [subprocess.Popen([sys.executable, "-m", "summitledger", "ingest",
                                           str(s), "--db", target],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                         for s in shares]
                for p in procs:
                    _, err = p.communicate()
                    if p.returncode:
                        raise SystemExit(f"ingest failed: {err.decode()[-500:]}")
                elapsed = time.perf_counter() - t
            finally:
                cleanup()  # type: ignore[operator]
            out.append({"backend": kind, "workers": k, "articles": len(files),
                        "seconds": round(elapsed, 2),
                        "articles_per_s": round(len(files) / elapsed, 2)})
    return out
