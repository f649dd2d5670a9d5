"""What one cue reports, made a claim: the quotation it reports or the span of its
complement, how much of it is quoted (direct, mixed or indirect), who says it and the
sentences it spans. Used by :mod:`attribution`, whose cues are read in text order: a
quotation one cue reports is no longer there for the next (:class:`Heard`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from summitledger.extract.bag import bag_of, question_topic
from summitledger.extract.continuation import adjacent_quote, continuation_of, cue_frame
from summitledger.extract.drafts import Content, Voice, claim_draft
from summitledger.extract.spans import trim
from summitledger.nlp.doc import child_span

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from summitledger.extract.actors import ArticleActors
    from summitledger.extract.article import Article
    from summitledger.extract.mentions import Mention
    from summitledger.models import ClaimDraft

#: the share of a content's words inside one quotation that makes the content that
#: quotation (a word or two of frame around it are the journalist's)
QUOTED_SHARE = 0.8
#: the fewest words a reported content has: 'warned of war' reports one, 'said it' no claim
MIN_WORDS = 2
MIN_WORDS_AFTER_PREPOSITION = 1


class Cue(NamedTuple):
    """A cue verb or phrase in the text and what the lexicon lets it report."""

    tokens: list[Token]
    kinds: list[str]  # 'ccomp', 'dobj', 'prep:of', 'quote', ...
    rule: str  # 'cue' (a verb) or 'phrase'
    negative: bool  # it denies what it reports ('deny', 'reject')
    head: Token  # the phrase's head ('express' of 'express concern')


@dataclass
class Heard:
    """What the cue claims found so far have taken, while one article is read: the
    quotations they report, and their speakers (told to ``actors``, a copy of the
    article's, so that a later 'he' may mean one)."""

    actors: ArticleActors
    used: set[int] = field(default_factory=set)
    speakers: list[Mention] = field(default_factory=list)


def reported_claim(article: Article, heard: Heard, cue: Cue, subj: Token, speaker: Span,
                   found: tuple[str, set[int]] | None) -> ClaimDraft | None:
    """The claim of ``cue``, said by ``speaker`` (its head ``subj``), reporting the
    complement ``found`` (its kind and tokens; None: a quotation next to the cue)."""
    doc = article.doc
    cue_ids = {t.i for t in cue.tokens}
    speaker_ids = set(range(speaker.start, speaker.end))
    qi: int | None = None
    if found is not None:
        kind, ids = found
        ids -= speaker_ids | cue_ids
        words = [i for i in ids if not doc[i].is_punct]
        quoted = Counter(article.qof[i] for i in words if article.qof[i] is not None)
        if words and quoted and quoted.most_common(1)[0][1] >= QUOTED_SHARE * len(words):
            qi = quoted.most_common(1)[0][0]
        elif kind in ("ccomp", "trailing") and words:
            qi = _quoted_clause(article, ids, min(words))
    elif "quote" in cue.kinds:
        kind, ids = "quote", set()
        qi = adjacent_quote(article, cue_frame(cue.tokens, speaker_ids), heard.used)
        if qi is None:
            return None
    else:
        return None
    bag = None
    if qi is not None:
        if qi in heard.used:
            return None
        quotes = continuation_of(article, qi, cue_ids | speaker_ids, heard.used)
        heard.used.update(quotes)
        content = _quoted(article, quotes, kind)
        rule = f"{cue.rule}:{kind}:direct"
    else:
        rng = trim(doc, ids)
        if rng is None:
            return None
        span = doc[rng[0] : rng[1] + 1]
        least = MIN_WORDS_AFTER_PREPOSITION if kind.startswith("prep:") else MIN_WORDS
        if sum(1 for t in span if not t.is_punct) < least:
            return None
        frags = sorted({q for q in (article.qof[t.i] for t in span) if q is not None})
        heard.used.update(frags)
        content = Content.of(span, " … ".join(article.quote_text(q) for q in frags),
                             "mixed" if frags else "indirect")
        if kind == "parenthetical":  # the whole span, its ", X said," frame inside it
            bag = bag_of([t for t in span if t.i in ids])
        rule = f"{cue.rule}:{kind}"
    # "a fire service official, Debashish Bardhan"; "the ferry's operator, Oskova Lake
    # Lines": the name in apposition is the speaker
    named = next((c for c in subj.children if c.dep_ == "appos" and (
        c.ent_type_ == "PERSON" or (c.ent_type_ == "ORG" and subj.pos_ == "NOUN"))), None)
    actor, akind = heard.actors.resolve(child_span(named) if named is not None else speaker)
    heard.speakers.append(heard.actors.note(
        subj.i, actor, akind, subj.tag_ in ("NNS", "NNPS") or subj.lower_ in ("they",)))
    span = content.span
    head = cue.head
    lo_tok = min(speaker.start, head.i, span.start if span is not None else head.i)
    hi_tok = max(speaker.end - 1, head.i, span.end - 1 if span is not None else head.i)
    s_start, s_end = article.sentence_span(lo_tok, hi_tok)
    cue_span = doc[min(cue_ids) : max(cue_ids) + 1]
    cue_text = cue_span.text
    if kind.startswith("prep:"):
        cue_text += " " + kind.split(":", 1)[1]
    asked = set(range(span.start, span.end)) if span is not None else set()
    return claim_draft(Voice.of(speaker, actor, akind), cue_span, content, rule=rule,
                       sentence=(min(s_start, content.start), max(s_end, content.end)),
                       predicate=head.lemma_.lower(), negative=cue.negative, cue_text=cue_text,
                       bag=bag, topic=question_topic(article, article.sent_of(lo_tok), asked))


def _quoted(article: Article, quotes: list[int], kind: str) -> Content:
    """The content of the quotations a cue reports, joined; direct when they hold a verb
    or are the cue's whole report."""
    text = article.text
    segs = [s for q in quotes for s in article.quotes[q].segments]
    start, end = segs[0][0], segs[-1][1]
    words = " ".join(article.quote_text(q) for q in quotes)
    if text.startswith(words, start):  # one fragment: the offsets are its own
        end = start + len(words)
    span = article.doc.char_span(start, end, alignment_mode="expand")
    clause = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
    direct = clause or kind in ("ccomp", "quote", "trailing")
    return Content(span, words, start, end, words, "direct" if direct else "mixed")


def _quoted_clause(article: Article, ids: set[int], first: int) -> int | None:
    """'said "the gate is closed" on Monday': a reported clause that opens with a
    quotation holding its verb is that quotation; words after the closing mark (when
    and where it was said) are the journalist's."""
    qi = article.qof[first]
    if qi is None:
        return None
    doc = article.doc
    roots = [i for i in ids if doc[i].head.i not in ids or doc[i].head.i == i]
    return qi if roots and all(article.qof[r] == qi for r in roots) else None
