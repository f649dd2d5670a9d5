"""summitledger eval GOLD... [--articles PATH...]: score the ledger against gold sets."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from summitledger import report
from summitledger.cli.options import DbOption, EventOption, FormatOption, settings
from summitledger.report.evaluate import EvalReport, SetScores, load_gold, score, total
from summitledger.report.figures import timeline
from summitledger.report.output import Format, emit, write_json
from summitledger.settings import is_url
from summitledger.store.engine import open_ledger

COLUMNS = ["article", "gold", "predicted", "matched", "precision", "recall", "f1",
           "actor_accuracy", "group_precision", "group_recall", "group_f1", "status_accuracy",
           "figures_f1", "figures_status_accuracy", "figures_coverage"]
LOO_COLUMNS = ["held_out", "group_precision", "group_recall", "group_f1", "status_accuracy",
               "model"]


def is_gold_dir(path: Path) -> bool:
    """A gold set: a folder of <article-stem>.jsonl files named 'gold' or with groups.json."""
    return path.is_dir() and any(path.glob("*.jsonl")) and (
        path.name == "gold" or (path / "groups.json").is_file())


def gold_sets(paths: list[Path]) -> list[Path]:
    """Every gold set named, or found (as folders named 'gold') below a folder named."""
    found: list[Path] = []
    for p in paths:
        named_set = p.is_dir() and any(p.glob("*.jsonl")) and not any(p.rglob("gold"))
        if is_gold_dir(p) or named_set:  # a folder of gold files named on the command line
            found.append(p)
        elif p.is_dir():
            found.extend(sorted(g for g in p.rglob("gold") if is_gold_dir(g)))
    return list(dict.fromkeys(found))


def articles_for(gold_dir: Path) -> list[Path]:
    """The gold's own articles: an articles/ or seeds/ folder beside the gold (or above)."""
    from summitledger.ingest.readers import EXTENSIONS  # what ingest reads (loads no spaCy)

    stems, _ = load_gold(gold_dir)
    for base in (gold_dir.parent, gold_dir, gold_dir.parent.parent):
        for name in ("articles", "seeds"):
            files = [f for stem in stems for f in sorted((base / name).glob(f"{stem}.*"))
                     if f.suffix.lower() in EXTENSIONS]
            if files:
                return files
    return []


def set_name(gold_dir: Path) -> str:
    """'teachers-strike' for events/teachers-strike/gold, 'seeds' for a gold set of the
    seeds; the folder's own name otherwise."""
    found = articles_for(gold_dir)
    if found and found[0].parent.name == "seeds":
        return "seeds"
    return gold_dir.parent.name if gold_dir.name == "gold" and gold_dir.parent.name else gold_dir.name


def eval_cli(
    gold: Annotated[list[Path], typer.Argument(
        help="Gold sets: folders of <article-stem>.jsonl (and groups.json), or folders "
             "holding such sets in 'gold' subfolders (e.g. eval/). Files after "
             "a single gold folder are taken as its articles.",
        exists=True, show_default=False)],
    articles: Annotated[list[Path] | None, typer.Option(
        "--articles", "-a",
        help="Articles to score (with one gold set). Default: the ledger given by --db if "
             "it holds the gold's articles, else an articles/ or seeds/ folder beside the gold.",
        show_default=False)] = None,
    event: EventOption = None,
    db: DbOption = None,
    cues: Annotated[Path | None, typer.Option(
        envvar="SUMMITLEDGER_CUES", help="Extra cue lexicon (JSON) used when ingesting.",
        exists=True, dir_okay=False)] = None,
    format: FormatOption = Format.table,
    details: Annotated[bool, typer.Option(
        help="Also list every gold and predicted claim with its match.")] = False,
    leave_one_out: Annotated[bool, typer.Option(
        "--leave-one-out",
        help="Choose the grouping model on all sets but one and score the one left out, "
             "for each set in turn (needs two sets or more).")] = False,
    fit: Annotated[bool, typer.Option(
        "--fit", help="With --leave-one-out, also print the model fitted on every set "
                      "(the one that ships).")] = False,
) -> None:
    """Score extraction, actors, grouping and statuses against hand-made gold.

    Claim precision, recall and F1 (content token F1 >= 0.5, one-to-one), actor
    accuracy, grouping pairwise F1 and status accuracy; where a set has figures.json,
    figure series pair F1, status accuracy and coverage: a table per gold set, then
    the sets' totals (counts and pairs pooled).

    \b
    Examples:

        summitledger eval eval/

        summitledger eval tests/gold --articles seeds/

        summitledger eval eval/ --leave-one-out
    """
    sets = gold_sets(gold[:1]) if len(gold) > 1 and not any(map(is_gold_dir, gold[1:])) else []
    if sets:  # old form: eval GOLD ARTICLE...
        articles = [*(articles or []), *gold[1:]]
    else:
        sets = gold_sets(gold)
    if not sets:
        raise typer.BadParameter(f"no gold set in {', '.join(map(str, gold))} (a gold set is a "
                                 "folder of <article-stem>.jsonl files)")
    if articles and len(sets) > 1:
        raise typer.BadParameter("--articles goes with one gold set; name one")
    if leave_one_out:
        _leave_one_out(sets, cues, format, fit)
        return
    results: list[tuple[str, EvalReport]] = []
    for g in sets:
        results.append((set_name(g), _score_set(g, articles, db, cues, event)))
    named = [SetScores(name=n, articles=r.articles, overall=r.overall) for n, r in results]
    overall = total("total", [r for _, r in results])
    if format is Format.json:
        write_json({"sets": [s.model_dump() for s in named], "overall": overall.model_dump(),
                    **({"matches": [m for _, r in results for m in r.matches]} if details else {})})
        return
    for s in named:
        emit([*s.articles, s.overall], format, COLUMNS, title=f"eval: {s.name}")
    if len(named) > 1:
        rows = [s.overall.model_copy(update={"article": s.name}) for s in named]
        emit([*rows, overall], format, COLUMNS, title="eval: every set")
    if details and format is Format.table:
        emit([m for _, r in results for m in r.matches], format,
             ["article", "gold", "predicted", "f1", "content"], title="matches")


