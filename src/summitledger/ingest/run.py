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
from sqlalchemy.exc import DBAPIError

from summitledger.errors import NOTHING_TO_INGEST, TOO_SLOW, InputError
from summitledger.extract import EXTRACTOR_VERSION
from summitledger.extract.component import NAME, ClaimsComponent, make_claims_component
from summitledger.ingest.events import Pick, misfits, pick, pick_page, place
from summitledger.ingest.formats import load_articles
from summitledger.ingest.manifest import manifest_problem
from summitledger.ingest.readers import discover
from summitledger.ingest.triage import settle, triage
from summitledger.ingest.web import is_address, web_articles
from summitledger.models import ArticleIn, Extraction, IngestOutcome
from summitledger.nlp.budget import Budget, article_seconds
from summitledger.nlp.pipeline import load_pipeline, pipeline_id
from summitledger.nlp.select import BATCH_SIZE, parse_selected
from summitledger.reconcile.run import ReconcileSummary, ledger_summary, reconcile
from summitledger.settings import ENV_ARTICLE_SECONDS, Settings
from summitledger.store.articles import copies, homes
from summitledger.store.backend import gave_way
from summitledger.store.engine import open_ledger, unreconciled
from summitledger.store.origins import sweep
from summitledger.store.writes import store

Progress = Callable[[IngestOutcome], None]
#: Tries at storing one article: a second when another writer stored the same text at
#: the same moment, a third when PostgreSQL then breaks a deadlock; more is a real fault.
STORE_TRIES = 3
#: With worker processes, each gets at least this many batches, so one slow batch does
#: not leave the others idle at the end.
BATCHES_PER_JOB = 2


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


def _extract(claims: ClaimsComponent, texts: list[str], limits: list[float],
             batch_size: int) -> Iterator[Extraction | None]:
    """Each text parsed and extracted within its time budget (None: it ran over)."""
    budget = Budget(limits)
    for n, doc in enumerate(parse_selected(claims.nlp, texts, claims.triggers, batch_size,
                                           budget)):
        if doc is None:
            yield None
            continue
        ex = claims(doc)._.extraction
        budget.charge(n)
        yield None if budget.over(n) else ex


def _worker_extract(task: tuple[list[str], list[float]]) -> list[Extraction | None]:
    claims = _WORKER
    assert claims is not None
    texts, limits = task
    return list(_extract(claims, texts, limits, len(texts)))


