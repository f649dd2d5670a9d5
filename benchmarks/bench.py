"""Benchmarks, each against a baseline measured in the same run.

    python benchmarks/bench.py                 # defaults: 200 articles, 1k/10k/100k claims
    python benchmarks/bench.py --articles 50 --sizes 1000 10000 --memory-articles 0

1. Ingest against raw spaCy, on two corpora (benchmarks/corpus.py): *realistic*, where
   a sentence attributes a claim about as often as in the real seed articles (their
   density is measured first, by ingesting ``seeds/``), and *dense*, where seven
   sentences in ten do. The corpus's texts go through ``nlp.pipe`` of the pipeline as
   shipped (``spacy.load(model)``, batch size 16, one process), then
   ``summitledger.ingest`` of the same files into a new ledger (reading, parsing what
   can carry a claim, extraction, storing, reconcile); then ingest with ``--jobs 2``.
   Each ingest run sits between two raw runs and is divided by their mean; the ratio
   printed is the median over the rounds (``--repeat``). Claims per 100 sentences are
   printed for the seeds and both corpora.
2. Reconcile at 1k, 10k and 100k claims (median of up to 3 runs): ledgers grown from the
   dense corpus's ingested claims into more articles and outlets, most copies given new
   content (so they say different things), timed cold.
   Then, at each size, one new article (a seed's text with a sentence added) ingested
   into the grown ledger's event, a whole ``summitledger ingest`` process, against the
   same into an empty ledger (medians of ``--repeat``): what a live ledger pays for its
   size; and a full ``summitledger reconcile`` in its own process, with its peak memory.
   With ``--db URL``, the same on that PostgreSQL server: the grown ledger copied into a
   database there, each run adding the article to a fresh copy of it.
3. ``claims --actor`` at the largest size, in fresh processes: the library query (first
   call, and the median of 9 more) against bare sqlite3 fetching the same rows with the
   same joins; then the CLI as a whole process.
4. Many writers: 1, 2 and 4 ``summitledger ingest`` processes sharing a realistic
   corpus into one SQLite ledger, and with ``--db URL`` into a new PostgreSQL database
   on that server: articles per second, process start and reconciles included.
5. Memory: one ingest of ``--memory-articles`` realistic articles (2,000 by default) in
   a fresh process, its resident and peak memory sampled every 250 articles.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus  # noqa: E402
from ingest_bench import bench_ingest, bench_memory, bench_workers, density  # noqa: E402
from ledger_bench import bench_add_one, bench_add_one_pg, bench_query, bench_reconcile  # noqa: E402

from summitledger.ingest.run import ingest  # noqa: E402
from summitledger.settings import Settings  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _write(folder: Path, corpus: list[tuple[str, str]]) -> Path:
    folder.mkdir()
    for name, text in corpus:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--memory-articles", type=int, default=2000,
                    help="articles for the memory measurement (0 skips it)")
    ap.add_argument("--db", default=None, metavar="URL",
                    help="a PostgreSQL server URL (postgresql+psycopg://user@host/postgres): "
                         "also time 1, 2 and 4 ingest processes into a ledger there")
    ap.add_argument("--workers-articles", type=int, default=120,
                    help="articles for the workers measurement (0 skips it)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    settings = Settings.from_env()
    results: dict = {"model": settings.model}
    say = (lambda *a: None) if args.json else print  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="summitledger-bench-") as tmp:
        work = Path(tmp)
        ingest([SEEDS], Settings(db=work / "seeds.db", model=settings.model))
        seeds = results["seeds_density"] = density(work / "seeds.db")
        share = seeds["claims_per_100_sentences"] / 100
        say(f"seeds: {seeds['claims']} claims in {seeds['sentences']} sentences, "
            f"{seeds['claims_per_100_sentences']} claims per 100 sentences")
        corpora = {"realistic": make_corpus(args.articles, args.seed, (20, 40), claim_share=share),
                   "dense": make_corpus(args.articles, args.seed)}
        results["ingest"] = []
        for tag, corpus in corpora.items():
            folder = _write(work / tag, corpus)
            i = bench_ingest(folder, work, settings, args.repeat, tag)
            results["ingest"].append(i)
            say(f"{tag} corpus: {i['articles']} articles, {i['words']} words, {i['claims']} claims "
                f"in {i['sentences']} sentences ({i['claims_per_100_sentences']} per 100), "
                f"pipeline {results['model']}, {args.repeat} rounds")
            for n, r in enumerate(i["rounds"], 1):
                raw1, raw2, raw3 = r["raw_s"]
                say(f"  round {n}: raw {raw1:.2f} s | ingest {r['ingest_s']:.2f} s | raw {raw2:.2f} s | "
                    f"ingest --jobs 2 {r['ingest_jobs2_s']:.2f} s | raw {raw3:.2f} s"
                    f"  ->  {r['ratio']:.3f} x, --jobs 2 {r['ratio_jobs2']:.3f} x")
            say(f"  summitledger ingest:  ratio {i['ratio']:.3f} x raw nlp.pipe (median of the rounds)")
            say(f"  ingest --jobs 2:      ratio {i['ratio_jobs2']:.3f} x raw nlp.pipe (median of the rounds)")
        results["reconcile"] = []
        prev = None
        for size in sorted(args.sizes):
            r = bench_reconcile(work / "ingest-dense-1.db", work, [size], min(args.repeat, 3))[0]
            results["reconcile"].append(r)
            growth = ""
            if prev:
                n1, n2 = prev["claims"], r["claims"]
                nlogn = (n2 * math.log(n2)) / (n1 * math.log(n1))
                growth = (f"   x{r['reconcile_s'] / max(prev['reconcile_s'], 1e-9):.1f} time for "
                          f"x{n2 / n1:.1f} claims (n log n would be x{nlogn:.1f})")
            say(f"reconcile {r['claims']:>7} claims: {r['reconcile_s']:8.2f} s ({r['groups']} groups){growth}")
            prev = r
        results["add_one"] = []
        article = work / "one-new-article.txt"  # a seed article's text, one sentence longer
        article.write_text(sorted(SEEDS.glob("*.txt"))[-1].read_text("utf-8")
                           + "\nReporters were told on Friday that the talks would go on.\n", "utf-8")
        for size in sorted(args.sizes):
            a = bench_add_one(work / f"rec-{size}.db", article, work, args.repeat)
            results["add_one"].append(a)
            say(f"add one article to {a['claims']:>7} claims: {a['add_one_s']:6.2f} s, "
                f"into an empty ledger {a['add_one_empty_s']:5.2f} s: {a['add_one_more_s']:+.2f} s; "
                f"full reconcile {a['full_reconcile_s']:.2f} s, peak {a['full_reconcile_peak_mib']} MiB"
                + (f" ({'; '.join(a['rebuilt'])})" if a["rebuilt"] else ""))
            if args.db:
                pg = bench_add_one_pg(work / f"rec-{size}.db", article, args.db, args.repeat)
                a["postgres"] = pg
                say(f"  on PostgreSQL: {pg['add_one_s']:6.2f} s, into an empty database "
                    f"{pg['add_one_empty_s']:5.2f} s: {pg['add_one_more_s']:+.2f} s")
        largest = work / f"rec-{max(args.sizes)}.db"
        q = results["claims_actor"] = bench_query(largest, "Putin")
        say(f"claims --actor {q['actor']} at {results['reconcile'][-1]['claims']} claims "
            f"({q['rows']} rows; medians of {q['processes']} fresh processes):")
        say(f"  query {q['query_ms']} ms, ratio {q['ratio']:.2f} x bare sqlite3 fetching the same "
            f"rows ({q['raw_sqlite_ms']} ms)")
        say(f"  first query in a process {q['first_query_ms']} ms (bare sqlite3 "
            f"{q['raw_sqlite_first_ms']} ms); whole CLI process {q['cli_process_ms']} ms, of which "
            f"Python start and imports {q['python_and_import_ms']} ms")
        if args.workers_articles:
            folder = _write(work / "workers", make_corpus(args.workers_articles, args.seed + 2,
                                                          (20, 40), claim_share=share))
            w = results["workers"] = bench_workers(folder, work, args.db)
            say(f"ingest processes writing into one ledger at once ({args.workers_articles} "
                "realistic articles, shared between them):")
            for r in w:
                say(f"  {r['backend']:<10} {r['workers']} worker{'s' * (r['workers'] > 1)}: "
                    f"{r['seconds']:6.2f} s, {r['articles_per_s']:5.2f} articles/s")
        if args.memory_articles:
            folder = _write(work / "memory", make_corpus(args.memory_articles, args.seed + 1,
                                                         (20, 40), claim_share=share))
            m = results["memory"] = bench_memory(folder, work, every=max(1, args.memory_articles // 8))
            say(f"memory, one ingest of {args.memory_articles} realistic articles in a fresh process:")
            say("  " + " | ".join(f"{k['articles']}: {k['rss_mib']} MiB (peak {k['peak_mib']})"
                                  for k in m["marks"]))
            say(f"  peak grew {m['growth_mib']} MiB from article {m['from']} to {m['to']}; "
                f"the ledger file is {m['ledger_mib']} MiB")
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
