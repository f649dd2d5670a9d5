"""Ledger benchmarks: reconcile on grown ledgers, and ``claims --actor`` against sqlite3.

``grow`` makes a ledger of about N claims that say different things from a smaller one;
``bench_reconcile`` times reconcile on it cold; ``bench_query`` times the library query
and the whole CLI against bare sqlite3 fetching the same rows. Run by ``bench.py``.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import OUTLETS  # noqa: E402

from summitledger.reconcile.run import reconcile  # noqa: E402
from summitledger.store.engine import open_ledger  # noqa: E402
from summitledger.wordbag import WordBag  # noqa: E402

#: the kinds of words a grown claim's content is drawn from
CONTENT_KINDS = ("modifiers", "nouns", "verbs")
Word = tuple[str, str]  # (kind of the word bag, lemma): ('nouns', 'harbour')


def _bag(words: list[Word]) -> str:
    """The stored word bag of a grown claim's content."""
    return WordBag(**{k: tuple(w for kind, w in words if kind == k) for k in CONTENT_KINDS}).to_json()


def english_vocab(model: str) -> list[Word]:
    """English lemmas by kind (('nouns', 'harbour'), ('verbs', 'inspect'), ('modifiers',
    'brittle')) from the spaCy pipeline's own lemmatizer tables (WordNet's lemma index:
    some 60,000 words), for contents as diverse as a long event's coverage."""
    import spacy

    lookups = spacy.load(model).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    out = []
    for kind, pos in (("nouns", "noun"), ("verbs", "verb"), ("modifiers", "adj")):
        out += [(kind, w) for w in lookups.get(pos, []) if w.isalpha() and w.islower()
                and len(w) > 2]
    return sorted(set(out))


