"""Claims introduced by a reporting cue: ``X said (that) ...``, ``"...," said X``,
``X warned of ...``, ``X promised to ...``, ``X let it be known that ...``.

The cue is a verb (or a multi-word phrase) of the lexicon; the speaker is its subject
(see :mod:`speakers`); the content is
the complement the lexicon allows for that cue, or a quotation next to it. The share
of quoted words in the content decides direct, mixed or indirect.
"""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Span, Token

from summitledger.extract.bag import bag_of, lemma_bag, question_topic
from summitledger.extract.base import Context
from summitledger.extract.clauses import nested_attributions, says_something, split_that
from summitledger.extract.complements import complement
from summitledger.extract.continuation import adjacent_quote, continuation_of, cue_frame
from summitledger.extract.cues import Lexicon, find_phrases, phrase_lemmas
from summitledger.extract.frames import build_frame
from summitledger.extract.objects import gapped_objects
from summitledger.extract.spans import end_char, trim
from summitledger.extract.speakers import can_speak, find_speaker, surface_head, surface_subject
from summitledger.extract.trailing import trailing_frame
from summitledger.models import ClaimDraft
from summitledger.nlp.doc import child_span
from summitledger.nlp.nouns import thesaurus
from summitledger.nlp.words import CONDITIONAL, HEDGING_MODALS


def agentive(span: Span, ctx: Context, lexicon: Lexicon, root: Token | None = None) -> bool:
    """Can this phrase speak? See :mod:`speakers`: an open class decided by the parse."""
    return can_speak(span, ctx.quoted(span.root) is not None, lexicon.speaker_set(), root)


def hypothetical(cue: Token) -> bool:
    """'may agree', 'did not say', 'if he says': reports of nothing said."""
    for c in cue.children:
        if c.dep_ == "aux" and c.lower_ in HEDGING_MODALS:
            return True
        if c.dep_ == "neg":
            return True
        if c.dep_ == "mark" and c.lower_ in CONDITIONAL:
            return True
    if cue.dep_ in ("pcomp", "advcl") and cue.head.lower_ in CONDITIONAL:
        return True  # "before confirming it"
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subj is not None and cue.dep_ != "ROOT" and any(  # "days before X had confirmed it"
            cue.doc[j].lower_ in CONDITIONAL for j in range(cue.left_edge.i, subj.left_edge.i)):
        return True
    return cue.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)


def claim_from_cue(
    ctx: Context, cues: list[Token], kinds: list[str], rule: str, negative: bool
) -> list[ClaimDraft]:
    """The claims one cue introduces: usually one; 'said X and that Y' gives two."""
    head = next((t for t in cues if t.head.i not in {c.i for c in cues} or t.head == t), cues[0])
    if any(ctx.quoted(t) is not None for t in cues) or hypothetical(head):
        return []
    subj = find_speaker(head)
    reports = len(cues) == 1 and ("ccomp" in kinds or "quote" in kinds)
    trail = trailing_frame(head, subj, kinds) if reports else None
    surface = None
    if subj is not None:
        speaker = child_span(subj, stop=head)
        if trail is not None and trail.speaker is not None:
            speaker = trail.speaker  # "..., added an official at the ministry."
            if not speaker.start <= subj.i < speaker.end:
                subj, surface = surface_head(speaker), speaker
    else:  # read off the surface: "..., added state police.", "A passer-by said ..."
        surface = trail.speaker if trail is not None else surface_subject(head)
        if surface is None:
            return []
        speaker, subj = surface, surface_head(surface)
    if not agentive(speaker, ctx, ctx.lexicon, subj if surface is not None else None):
        return []
    if trail is not None:  # "X, police said.": all of X
        found: tuple[str, set[int]] | None = ("trailing", trail.content)
    else:
        found = complement(cues, kinds, frozenset(range(speaker.start, speaker.end)))
    if found is None:
        parts: list[tuple[str, set[int]] | None] = [None]
    else:
        kind, ids = found
        if negative and kind == "dobj" and not says_something(ctx.doc, ids, cues):
            return []  # "rejected the offer" is an act; "rejected the claims" a denial
        ids -= nested_attributions(ctx, ids, head)
        pieces = split_that(ctx.doc, ids) if kind == "ccomp" else [ids]
        if kind == "dobj":
            pieces += gapped_objects(head, kinds)
        parts = [(kind, p) for p in pieces]
    out = []
    for part in parts:
        claim = _claim(ctx, cues, kinds, rule, negative, head, subj, speaker, part)
        if claim is not None:
            out.append(claim)
    return out


