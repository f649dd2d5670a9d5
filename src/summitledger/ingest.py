"""Ingest: files in, one transaction per article, then reconcile the whole ledger.

``ingest(paths, settings)`` is the library entry point; the CLI only adds progress
and printing. An article whose text and metadata are unchanged is left alone; a
changed one has its rows replaced inside its own transaction, so a failure part-way
leaves every other article as it was.
"""

from __future__ import annotations

import bisect
import multiprocessing
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import delete, insert, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel, select

from .db import mark_unreconciled, open_ledger, unreconciled
from .errors import InputError
from .extract import EXTRACTOR_VERSION, extract_doc, load_lexicon
from .formats import load_articles, manifest_problem
from .models import (
    Article,
    ArticleAlias,
    ArticleIn,
    Claim,
    Extraction,
    IngestOutcome,
    Sentence,
    utcnow,
)
from .nlp import load_pipeline, parse_texts, pipeline_id
from .readers import discover
from .reconcile import ReconcileSummary, ledger_summary, reconcile
from .settings import Settings

Progress = Callable[[IngestOutcome], None]


class IngestReport(BaseModel):
    outcomes: list[IngestOutcome]
    problems: list[str]  # files skipped (exit 3)
    warnings: list[str] = []  # nothing skipped, but worth knowing (a manifest ignored)
    reconcile: ReconcileSummary | None = None


def _same(row: Article, art: ArticleIn) -> bool:
    return (row.content_hash, row.outlet, row.title, row.date, row.url) == (
        art.content_hash, art.outlet, art.title, art.date, art.url)


def _made_by(row: Article, made: dict[str, str]) -> str:
    """'' if the row's claims were made by the pipeline, extractor and lexicon of this
    run, else what changed ('cue lexicon ab12… -> cd34…')."""
    names = {"pipeline": "pipeline", "extractor": "extractor", "lexicon": "cue lexicon"}
    return "; ".join(f"{names[k]} {getattr(row, k) or 'unknown'} -> {v}"
                     for k, v in made.items() if getattr(row, k) != v)


def _insert_many(conn: Connection, model: type[SQLModel], rows: list[dict]) -> None:
    """Rows in bulk, handed to SQLite's executemany as they are.

    SQLAlchemy's own executemany spent more time per row than SQLite did (coercing and
    caching each parameter set), so the statement is built from the table's columns
    here. When a row leaves out a column that has a Python-side default, SQLAlchemy
    does the insert, so that the default still applies.
    """
    if not rows:
        return
    table = model.__table__  # type: ignore[attr-defined]
    names = list(rows[0])
    if any(c.default is not None and c.name not in names for c in table.columns):
        conn.execute(insert(table), rows)
        return
    sql = (f"INSERT INTO {table.name} ({', '.join(names)}) "
           f"VALUES ({', '.join(':' + n for n in names)})")
    conn.exec_driver_sql(sql, rows)


def store(engine: Engine, art: ArticleIn, ex: Extraction,
          lexicon_body: str | None = None) -> IngestOutcome:
    """Write one article and everything extracted from it, in one transaction
    (``lexicon_body``: the cue lexicon as JSON, kept by its digest)."""
    with engine.begin() as conn:
        rows = conn.execute(
            select(Article.id, Article.file, Article.content_hash, Article.outlet,
                   Article.title, Article.date, Article.url, Article.pipeline,
                   Article.extractor, Article.lexicon)
            .where((Article.file == art.file) | (Article.content_hash == art.content_hash))
        ).all()
        old = next((r for r in rows if r.file == art.file), None)
        twin = next((r for r in rows if r.content_hash == art.content_hash), None)
        made = {"pipeline": ex.pipeline, "extractor": ex.extractor, "lexicon": ex.lexicon}
        if old is not None and _same(old, art) and not _made_by(old, made):  # type: ignore[arg-type]
            return IngestOutcome(file=art.file, status="unchanged", detail="already in the ledger")
        if twin is not None and twin.file != art.file:
            if old is not None:  # edited to equal another article: its old text goes
                conn.execute(delete(Article).where(Article.id == old.id))
                mark_unreconciled(conn)
            return IngestOutcome(file=art.file, status="duplicate",
                                 detail=f"same text as {twin.file}; counted once")
        status = "replaced" if old is not None else "added"
        changed = _made_by(old, made) if old is not None and _same(old, art) else ""  # type: ignore[arg-type]
        if old is not None:  # its sentences, claims and aliases go with it (ON DELETE CASCADE)
            conn.execute(delete(Article).where(Article.id == old.id))
        article_id = conn.execute(
            insert(Article).values(**art.model_dump(), ingested_at=utcnow(), **made)
        ).inserted_primary_key[0]
        _insert_many(conn, Sentence, [{"article_id": article_id, **s.model_dump()}
                                      for s in ex.sentences])
        sent_ids = [r[0] for r in conn.execute(
            select(Sentence.id).where(Sentence.article_id == article_id).order_by(Sentence.idx))]
        starts = [s.start for s in ex.sentences]
        if ex.claims:
            _insert_many(conn, Claim, [
                {"article_id": article_id, "idx": n, "pipeline": ex.pipeline, "actor_key": c.actor,
                 "sentence_id": sent_ids[max(0, _bisect(starts, c.sentence_start))] if sent_ids else None,
                 "sentence": art.text[c.sentence_start:c.sentence_end],
                 "frame": c.frame.model_dump_json(),
                 **c.model_dump(exclude={"actor", "frame"})}
                for n, c in enumerate(ex.claims)])
        mark_unreconciled(conn)
        if lexicon_body is not None:
            conn.execute(text("INSERT OR IGNORE INTO lexicon (digest, body) VALUES (:d, :b)"),
                         {"d": ex.lexicon, "b": lexicon_body})
        if ex.aliases:
            _insert_many(conn, ArticleAlias, [{"article_id": article_id, "actor": a.actor,
                                               "alias": a.alias} for a in ex.aliases])
    return IngestOutcome(file=art.file, status=status, sentences=len(ex.sentences),
                         claims=len(ex.claims), passed_over=ex.passed_over,
                         detail=f"extracted again: {changed}" if changed else "")