def grow(src: Path, dst: Path, claims: int, seed: int = 3, vocab: list[Word] | None = None) -> None:
    """A ledger of about ``claims`` claims that say different things: the source
    ledger's articles and claims copied into new articles of random outlets (texts
    shuffled so each is its own source), each copied claim keeping its actor, cue and
    frame shape but given new content: 6-14 words drawn from ``vocab`` (default: the
    ledger's own content words, a few hundred, so many contents share words), so no two
    copies state the same thing (30% keep their original content, as outlets repeating
    a statement do)."""
    shutil.copy(src, dst)
    con = sqlite3.connect(dst)
    rng = random.Random(seed)
    arts = con.execute("SELECT id, text, pipeline FROM article").fetchall()
    per = {aid: con.execute("SELECT * FROM claim WHERE article_id = ?", (aid,)).fetchall()
           for aid, _, _ in arts}
    cols = [r[1] for r in con.execute("PRAGMA table_info(claim)")]
    have = con.execute("SELECT count(*) FROM claim").fetchone()[0]
    if have > claims:  # a smaller ledger: keep the first articles up to the size asked for
        keep, total = [], 0
        for aid, k in con.execute("SELECT article_id, count(*) FROM claim GROUP BY article_id "
                                  "ORDER BY article_id"):
            if total >= claims:
                break
            keep.append(aid)
            total += k
        con.execute(f"DELETE FROM article WHERE id NOT IN ({', '.join(map(str, keep))})")
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("DELETE FROM claim WHERE article_id NOT IN (SELECT id FROM article)")
        con.execute("DELETE FROM sentence WHERE article_id NOT IN (SELECT id FROM article)")
        con.execute("DELETE FROM article_alias WHERE article_id NOT IN (SELECT id FROM article)")
        con.commit()
        arts = [a for a in arts if a[0] in keep]
        have = total
    content_vocab = vocab or sorted({(k, w) for (raw,) in con.execute("SELECT lemmas FROM claim")
                                     for k in CONTENT_KINDS for w in getattr(WordBag.from_json(raw), k)})
    n = 0
    while have < claims:
        aid, text, pipeline = arts[n % len(arts)]
        n += 1
        new_text = f"Copy {n}. " + " ".join(rng.sample(text.split(), len(text.split())))
        cur = con.execute(
            "INSERT INTO article (file, path, stem, outlet, title, date, url, content_hash, "
            "text, pipeline, ingested_at, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,"
            "(SELECT event_id FROM article WHERE id = ?))",
            (f"copy_{n:06d}.txt", "bench", f"copy_{n:06d}", rng.choice(OUTLETS), "", "", "",
             f"bench-{n}", new_text, pipeline, "", aid))
        new_id = cur.lastrowid
        rows = []
        for row in per[aid]:
            d = dict(zip(cols, row, strict=True))
            d.update(id=None, article_id=new_id, sentence_id=None, group_id=None, actor_id=None)
            if rng.random() < 0.7:  # a different statement by the same actor
                bag = rng.sample(content_vocab, rng.randint(6, 14))
                d["lemmas"] = _bag(bag)
                d["content"] = " ".join(w for _, w in bag)
                d["quote"] = ""
                d["frame"] = ""
            rows.append(tuple(d[c] for c in cols))
        con.executemany(f"INSERT INTO claim ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
        have += len(rows)
    con.commit()
    con.close()


def bench_reconcile(base: Path, work: Path, sizes: list[int], repeat: int = 3) -> list[dict]:
    out = []
    for size in sizes:
        db = work / f"rec-{size}.db"
        grow(base, db, size)
        engine = open_ledger(db)
        times = []
        for _ in range(repeat):  # reconcile rebuilds from scratch each time: same work
            t = time.perf_counter()
            summary = reconcile(engine, full=True)
            times.append(time.perf_counter() - t)
        elapsed = statistics.median(times)
        engine.dispose()
        out.append({"claims": summary.claims, "articles": summary.articles, "groups": summary.groups,
                    "reconcile_s": round(elapsed, 2)})
    return out


def _run(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak resident memory (KiB) and stderr of a command in a fresh process
    (spawned, so the peak is its own)."""
    t = time.perf_counter()
    r, w = os.pipe()
    pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, w, 2), (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_CLOSE, r)])
    os.close(w)
    with os.fdopen(r) as f:
        err = f.read()
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{' '.join(cmd)} failed: {err.strip().splitlines()[-1:]}")
    return wall, usage.ru_maxrss, err


def _largest_event(db: Path) -> tuple[str, int]:
    """The name of the ledger's event with the most articles, and its claims in all."""
    con = sqlite3.connect(db)
    event = con.execute("SELECT e.name FROM event e JOIN article a ON a.event_id = e.id "
                        "GROUP BY e.id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    claims = con.execute("SELECT count(*) FROM claim").fetchone()[0]
    con.close()
    return event, claims


def _added_against_empty(into: list[float], empty: list[float]) -> dict:
    """Medians of adding the article to the ledger and to an empty one, and the difference."""
    a, e = statistics.median(into), statistics.median(empty)
    return {"add_one_s": round(a, 2), "add_one_empty_s": round(e, 2),
            "add_one_more_s": round(a - e, 2)}


def bench_add_one(db: Path, article: Path, work: Path, repeat: int = 3) -> dict:
    """Adding one new article to the grown ledger ``db`` (into its own event, so its
    names meet the ledger's) against adding it to an empty ledger, each a whole
    ``summitledger ingest`` process, alternated ``repeat`` times (medians); and a full
    ``summitledger reconcile`` of the ledger with its peak memory."""
    event, claims = _largest_event(db)
    exe = [sys.executable, "-m", "summitledger"]
    full, full_kib, _ = _run([*exe, "reconcile", "--db", str(db)])
    into, empty, notes = [], [], set()
    for n in range(repeat):
        copy, fresh = work / f"add-{n}.db", work / f"empty-{n}.db"
        shutil.copy(db, copy)
        fresh.unlink(missing_ok=True)
        wall, _, err = _run([*exe, "ingest", str(article), "--event", event, "--db", str(copy)])
        into.append(wall)
        notes |= {line for line in err.splitlines() if line.startswith("Note:")}
        empty.append(_run([*exe, "ingest", str(article), "--event", event, "--db", str(fresh)])[0])
        copy.unlink()
    return {"claims": claims, "full_reconcile_s": round(full, 2),
            "full_reconcile_peak_mib": round(full_kib / 1024, 1),
            **_added_against_empty(into, empty), "rebuilt": sorted(notes)}


def bench_add_one_pg(db: Path, article: Path, server: str, repeat: int = 3) -> dict:
    """:func:`bench_add_one` on PostgreSQL: the reconciled SQLite ledger ``db`` copied
    into a database of the server ``server`` (an admin URL) with ``summitledger ledger
    copy``, then each run adds the article, a whole ``summitledger ingest`` process, to a
    fresh copy of that database (``CREATE DATABASE ... TEMPLATE``) against a new empty
    database, alternated ``repeat`` times (medians). The databases are dropped after."""
    import sqlalchemy as sa

    event, claims = _largest_event(db)
    exe = [sys.executable, "-m", "summitledger"]
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    base = server.rsplit("/", 1)[0]

    def fresh(name: str, template: str | None = None) -> str:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.exec_driver_sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return f"{base}/{name}"

    names = ["sl_bench_ledger"] + [f"sl_bench_{k}_{n}" for n in range(repeat) for k in ("add", "empty")]
    try:
        _run([*exe, "ledger", "copy", str(db), fresh(names[0])])
        into, empty = [], []
        for n in range(repeat):
            into.append(_run([*exe, "ingest", str(article), "--event", event, "--db",
                              fresh(f"sl_bench_add_{n}", names[0])])[0])
            empty.append(_run([*exe, "ingest", str(article), "--event", event, "--db",
                               fresh(f"sl_bench_empty_{n}")])[0])
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
    return {"claims": claims, **_added_against_empty(into, empty)}


_QUERY_TIMER = """
import sqlite3, statistics, sys, time
from sqlmodel import Session
from summitledger import report
from summitledger.report import names
from summitledger.store.engine import open_ledger
db, actor, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
engine = open_ledger(db, readonly=True)
t = time.perf_counter()
rows = report.claims(engine, actor=actor)
first = time.perf_counter() - t
times = []
for _ in range(repeat):
    t = time.perf_counter()
    rows = report.claims(engine, actor=actor)
    times.append(time.perf_counter() - t)
with Session(engine) as session:
    ids = ", ".join(map(str, sorted(names.actor_ids(session, actor))))
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
raw = []
for _ in range(repeat + 1):
    t = time.perf_counter()
    n = len(con.execute(RAW_SQL.format(ids=ids)).fetchall())
    raw.append(time.perf_counter() - t)
print(len(rows), n, first, statistics.median(times), raw[0], statistics.median(raw[1:]))
"""

# The same rows with bare sqlite3: the same joins and columns, not sorted, not typed.
RAW_SQL = (
    "SELECT claim.id, article.file, article.content_hash, article.outlet, article.date, "
    "claim.speaker, coalesce(nullif(actor.name, ''), claim.actor_key), claim.cue, claim.type, "
    "claim.content, claim.quote, claim.sentence, coalesce(claim_group.status, ''), "
    "claim.group_id, claim.content_start, claim.content_end, claim.rule, claim.pipeline "
    "FROM claim JOIN article ON claim.article_id = article.id "
    "LEFT OUTER JOIN actor ON claim.actor_id = actor.id "
    "LEFT OUTER JOIN claim_group ON claim.group_id = claim_group.id "
    "WHERE claim.actor_id IN ({ids})"
)


def bench_query(db: Path, actor: str, repeat: int = 9, processes: int = 5) -> dict:
    # Each process opens the ledger as `summitledger claims` does, times the first query
    # (what one CLI call pays) and the median of `repeat` more, then the same rows fetched
    # with bare sqlite3 as the reference. This process holds spaCy and the benchmark's
    # ledgers, whose objects the garbage collector would walk as well, so it times nothing.
    runs = []
    for _ in range(processes):
        out = subprocess.run([sys.executable, "-c", f"RAW_SQL = {RAW_SQL!r}\n{_QUERY_TIMER}",
                              str(db), actor, str(repeat)],
                             check=True, capture_output=True, text=True).stdout.split()
        runs.append([int(out[0]), int(out[1]), *map(float, out[2:])])
    rows, raw_rows = runs[0][0], runs[0][1]
    if rows != raw_rows:
        raise SystemExit(f"claims returned {rows} rows, bare sqlite3 {raw_rows}")
    med = {k: statistics.median(r[i] for r in runs)
           for i, k in enumerate(("first", "warm", "raw_first", "raw_warm"), start=2)}
    cli = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "summitledger", "claims", "--actor", actor, "--db",
                        str(db), "-f", "jsonl"], check=True, capture_output=True)
        cli.append(time.perf_counter() - t)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import summitledger.cli.main"], check=True)
    imports = time.perf_counter() - start
    return {"actor": actor, "rows": rows, "processes": processes,
            "query_ms": round(med["warm"] * 1000, 1),
            "first_query_ms": round(med["first"] * 1000, 1),
            "raw_sqlite_ms": round(med["raw_warm"] * 1000, 1),
            "raw_sqlite_first_ms": round(med["raw_first"] * 1000, 1),
            "ratio": round(med["warm"] / med["raw_warm"], 2),
            "cli_process_ms": round(statistics.median(cli) * 1000, 1),
            "python_and_import_ms": round(imports * 1000, 1)}


if __name__ == "__main__":
    import argparse
    import json
    import tempfile

    ap = argparse.ArgumentParser(description="Add one new article to a reconciled ledger "
                                 "(into its largest event), against adding it to an empty "
                                 "ledger; and a full reconcile of the ledger with its peak "
                                 "memory (bench_add_one). The ledger is copied, not changed.")
    ap.add_argument("ledger", type=Path)
    ap.add_argument("article", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(args.ledger, work / "ledger.db")
        print(json.dumps(bench_add_one(work / "ledger.db", args.article, work, args.repeat)))
