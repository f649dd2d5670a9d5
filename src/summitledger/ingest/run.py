"""Ingest: files in, one transaction per article, then reconcile the whole ledger.

``ingest(paths, settings)`` is the library entry point; the CLI only adds progress
and printing. An article whose text and metadata are unchanged is left alone; a
changed one has its rows replaced inside its own transaction, so a failure part-way
leaves every other article as it was.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, select

from summitledger.errors import NOTHING_TO_INGEST, InputError
from summitledger.extract import EXTRACTOR_VERSION
from summitledger.extract.component import NAME, ClaimsComponent, make_claims_component
from summitledger.ingest.events import Pick, misfits, pick, pick_page, place
from summitledger.ingest.formats import load_articles
from summitledger.ingest.manifest import manifest_problem
from summitledger.ingest.readers import discover
from summitledger.ingest.web import is_address, web_articles
from summitledger.models import (
    Article,
    ArticleIn,
    Event,
    Extraction,
    IngestOutcome,
)
from summitledger.nlp.pipeline import load_pipeline, pipeline_id
from summitledger.nlp.select import parse_selected
from summitledger.reconcile.run import ReconcileSummary, ledger_summary, reconcile
from summitledger.settings import Settings
from summitledger.store.engine import open_ledger, unreconciled
from summitledger.store.writes import made_by, same_article, store

Progress = Callable[[IngestOutcome], None]


class IngestReport(BaseModel):
    outcomes: list[IngestOutcome]
    problems: list[str]  # files skipped (exit 3)
    warnings: list[str] = []  # nothing skipped, but worth knowing (a manifest ignored)
    reconcile: ReconcileSummary | None = None


_WORKER: ClaimsComponent | None = None


@lru_cache(maxsize=4)
def claims_component(model: str, cues: Path | None) -> ClaimsComponent:
    """The spaCy component ``summitledger_claims`` on the named pipeline, as ingest runs
    it (the pipeline itself stays as loaded: the component is called on whole docs);
    made once per pipeline and lexicon, like the pipeline and lexicon themselves."""
    nlp = load_pipeline(model)
    return make_claims_component(nlp, NAME, str(cues) if cues else None)


def _worker_init(model: str, cues: Path | None) -> None:
    global _WORKER
    _WORKER = claims_component(model, cues)


def _worker_extract(texts: list[str]) -> list[Extraction]:
    claims = _WORKER
    assert claims is not None
    return [claims(doc)._.extraction
            for doc in parse_selected(claims.nlp, texts, claims.triggers, len(texts))]


def _extractions(arts: list[ArticleIn], claims: ClaimsComponent, settings: Settings,
                 batch_size: int, jobs: int) -> Iterator[Extraction]:
    """Parse and extract each article, in order: the paragraphs that can carry a claim
    are parsed (batched ``nlp.pipe``) and the claims component runs on the whole doc, in
    this process or in ``jobs`` worker processes each taking whole articles."""
    texts = [a.text for a in arts]
    if jobs <= 1 or len(arts) < 2:
        for doc in parse_selected(claims.nlp, texts, claims.triggers, batch_size):
            yield claims(doc)._.extraction
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # each task is a batch of articles, parsed together as one process would
    size = max(1, min(batch_size, len(texts) // (2 * jobs)))
    batches = [texts[i : i + size] for i in range(0, len(texts), size)]
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(settings.model, settings.cues)) as pool:
        for done in pool.imap(_worker_extract, batches):
            yield from done


def _store(engine: Engine, art: ArticleIn, ex: Extraction, lexicon_body: str) -> IngestOutcome:
    """:func:`store`, once more if another writer stored the same text at the same
    moment (a unique-key clash) or PostgreSQL broke a deadlock by cancelling this one:
    the second try sees the other's article and says so."""
    for attempt in (1, 2, 3):
        try:
            return store(engine, art, ex, lexicon_body)
        except (IntegrityError, OperationalError) as exc:
            code = getattr(getattr(exc, "orig", None), "sqlstate", None)
            if attempt == 3 or code not in ("23505", "40P01", "40001"):
                raise
    raise AssertionError("unreachable")


def _note_copies(engine: Engine, outcomes: list[IngestOutcome]) -> None:
    """Say which new articles are near-copies of another (one source, e.g. a wire story)."""
    with Session(engine) as session:
        rows = session.exec(select(Article.id, Article.file, Article.source_id, Event.name)
                            .outerjoin(Event, Article.event_id == Event.id)).all()
    file_of = {aid: f for aid, f, _, _ in rows}
    source = {(f, ev): file_of.get(src) for aid, f, src, ev in rows
              if src is not None and src != aid}
    for o in outcomes:
        if o.status in ("added", "replaced") and (o.file, o.event) in source:
            o.detail = "; ".join(x for x in (o.detail, f"near-copy of {source[o.file, o.event]}: "
                                             "counted as one source with it") if x)