_WORKER: tuple[object, object] | None = None


def _worker_init(model: str, cues: Path | None) -> None:
    global _WORKER
    _WORKER = (load_pipeline(model), load_lexicon(cues))


def _worker_extract(text: str) -> Extraction:
    nlp, lexicon = _WORKER  # type: ignore[misc]
    doc = next(parse_texts(nlp, [text]))  # type: ignore[arg-type]
    return extract_doc(doc, nlp, lexicon)  # type: ignore[arg-type]


def _extractions(arts: list[ArticleIn], settings: Settings, batch_size: int,
                 jobs: int) -> Iterator[Extraction]:
    """Parse and extract each article, in order: batched nlp.pipe in this process, or
    ``jobs`` worker processes each parsing and extracting whole articles."""
    texts = [a.text for a in arts]
    if jobs <= 1 or len(arts) < 2:
        nlp, lexicon = load_pipeline(settings.model), load_lexicon(settings.cues)
        for doc in parse_texts(nlp, texts, batch_size):
            yield extract_doc(doc, nlp, lexicon)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(8, len(texts) // (4 * jobs)))
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(settings.model, settings.cues)) as pool:
        yield from pool.imap(_worker_extract, texts, chunksize=chunk)


def _note_copies(engine: Engine, outcomes: list[IngestOutcome]) -> None:
    """Say which new articles are near-copies of another (one source, e.g. a wire story)."""
    with Session(engine) as session:
        rows = session.exec(select(Article.id, Article.file, Article.source_id)).all()
    file_of = {aid: f for aid, f, _ in rows}
    source = {f: file_of.get(src) for aid, f, src in rows if src is not None and src != aid}
    for o in outcomes:
        if o.status in ("added", "replaced") and o.file in source:
            o.detail = f"near-copy of {source[o.file]}: counted as one source with it"


def _bisect(starts: list[int], pos: int) -> int:
    return bisect.bisect_right(starts, pos) - 1


def ingest(
    paths: list[Path],
    settings: Settings | None = None,
    *,
    outlet: str | None = None,
    on_article: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    batch_size: int = 16,
    jobs: int = 1,
) -> IngestReport:
    """Ingest files and folders into the ledger named by ``settings.db``.

    Raises :class:`InputError` before writing anything when a named path is wrong;
    files in folders that cannot be read are skipped and listed in ``problems``.
    """
    settings = settings or Settings.from_env()
    sources, problems = discover([Path(p) for p in paths])
    folders = sorted({src.path.parent for src in sources if str(src.path) != "-"})
    warnings = [w for w in map(manifest_problem, folders) if w]
    articles: list[ArticleIn] = []
    for src in sources:
        try:
            articles.extend(load_articles(src.path, settings.max_bytes, outlet, src.name))
        except InputError as exc:
            if src.named:
                raise
            problems.append(exc)
    if not articles:
        raise problems[0] if problems else InputError("nothing to ingest")
    load_pipeline(settings.model)  # fail early, before the ledger is touched
    load_lexicon(settings.cues)
    engine = open_ledger(settings.db)
    if on_total:
        on_total(len(articles))
    outcomes: list[IngestOutcome] = []
    try:
        nlp, lexicon = load_pipeline(settings.model), load_lexicon(settings.cues)
        made = {"pipeline": pipeline_id(nlp), "extractor": EXTRACTOR_VERSION,
                "lexicon": lexicon.digest()}
        lexicon_body = lexicon.model_dump_json()
        with engine.connect() as conn:  # what is there already, without the texts
            known = {r.file: r for r in conn.execute(
                select(Article.file, Article.content_hash, Article.outlet, Article.title,
                       Article.date, Article.url, Article.pipeline, Article.extractor,
                       Article.lexicon))}
        todo = []
        for art in articles:
            row = known.get(art.file)
            if row is not None and _same(row, art) and not _made_by(row, made):  # type: ignore[arg-type]
                out = IngestOutcome(file=art.file, status="unchanged",
                                    detail="already in the ledger")
                outcomes.append(out)
                if on_article:
                    on_article(out)
            else:
                todo.append(art)
        for art, ex in zip(todo, _extractions(todo, settings, batch_size, jobs), strict=True):
            out = store(engine, art, ex, lexicon_body)
            outcomes.append(out)
            if on_article:
                on_article(out)
        # an earlier run stored articles and died before its reconcile: finish that too
        stale = unreconciled(engine)
        summary = reconcile(engine) if stale else ledger_summary(engine)
        _note_copies(engine, outcomes)
    finally:
        engine.dispose()
    order = {a.file: n for n, a in enumerate(articles)}
    outcomes.sort(key=lambda o: order.get(o.file, 0))
    return IngestReport(outcomes=outcomes, problems=[str(p) for p in problems],
                        warnings=warnings, reconcile=summary)