def _claim(ctx: Context, cues: list[Token], kinds: list[str], rule: str, negative: bool,
           head: Token, subj: Token, speaker: Span,
           found: tuple[str, set[int]] | None) -> ClaimDraft | None:
    doc = ctx.doc
    # "a fire service official, Debashish Bardhan"; "the ferry's operator, Oskova Lake
    # Lines": the name in apposition is the speaker
    named = next((c for c in subj.children if c.dep_ == "appos" and (
        c.ent_type_ == "PERSON" or (c.ent_type_ == "ORG" and subj.pos_ == "NOUN"))), None)
    cue_ids = {t.i for t in cues}
    speaker_ids = set(range(speaker.start, speaker.end))
    qi: int | None = None
    if found is not None:
        kind, ids = found
        ids -= speaker_ids | cue_ids
        words = [i for i in ids if not doc[i].is_punct]
        quoted = Counter(ctx.qof[i] for i in words if ctx.qof[i] is not None)
        if words and quoted and quoted.most_common(1)[0][1] >= 0.8 * len(words):
            qi = quoted.most_common(1)[0][0]
        elif kind in ("ccomp", "trailing") and words:
            qi = _quoted_clause(ctx, ids, min(words))
    elif "quote" in kinds:
        kind, ids = "quote", set()
        qi = adjacent_quote(ctx, cue_frame(cues, speaker_ids))
        if qi is None:
            return None
    else:
        return None
    if qi is not None:
        if qi in ctx.used_quotes:
            return None
        quotes = continuation_of(ctx, qi, cue_ids | speaker_ids)
        ctx.used_quotes.update(quotes)
        segs = [s for q in quotes for s in ctx.quotes[q].segments]
        start, end = segs[0][0], segs[-1][1]
        content = " ".join(ctx.quotes[q].text(ctx.text) for q in quotes)
        if ctx.text.startswith(content, start):  # one fragment: the offsets are its own
            end = start + len(content)
        span = doc.char_span(start, end, alignment_mode="expand")
        clause = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
        ctype = "direct" if clause or kind in ("ccomp", "quote", "trailing") else "mixed"
        quote_text = content
        rule = f"{rule}:{kind}:direct"
        bag = lemma_bag(span) if span is not None else ""
    else:
        rng = trim(doc, ids)
        if rng is None:
            return None
        span = doc[rng[0] : rng[1] + 1]
        if sum(1 for t in span if not t.is_punct) < (1 if kind.startswith("prep:") else 2):
            return None
        frags = sorted({q for q in (ctx.qof[t.i] for t in span) if q is not None})
        ctx.used_quotes.update(frags)
        quote_text = " … ".join(ctx.quotes[q].text(ctx.text) for q in frags)
        ctype = "mixed" if frags else "indirect"
        start, end = span.start_char, end_char(span)
        bag = lemma_bag(span)
        content = ctx.text[start:end]
        if kind == "parenthetical":  # the whole span, its ", X said," frame inside it
            bag = bag_of([t for t in span if t.i in found[1]])
        rule = f"{rule}:{kind}"
    actor, akind = ctx.actors.resolve(child_span(named) if named is not None else speaker)
    ctx.actors.note(subj.i, actor, akind, subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they",))
    lo_tok = min(speaker.start, head.i, span.start if span is not None else head.i)
    hi_tok = max(speaker.end - 1, head.i, span.end - 1 if span is not None else head.i)
    s_start, s_end = ctx.sentence_span(lo_tok, hi_tok)
    s_start, s_end = min(s_start, start), max(s_end, end)
    cue_lemma = head.lemma_.lower()
    frame = build_frame(span, cue_lemma, thesaurus().get(cue_lemma, cue_lemma), negative)
    polarity = frame.polarity
    cue_text = doc[min(cue_ids) : max(cue_ids) + 1].text
    if kind.startswith("prep:"):
        cue_text += " " + kind.split(":", 1)[1]
    return ClaimDraft(
        speaker=speaker.text,
        speaker_start=speaker.start_char,
        speaker_end=speaker.end_char,
        actor=actor,
        actor_kind=akind,  # type: ignore[arg-type]
        cue=cue_text,
        cue_start=doc[min(cue_ids)].idx,
        cue_end=doc[max(cue_ids)].idx + len(doc[max(cue_ids)].text),
        type=ctype,  # type: ignore[arg-type]
        content=content,
        content_start=start,
        content_end=end,
        quote=quote_text,
        sentence_start=s_start,
        sentence_end=s_end,
        rule=rule,
        polarity=polarity,
        frame=frame,
        lemmas=(f"{bag} c:{head.lemma_.lower()}").strip(),
        topic=question_topic(ctx, ctx.sent_of(lo_tok),
                             set(range(span.start, span.end)) if span is not None else set()),
    )


def _quoted_clause(ctx: Context, ids: set[int], first: int) -> int | None:
    """'said "the gate is closed" on Monday': a reported clause that opens with a
    quotation holding its verb is that quotation; words after the closing mark (when
    and where it was said) are the journalist's."""
    qi = ctx.qof[first]
    if qi is None:
        return None
    doc = ctx.doc
    roots = [i for i in ids if doc[i].head.i not in ids or doc[i].head.i == i]
    return qi if roots and all(ctx.qof[r] == qi for r in roots) else None


def cue_claims(ctx: Context, nlp: Language) -> None:
    """Every claim introduced by a cue verb or phrase, appended to ``ctx.claims``."""
    lex = ctx.lexicon
    table = phrase_lemmas(nlp, tuple(sorted(lex.phrases)))
    phrase_cues: list[tuple[list[Token], str]] = []
    taken: set[int] = set()
    for start, end, name in find_phrases(ctx.doc, table):
        toks = list(ctx.doc[start:end])
        phrase_cues.append((toks, name))
        taken.update(t.i for t in toks)
    candidates: list[tuple[int, list[Token], list[str], str, bool]] = []
    for toks, name in phrase_cues:
        candidates.append((toks[0].i, toks, lex.phrases[name], "phrase", False))
    negative = set(lex.negative)
    for i in ctx.positions(lex.verbs):
        t = ctx.doc[i]
        if t.i in taken or t.pos_ not in ("VERB", "AUX"):
            continue
        kinds = lex.complements(t.lemma_)
        if kinds:
            candidates.append((t.i, [t], kinds, "cue", t.lemma_.lower() in negative))
    for _, toks, kinds, rule, neg in sorted(candidates, key=lambda c: c[0]):
        ctx.claims.extend(claim_from_cue(ctx, toks, kinds, rule, neg))
