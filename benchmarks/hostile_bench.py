"""Hostile input, timed: long runs of marks, before and after taming.

    python benchmarks/hostile_bench.py                  # runs of 2k-8k untamed, 60 KB tamed
    python benchmarks/hostile_bench.py --untamed 2000 4000 --tamed 60000 --json

1. spaCy's tokenizer on a run of one mark ('&', '(', '—', "'", '%') between two
   sentences, as it was (untamed: the time grows with the square of the run) and as
   ingest now gives it (:func:`summitledger.nlp.text.tame`).
2. ``summitledger.ingest`` of a folder of hostile files into a new ledger, each file
   alone (reading, taming, parsing, extraction, storing, reconcile): 60 KB runs of
   '&', '(', '—' and "'", a mix of them, 'a:' repeated (one token a character, no
   sentence stop), random marks and letters, and a 600 KB HTML page of entities.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from summitledger.ingest.run import ingest
from summitledger.nlp.pipeline import load_pipeline
from summitledger.nlp.text import tame
from summitledger.settings import Settings

MARKS = ["&", "(", "—", "'", "%"]
HEAD, TAIL = "Police said the road was closed. ", " The mayor said it would reopen."


def hostile_files(size: int) -> dict[str, str]:
    """Name -> text of each hostile file, about ``size`` characters each."""
    rng = random.Random(1)
    marks = "&()'—!?%*#\"“”‘’-;:,./[]{}<>|\\^~`@$+="
    files = {f"run_{n}.txt": HEAD + m * size + TAIL for n, m in enumerate(MARKS)}
    files["mixed.txt"] = HEAD + "(&'—" * (size // 4) + TAIL
    files["colon.txt"] = HEAD + "a:" * (size // 2) + TAIL
    files["random.txt"] = HEAD + "".join(rng.choice(marks + "ab ") for _ in range(size)) + TAIL
    files["page.html"] = ("<html><head><title>T</title></head><body><article><p>"
                          + "&amp;" * size + "</p><p>" + TAIL.strip() + "</p>"
                          + "</article></body></html>")
    return files


def bench_tokenizer(model: str, untamed: list[int], tamed: list[int]) -> list[dict]:
    nlp = load_pipeline(model)
    out = []
    for mark in MARKS:
        for size, taming in [*((n, False) for n in untamed), *((n, True) for n in tamed)]:
            text = HEAD + mark * size + TAIL
            text = tame(text) if taming else text
            start = time.perf_counter()
            tokens = len(nlp.tokenizer(text))
            out.append({"mark": mark, "run": size, "tamed": taming, "tokens": tokens,
                        "seconds": round(time.perf_counter() - start, 3)})
    return out


def bench_ingest(model: str, size: int) -> list[dict]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in hostile_files(size).items():
            folder = Path(tmp) / name.replace(".", "_")
            folder.mkdir()
            (folder / name).write_text(text, "utf-8")
            start = time.perf_counter()
            report = ingest([folder], Settings(db=Path(tmp) / f"{folder.name}.db", model=model))
            out.append({"file": name, "bytes": len(text.encode("utf-8")),
                        "seconds": round(time.perf_counter() - start, 2),
                        "status": [o.status for o in report.outcomes],
                        "problems": report.problems})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--untamed", type=int, nargs="*", default=[2000, 4000, 8000])
    ap.add_argument("--tamed", type=int, nargs="*", default=[60000])
    ap.add_argument("--size", type=int, default=60000, help="characters per hostile file")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    model = Settings.from_env().model
    ingest([Path(__file__).resolve().parent.parent / "seeds"],
           Settings(db=Path(tempfile.mkdtemp()) / "warm.db", model=model))  # loads everything
    result = {"tokenizer": bench_tokenizer(model, args.untamed, args.tamed),
              "ingest": bench_ingest(model, args.size)}
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return
    print("tokenizer: mark, run length, tamed, tokens, seconds")
    for r in result["tokenizer"]:
        print(f"  {r['mark']!r:6} {r['run']:>7} {str(r['tamed']):>5} {r['tokens']:>7} "
              f"{r['seconds']:>8.3f}")
    print("ingest of one hostile file into a new ledger: file, bytes, seconds, outcome")
    for r in result["ingest"]:
        print(f"  {r['file']:12} {r['bytes']:>8} {r['seconds']:>7.2f}  "
              f"{','.join(r['status']) or '-'} {' '.join(r['problems'])}")


if __name__ == "__main__":
    main()
