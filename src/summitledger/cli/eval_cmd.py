"""summitledger eval GOLD_DIR [ARTICLES...]"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from .. import report
from ..db import open_ledger
from ..evaluate import EvalReport, load_gold, score
from ..output import Format, emit, write_json
from .options import DbOption, FormatOption, settings

COLUMNS = ["article", "gold", "predicted", "matched", "precision", "recall", "f1",
           "actor_accuracy", "group_f1", "status_accuracy"]


def _articles_for(gold_dir: Path) -> list[Path]:
    """The gold's own articles: a seeds/ folder next to the gold (or one level up)."""
    stems, _ = load_gold(gold_dir)
    for base in (gold_dir, gold_dir.parent, gold_dir.parent.parent):
        folder = base / "seeds"
        files = [f for stem in stems for f in sorted(folder.glob(f"{stem}.*"))
                 if f.suffix in (".txt", ".md")]
        if files:
            return files
    return []


def eval_cli(
    gold_dir: Annotated[Path, typer.Argument(
        help="Folder of gold files: <article-stem>.jsonl and optional groups.json.",
        exists=True, file_okay=False)],
    articles: Annotated[list[Path] | None, typer.Argument(
        help="Articles to ingest into a temporary ledger and score. Default: the ledger "
             "given by --db if it holds the gold's articles, else a seeds/ folder beside "
             "the gold.", show_default=False)] = None,
    db: DbOption = None,
    format: FormatOption = Format.table,
    details: Annotated[bool, typer.Option(
        help="Also list every gold and predicted claim with its match.")] = False,
) -> None:
    """Score extraction, actors, grouping and statuses against hand-made gold.

    Claim precision, recall and F1 (content token F1 >= 0.5, one-to-one), actor
    accuracy, grouping pairwise F1 and status accuracy, per article and overall.

    Example: summitledger eval tests/gold seeds/
    """
    stems, _ = load_gold(gold_dir)
    target = settings(db).db
    use_ledger = not articles and target.exists() and _holds(target, set(stems))
    if use_ledger:
        result = _score_ledger(gold_dir, target)
    else:
        paths = list(articles or _articles_for(gold_dir))
        if not paths:
            raise typer.BadParameter(
                "no articles given and none found beside the gold; pass them as arguments")
        from ..ingest import ingest  # spaCy loads here, not when the CLI starts

        with tempfile.TemporaryDirectory(prefix="summitledger-eval-") as tmp:
            temp_db = Path(tmp) / "eval.db"
            ingest(paths, settings(temp_db))
            result = _score_ledger(gold_dir, temp_db)
    if format is Format.json:
        write_json(result.model_dump())
        return
    rows = [*result.articles, result.overall]
    emit(rows, format, COLUMNS, title="summitledger eval")
    if details and format is Format.table:
        emit(result.matches, format, ["article", "gold", "predicted", "f1", "content"],
             title="matches")


def _holds(path: Path, stems: set[str]) -> bool:
    engine = open_ledger(path, readonly=True)
    try:
        have = {Path(f).stem for f in report.article_files(engine)}
    finally:
        engine.dispose()
    return bool(have & stems)


def _score_ledger(gold_dir: Path, path: Path) -> EvalReport:
    engine = open_ledger(path, readonly=True)
    try:
        return score(gold_dir, report.claims(engine))
    finally:
        engine.dispose()