def _score_set(gold_dir: Path, articles: list[Path] | None, db: str | None,
               cues: Path | None, event: str | None = None) -> EvalReport:
    stems, _ = load_gold(gold_dir)
    target = settings(db).db
    there = is_url(target) or Path(target).exists()
    if not articles and db is not None and there and _holds(target, set(stems), event):
        return _score_ledger(gold_dir, target, event)
    paths = list(articles or articles_for(gold_dir))
    if not paths:
        raise typer.BadParameter(
            f"{gold_dir}: no articles given and none found beside the gold; use --articles")
    from summitledger.ingest.run import ingest  # spaCy loads here, not when the CLI starts

    with tempfile.TemporaryDirectory(prefix="summitledger-eval-") as tmp:
        temp_db = Path(tmp) / "eval.db"
        ingest(paths, settings(temp_db, cues=cues))
        return _score_ledger(gold_dir, temp_db)


def _leave_one_out(sets: list[Path], cues: Path | None, format: Format, fit: bool) -> None:
    """Each set's articles ingested into a temporary ledger, then the leave-one-out
    table (and with ``fit`` the model fitted on every set)."""
    if len(sets) < 2:
        raise typer.BadParameter("--leave-one-out needs two gold sets or more")
    from summitledger.ingest.run import ingest  # spaCy loads here, not when the CLI starts
    from summitledger.report.tuning import choose, leave_one_out, load_set

    with tempfile.TemporaryDirectory(prefix="summitledger-loo-") as tmp:
        dev = []
        for n, g in enumerate(sets):
            paths = articles_for(g)
            if not paths:
                raise typer.BadParameter(f"{g}: no articles found beside the gold")
            db = Path(tmp) / f"set{n}.db"
            ingest(paths, settings(db, cues=cues))
            engine = open_ledger(db, readonly=True)
            try:
                dev.append(load_set(set_name(g), g, engine))
            finally:
                engine.dispose()
        folds = [f.model_dump() for f in leave_one_out(dev)]
        if fit:
            folds.append({"held_out": "(none: fitted on every set)", "model": choose(dev).describe()})
    if format is Format.json:
        write_json({"leave_one_out": folds})
        return
    emit(folds, format, LOO_COLUMNS, title="eval: leave one event out")


def _holds(path: Path | str, stems: set[str], event: str | None = None) -> bool:
    engine = open_ledger(path, readonly=True)
    try:
        have = {Path(f).stem for f in report.article_files(engine, _one(event))}
    finally:
        engine.dispose()
    return bool(have & stems)


def _one(event: str | None) -> str | None:
    return None if event is None or event.lower() == "all" else event


def _score_ledger(gold_dir: Path, path: Path | str, event: str | None = None) -> EvalReport:
    """The gold's articles as the ledger holds them (in ``event``, or any event)."""
    engine = open_ledger(path, readonly=True)
    try:
        lines = [line.model_dump() for line in timeline(engine, event=_one(event))]
        return score(gold_dir, report.claims(engine, event=_one(event)), lines)
    finally:
        engine.dispose()
