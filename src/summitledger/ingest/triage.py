"""What each article of an ingest needs, from what the ledger holds; and what became of
a file first counted as a copy once the run is over (:mod:`summitledger.store.origins`
has the rules)."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from summitledger.models import ArticleIn, IngestOutcome
from summitledger.store.articles import owners, stored_texts
from summitledger.store.origins import holds_as_is
from summitledger.store.writes import standing, unchanged


def settle(engine: Engine, done: list[tuple[ArticleIn, IngestOutcome]],
            known: set[str]) -> None:
    """A file first counted as a copy may own its text by the end of the run (the file
    that had it took another text meanwhile, as when two files swap texts): say so."""
    owning = owners(engine)
    for art, o in done:
        if o.status == "duplicate" and art.origin in owning:
            o.status = "replaced" if art.origin in known else "added"
            o.detail = "now its own article: the file it copied took another text"


def triage(engine: Engine, articles: list[ArticleIn], made: dict[str, str]
            ) -> tuple[dict[int, IngestOutcome], list[int], list[int], set[str]]:
    """What each article needs, from what the ledger holds (read without the texts):
    an outcome already (unchanged, or a copy already counted), a store without
    extraction (its text is stored already: by another file, or in another event), or
    extraction."""
    stored, held = stored_texts(engine)
    known: dict[int, IngestOutcome] = {}
    stored_only, extract = [], []
    for n, art in enumerate(articles):
        row, mine = stored.get(art.content_hash), held.get(art.origin)
        if row is None:
            extract.append(n)
        elif row.origin == art.origin:
            state = standing(row, art, made, art.event)
            if state == "unchanged":
                known[n] = unchanged(art, art.event)
            elif state == "moved":
                stored_only.append(n)  # given another event: it moves there as it is
            else:
                extract.append(n)
        elif mine is not None and holds_as_is(mine, art):
            where = f" in event '{row.event}'" if row.event != art.event else ""
            known[n] = IngestOutcome(file=art.file, status="duplicate", event=art.event,
                                     detail=f"same text as {row.file}{where}; counted once")
        else:
            stored_only.append(n)
    return known, stored_only, extract, {a.origin for a in articles if a.origin in held}