def _extractions(arts: list[ArticleIn], claims: ClaimsComponent, settings: Settings,
                 batch_size: int, jobs: int) -> Iterator[Extraction | None]:
    """Parse and extract each article, in order: the paragraphs that can carry a claim
    are parsed (batched ``nlp.pipe``) and the claims component runs on the whole doc, in
    this process or in ``jobs`` worker processes each taking whole articles. None for an
    article over its time budget (:func:`~summitledger.nlp.budget.article_seconds`)."""
    texts = [a.text for a in arts]
    limits = [article_seconds(t, settings.article_seconds) for t in texts]
    if jobs <= 1 or len(arts) < 2:
        yield from _extract(claims, texts, limits, batch_size)
        return
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # each task is a batch of articles, parsed together as one process would
    size = max(1, min(batch_size, len(texts) // (BATCHES_PER_JOB * jobs)))
    batches = [(texts[i : i + size], limits[i : i + size]) for i in range(0, len(texts), size)]
    with ctx.Pool(jobs, initializer=_worker_init, initargs=(settings.model, settings.cues)) as pool:
        for done in pool.imap(_worker_extract, batches):
            yield from done


def _store(engine: Engine, art: ArticleIn, ex: Extraction | None, lexicon_body: str,
           keep: frozenset[str]) -> IngestOutcome | None:
    """:func:`store`, once more if another writer stored the same text at the same
    moment (a unique-key clash) or PostgreSQL broke a deadlock by cancelling this one:
    the second try sees the other's article and says so."""
    for attempt in range(1, STORE_TRIES + 1):
        try:
            return store(engine, art, ex, lexicon_body, keep)
        except DBAPIError as exc:
            if attempt == STORE_TRIES or not gave_way(exc):
                raise
    raise AssertionError("unreachable")


def claim_embeddings(ex: Extraction) -> list[bytes]:
    """Each claim's content embedding, made once here and kept with the claim (reconcile
    reads it instead of embedding every claim of the ledger again)."""
    from summitledger.reconcile.embedding import embed, pack
    from summitledger.reconcile.signals import meaning_text

    return pack(embed([meaning_text(c.content, c.lemmas, c.topic) for c in ex.claims])) \
        if ex.claims else []


def _note_copies(engine: Engine, done: list[tuple[ArticleIn, IngestOutcome]]) -> None:
    """Say which new articles are near-copies of another (one source, e.g. a wire story)."""
    source = copies(engine, {art.origin for art, o in done if o.status in ("added", "replaced")})
    for art, o in done:
        if o.status in ("added", "replaced") and art.origin in source:
            o.detail = "; ".join(x for x in (o.detail, f"near-copy of {source[art.origin]}: "
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
    batch_size: int = BATCH_SIZE,
    jobs: int = 1,
    on_wait: Callable[[str], None] | None = None,
    on_note: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files, folders and web pages into the ledger named by ``settings.db``, into
    the event ``event`` (default: a manifest's ``event``, else the folder's name; a web
    page the ledger's only event; see :mod:`summitledger.ingest.events`).

    A string in ``paths`` that is an address (``https://...``) is fetched, like each of
    ``urls``. Raises :class:`InputError` before writing anything when a named path is
    wrong; files in folders that cannot be read, and pages that cannot be fetched, are
    skipped and listed in ``problems``. Several
    ingests may write into one PostgreSQL ledger at once: ``on_wait`` hears when this
    one waits for another's reconcile; ``on_note`` why the reconcile that follows had to
    rebuild an event rather than add the new articles to it.
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
            loaded = load_articles(src.path, settings.max_bytes, outlet, src.name, problems)
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
    done: dict[int, IngestOutcome] = {}

    def finish(n: int, out: IngestOutcome) -> None:
        done[n] = out
        if on_article:
            on_article(out)

    try:
        made = {"pipeline": pipeline_id(claims.nlp), "extractor": EXTRACTOR_VERSION,
                "lexicon": lexicon.digest()}
        lexicon_body = lexicon.model_dump_json()
        place(articles, picks, *homes(engine))  # where each file's article is already
        keep = frozenset(a.content_hash for a in articles)  # texts this run brings
        known, stored_only, extract, existed = triage(engine, articles, made)
        for n, out in known.items():
            finish(n, out)
        for n in stored_only:  # its text is stored already: nothing to extract
            placed = _store(engine, articles[n], None, lexicon_body, keep)
            if placed is None:
                extract.append(n)
            else:
                finish(n, placed)
        extract.sort()
        todo = [articles[n] for n in extract]
        for n, art, ex in zip(extract, todo, _extractions(todo, claims, settings, batch_size,
                                                         jobs), strict=True):
            if ex is None:
                problems.append(InputError(
                    f"{art.path}: skipped, parsing took longer than its "
                    f"{article_seconds(art.text, settings.article_seconds):.0f} s budget "
                    f"({ENV_ARTICLE_SECONDS})", code=TOO_SLOW))
                continue
            ex.embeddings = claim_embeddings(ex)
            out = _store(engine, art, ex, lexicon_body, keep)
            assert out is not None
            finish(n, out)
        sweep(engine)  # texts no file holds any more (this run's, or a killed run's)
        # an earlier run stored articles and died before its reconcile: finish that too
        stale = unreconciled(engine)
        summary = reconcile(engine, on_wait, say=on_note) if stale else ledger_summary(engine)
        settle(engine, [(articles[n], o) for n, o in done.items()], existed)
        _note_copies(engine, [(articles[n], o) for n, o in done.items()])
        warnings += misfits(engine, [(o.file, o.event) for o in done.values()
                                     if o.status in ("added", "replaced")])
    finally:
        engine.dispose()
    return IngestReport(outcomes=[done[n] for n in sorted(done)],
                        problems=[str(p) for p in problems], warnings=warnings,
                        reconcile=summary)
