"""Claims attributed with ``according to X``: the clause it modifies is the content."""

from __future__ import annotations

from spacy.tokens import Token

from summitledger.extract.bag import lemma_bag
from summitledger.extract.base import Context
from summitledger.extract.frames import build_frame
from summitledger.extract.spans import end_char, trim
from summitledger.models import ClaimDraft
from summitledger.nlp.doc import child_span, subtree_ids


def _reporting_cue(ctx: Context, clause: Token) -> Token | None:
    """The cue verb outside quotations that reports ``clause`` (itself, or the verb whose
    complement it is), if any."""
    for tok in (clause, clause.head):
        if ctx.lexicon.complements(tok.lemma_) and ctx.quoted(tok) is None:
            if (tok == clause or clause.dep_ in ("ccomp", "xcomp", "dobj", "conj")) and any(
                    c.cue_start == tok.idx for c in ctx.claims):  # 'nobody had been told'
                return tok                                       # reports nothing
    return None


def _as_channel(ctx: Context, cue: Token, channel: str, according: Token) -> None:
    """Record ``channel`` on the claims of ``cue``; their content ends before the
    'according to' phrase."""
    for c in ctx.claims:
        if c.cue_start != cue.idx or c.channel:
            continue
        c.channel = channel
        phrase = subtree_ids(according) | {according.i}
        last = ctx.doc[max(phrase)]
        span = None
        if c.content_start <= according.idx and last.idx + len(last.text) < c.content_end \
                and not ctx.text[c.content_start:according.idx].strip(" ,;-–—"):
            # "A said, according to B, that X": the content starts after the phrase
            ids = {t.i for t in ctx.doc.char_span(c.content_start, c.content_end,
                                                  alignment_mode="expand")} - phrase
            rng = trim(ctx.doc, ids)
            span = ctx.doc[rng[0] : rng[1] + 1] if rng else None
        elif c.content_start < according.idx < c.content_end:
            end = according.idx
            while end > c.content_start and ctx.text[end - 1] in " ,;-–—":
                end -= 1
            span = ctx.doc.char_span(c.content_start, end, alignment_mode="contract")
        if span is not None and len(span):
            c.content, c.content_start, c.content_end = span.text, span.start_char, span.end_char
            cue_marks = " ".join(w for w in c.lemmas.split() if w.startswith("c:"))
            c.lemmas = f"{lemma_bag(span)} {cue_marks}".strip()
            negative = c.frame.predicate in set(ctx.lexicon.negative)
            c.frame = build_frame(span, c.frame.predicate, c.frame.family, negative)
            c.polarity = c.frame.polarity


def according_claims(ctx: Context) -> None:
    doc = ctx.doc
    for i in ctx.positions(["according"], "LOWER"):
        t = doc[i]
        if ctx.quoted(t) is not None:
            continue
        to = next((c for c in t.children if c.lower_ == "to"), None)
        if to is None and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            to = doc[t.i + 1]
        if to is None:
            continue
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        speaker = child_span(obj)
        phrase = subtree_ids(t) | subtree_ids(to) | {t.i, to.i}
        clause = t.head if t.head != t else t.sent.root
        while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and clause.head != clause:
            clause = clause.head
        last = max(phrase)
        if t.i > 0 and doc[t.i - 1].text == "," and all(  # "X, according to B.": all of X
                x.is_punct or x.is_space for x in doc[last + 1 : t.sent.end]):
            clause = t.sent.root
        reporter = _reporting_cue(ctx, clause)
        if reporter is not None:
            # "A said X, according to B": A's claim, which B passed on
            _as_channel(ctx, reporter, speaker.text, t)
            continue
        ids = subtree_ids(clause) - phrase
        ids = {i for i in ids if doc[i].sent == t.sent}
        # "X, according to B.": the stop after the phrase is not content
        ids = {i for i in ids if not (i > max(phrase) and doc[i].is_punct)}
        rng = trim(doc, ids)
        if rng is None:
            continue
        span = doc[rng[0] : rng[1] + 1]
        if sum(1 for x in span if not x.is_punct) < 3:
            continue
        frags = sorted({q for q in (ctx.qof[x.i] for x in span) if q is not None})
        actor, kind = ctx.actors.resolve(speaker)
        s_start, s_end = ctx.sentence_span(t.i, t.i)
        ctx.claims.append(
            ClaimDraft(
                speaker=speaker.text,
                speaker_start=speaker.start_char,
                speaker_end=speaker.end_char,
                actor=actor,
                actor_kind=kind,  # type: ignore[arg-type]
                cue="according to",
                cue_start=t.idx,
                cue_end=to.idx + len(to.text),
                type="mixed" if frags else "indirect",
                content=ctx.text[span.start_char : end_char(span)],
                content_start=span.start_char,
                content_end=end_char(span),
                quote=" … ".join(ctx.quotes[q].text(ctx.text) for q in frags),
                sentence_start=s_start,
                sentence_end=s_end,
                rule="according-to",
                polarity=(frame := build_frame(span, "according", "according", False)).polarity,
                frame=frame,
                lemmas=lemma_bag(span) + " c:according",
            )
        )