def ingest(
    paths: Sequence[Path | str],
    settings: Settings | None = None,
    *,
    urls: Sequence[str] = (),
    outlet: str | None = None,
    event: str | None = None,
    on_article: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
    batch_size: int = 16,
    jobs: int = 1,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files, folders and web pages into the ledger named by ``settings.db``, into
    the event ``event`` (default: a manifest's ``event``, else the folder's name; a web
    page the ledger's only event; see :mod:`summitledger.ingest.events`).

    A string in ``paths`` that is an address (``https://...``) is fetched, like each of
    ``urls``. Raises :class:`InputError` before writing anything when a named path is
    wrong; files in folders that cannot be read, and pages that cannot be fetched, are
    skipped and listed in ``problems``. Several
    ingests may write into one PostgreSQL ledger at once: ``on_wait`` hears when this
    one waits for another's reconcile.
    """
    settings = settings or Settings.from_env()
    addresses = [*(p for p in paths if isinstance(p, str) and is_address(p)), *urls]
    files = [Path(p) for p in paths if not (isinstance(p, str) and is_address(p))]
    sources, problems = discover(files) if files or not addresses else ([], [])
    folders = sorted({src.path.parent for src in sources if str(src.path) != "-"})
    warnings = [w for w in map(manifest_problem, folders) if w]
    articles: list[ArticleIn] = []
    picks: list[Pick] = []
    for src in sources:
        try:
            loaded = load_articles(src.path, settings.max_bytes, outlet, src.name)
        except InputError as exc:
            if src.named:
                raise
            problems.append(exc)
            continue
        articles.extend(loaded)
        picks += [pick(src, event)] * len(loaded)
    fetched, failed = web_articles(addresses, settings.max_bytes, settings.fetch_timeout, outlet)
    articles.extend(fetched)
    picks += [pick_page(event)] * len(fetched)
    problems.extend(failed)
    if not articles:
        if len(problems) > 1:  # every one named, on the one line an error gets
            raise InputError(f"nothing to ingest, all {len(problems)} failed: "
                             + "; ".join(map(str, problems)), code=NOTHING_TO_INGEST)
        raise problems[0] if problems else InputError("nothing to ingest",
                                                      code=NOTHING_TO_INGEST)
    # fail early, before the ledger is touched
    claims = claims_component(settings.model, settings.cues)
    lexicon = claims.lexicon
    engine = open_ledger(settings.db)
    if on_total:
        on_total(len(articles))
    outcomes: list[IngestOutcome] = []
    try:
        made = {"pipeline": pipeline_id(claims.nlp), "extractor": EXTRACTOR_VERSION,
                "lexicon": lexicon.digest()}
        lexicon_body = lexicon.model_dump_json()
        with engine.connect() as conn:  # what is there already, without the texts
            rows = conn.execute(
                select(Article.file, Article.path, Event.name.label("event"),  # type: ignore[attr-defined]
                       Article.content_hash, Article.outlet, Article.title, Article.date,
                       Article.url, Article.pipeline, Article.extractor, Article.lexicon)
                .outerjoin(Event, Article.event_id == Event.id)).all()
            events = sorted(conn.execute(select(Event.name)).scalars())
        homes: dict[tuple[str, str], set[str]] = {}
        for r in rows:
            homes.setdefault((r.file, r.path), set()).add(r.event)
        place(articles, picks, homes, events)
        known = {(r.file, r.event): r for r in rows}
        todo = []
        for art in articles:
            row = known.get((art.file, art.event))
            if row is not None and same_article(row, art) and not made_by(row, made):  # type: ignore[arg-type]
                out = IngestOutcome(file=art.file, status="unchanged",
                                    detail="already in the ledger", event=art.event)
                outcomes.append(out)
                if on_article:
                    on_article(out)
            else:
                todo.append(art)
        for art, ex in zip(todo, _extractions(todo, claims, settings, batch_size, jobs), strict=True):
            out = _store(engine, art, ex, lexicon_body)
            outcomes.append(out)
            if on_article:
                on_article(out)
        # an earlier run stored articles and died before its reconcile: finish that too
        stale = unreconciled(engine)
        summary = reconcile(engine, on_wait) if stale else ledger_summary(engine)
        _note_copies(engine, outcomes)
        warnings += misfits(engine, [(o.file, o.event) for o in outcomes
                                     if o.status in ("added", "replaced")])
    finally:
        engine.dispose()
    order = {a.file: n for n, a in enumerate(articles)}
    outcomes.sort(key=lambda o: order.get(o.file, 0))
    return IngestReport(outcomes=outcomes, problems=[str(p) for p in problems],
                        warnings=warnings, reconcile=summary)
