"""Extraction: a parsed article in, attributed claims out.

One module per family of rules: :mod:`attribution` (cue verbs and phrases, with
:mod:`complements` for what each cue reports),
:mod:`according` (``according to X``), :mod:`orphans` (quotations with no cue in their
sentence). :mod:`quotes` finds quotations; :mod:`cues` holds the lexicon.
"""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc

from summitledger.extract.according import according_claims
from summitledger.extract.actors import ArticleActors
from summitledger.extract.attribution import cue_claims
from summitledger.extract.base import Context
from summitledger.extract.cues import Lexicon, load_lexicon
from summitledger.extract.orphans import orphan_claims
from summitledger.extract.quotes import Quote, find_quotes, repair_unclosed
from summitledger.extract.relays import relay
from summitledger.models import ClaimDraft, Extraction, PassedIn, RoleAlias, SentenceIn
from summitledger.nlp.pipeline import pipeline_id
from summitledger.nlp.words import HONORIFICS, NAME_GLUE, PERSONAL

__all__ = ["EXTRACTOR_VERSION", "extract_doc", "extract_text", "Lexicon", "load_lexicon"]

#: The extraction rules' version, recorded on every article: an article extracted by
#: other rules is extracted again on its next ingest. Raise it when the rules change.
EXTRACTOR_VERSION = "2026.12.7+battery"


def extract_doc(doc: Doc, nlp: Language, lexicon: Lexicon) -> Extraction:
    """All attributed claims of one parsed article, in text order."""
    text = doc.text
    quotes = find_quotes(text)
    repair_unclosed(quotes, doc, lambda t: bool(lexicon.complements(t.lemma_)))
    # a quotation over several paragraphs is a claim a paragraph, each by the same speaker
    quotes = [Quote([seg], closed=q.closed) for q in quotes for seg in q.segments]
    ctx = Context(doc=doc, quotes=quotes, lexicon=lexicon,
                  actors=ArticleActors(doc, lexicon.speaker_nouns))
    ctx.index_quotes()
    ctx.actors.quoted = lambda i: ctx.qof[i] is not None
    cue_claims(ctx, nlp)
    according_claims(ctx)
    orphan_claims(ctx)
    claims = _dedupe(sorted(relay(ctx, ctx.claims), key=lambda c: (c.content_start, c.content_end)))
    sentences = [  # trusted values from the parse: built without validation
        SentenceIn.model_construct(idx=n, start=s.start_char, end=s.end_char,
                                   text=text[s.start_char : s.end_char])
        for n, s in enumerate(doc.sents)
    ]
    aliases = [RoleAlias(actor=a, alias=r) for a, r in ctx.actors.aliases()]
    return Extraction(sentences=sentences, claims=claims, aliases=aliases,
                      pipeline=pipeline_id(nlp), extractor=EXTRACTOR_VERSION,
                      lexicon=lexicon.digest(), passed=_passed_over(ctx, claims))


def _passed_over(ctx: Context, claims: list[ClaimDraft]) -> list[PassedIn]:
    """Sentences holding a cue verb (or 'according to') outside quotations that gave no
    claim, each with its first such cue: what the rules passed over, for a user to look
    at (``summitledger claims --passed-over``)."""
    doc = ctx.doc
    with_claims = {ctx.sent_of(doc.char_span(c.sentence_start, c.sentence_end,
                                             alignment_mode="expand").start).start
                   for c in claims if c.sentence_end > c.sentence_start}
    first: dict[int, int] = {}  # sentence start -> its first cue token
    found = [i for i in ctx.positions(ctx.lexicon.verbs)
             if ctx.qof[i] is None and doc[i].pos_ in ("VERB", "AUX")]
    found += [i for i in ctx.positions(["according"], "LOWER") if ctx.qof[i] is None]
    for i in found:
        s = ctx.sent_of(i).start
        first[s] = min(first.get(s, i), i)
    out = []
    for s, i in sorted(first.items()):
        if s in with_claims:
            continue
        sent, tok = ctx.sent_of(i), doc[i]
        cue = tok.text
        if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            cue = doc[i : i + 2].text
        words = ctx.text[sent.start_char : sent.end_char]  # a paragraph's break trimmed
        start = sent.start_char + len(words) - len(words.lstrip())
        out.append(PassedIn(sentence_start=start, sentence_end=start + len(words.strip()),
                            cue=cue, cue_start=tok.idx))
    return out


def _dedupe(claims: list[ClaimDraft]) -> list[ClaimDraft]:
    """Drop a claim whose content lies inside another's with the same speaker, and a
    claim reported inside another's content ("Residents said they had complained about
    X": the residents' claim, not a second one). ``claims`` come sorted by content
    start; only claims still open at a claim's start can hold it, so the work stays
    linear in a long article."""
    kept: list[ClaimDraft] = []
    active: list[ClaimDraft] = []  # kept claims whose content reaches the current one
    for c in claims:
        active = [k for k in active if k.content_end >= c.content_start]
        if any(k.speaker_start == c.speaker_start and k.content_start <= c.content_start
               and c.content_end <= k.content_end for k in active):
            continue
        kept.append(c)
        active.append(c)
    out: list[ClaimDraft] = []
    by_start = sorted(kept, key=lambda k: k.content_start)
    starts = [k.content_start for k in by_start]
    for c in kept:
        if c.cue:
            lo = min(c.cue_start, c.content_start)
            hi = max(c.cue_end, c.content_end)
            # the outer claims start at or before lo; contents are short, so look back
            # only over those that can still reach hi
            n = bisect.bisect_right(starts, lo)
            held = False
            for k in reversed(by_start[max(0, n - 64) : n]):
                if k is not c and k.content_end >= hi and _same_voice(k, c):
                    held = True
                    break
            if held:
                continue
        out.append(c)
    return out


#: words of two actors' names that do not make them one body
_NOT_NAMES = NAME_GLUE | HONORIFICS | {"s"}


def _same_voice(outer: ClaimDraft, inner: ClaimDraft) -> bool:
    """Is the inner claim's speaker the outer's own ('they', or the same body)?"""
    if inner.speaker.lower() in PERSONAL | {"it"}:
        return True
    words = {w for w in outer.actor.lower().split() if w not in _NOT_NAMES}
    return bool(words & {w for w in inner.actor.lower().split() if w not in _NOT_NAMES})


def extract_text(text: str, model: str | None = None, lexicon: Lexicon | None = None) -> Extraction:
    """Parse ``text`` with the configured pipeline and extract its claims (for library use)."""
    from summitledger.nlp.pipeline import load_pipeline
    from summitledger.nlp.text import prose
    from summitledger.settings import Settings

    settings = Settings.from_env()
    nlp = load_pipeline(model or settings.model)
    from summitledger.nlp.pipeline import parse_texts

    doc = next(parse_texts(nlp, [prose(text)]))
    return extract_doc(doc, nlp, lexicon or load_lexicon(settings.cues))
