"""A cue at the end of its sentence: ``X, police said.``, ``X, added a senior official.``,
``"...," said the mayor of the town.``

A frame of cue and speaker (in either order, with the time, place or addressee of
saying after it) that follows a comma and ends the sentence reports everything before
that comma: the gold convention that a trailing cue is not part of the content and all
before it is. The parser often hangs that clause wrongly (an inverted speaker taken for
an object, 'added' for an adjective, a conditional clause for the cue's own), so the
frame is read from the surface of the sentence and its parse together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from summitledger.extract.speakers import (
    FINITE,
    NOMINAL,
    comma_before,
    first_word,
    surface_subject,
)
from summitledger.nlp.doc import child_span
from summitledger.nlp.nouns import SAYINGS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# what may follow a cue that ends its sentence: when, where and to whom it was said
SAYING = ("prep", "npadvmod", "advmod", "dative", "agent", "punct", "prt")


@dataclass
class Trailing:
    content: set[int]  # token ids before the comma
    speaker: Span | None  # the speaker read off the surface, where the parse has it wrong


def trailing_frame(cue: Token, subj: Token | None, kinds: list[str]) -> Trailing | None:
    """The trailing frame ``cue`` stands in, if any (``subj``: the parse's speaker;
    ``kinds``: what the lexicon lets the cue report)."""
    doc = cue.doc
    sent = cue.sent
    speaker: Span | None = None
    after_comma = comma_before(doc, cue.i) is not None
    if subj is not None and subj.i < cue.i or subj is None and not after_comma:
        # the speaker before the cue: "..., police said on Monday."
        if subj is None or comma_before(doc, first_word(subj)) is None:
            speaker = surface_subject(cue)  # or the parse took a word of X for it
            if speaker is None or speaker.start <= sent.start:
                return None
            subj = None
        first = first_word(subj) if subj is not None else speaker.start
        if any(t.text == "," for t in cue.rights):
            return None  # "X, police said, because of Y": the cue sits inside X-Y
        for c in cue.rights:
            if not (c.dep_ in SAYING or c.dep_ == "dobj" and "dative" in kinds) or (
                    c.dep_ == "prep" and f"prep:{c.lower_}" in kinds):
                return None
    else:  # the speaker after it: "..., added a senior official."
        first = cue.i
        speaker = _surface_object(cue) if subj is None else _with_place(cue, subj)
        if speaker is None:
            return None
    last = sent.end - 1
    while last > cue.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    frame = {t.i for t in cue.subtree} | ({t.i for t in subj.subtree} if subj is not None else set())
    if speaker is not None:
        frame |= set(range(speaker.start, speaker.end))
        tail = doc[speaker.end : last + 1]
        if speaker.start > cue.i and not any(t.tag_ in FINITE for t in tail):
            frame |= {t.i for t in tail}  # "..., added Lars Petersen, a spokesman for X."
    if any(i not in frame for i in range(cue.i + 1, last + 1)):
        return None  # the sentence goes on after the frame: "X, police said, until Y."
    comma = comma_before(doc, first)
    if comma is None or comma <= sent.start:
        return None
    content = set(range(sent.start, comma))
    if not any(doc[i].tag_ in FINITE for i in content):
        return None
    return Trailing(content, speaker)


def _with_place(cue: Token, subj: Token) -> Span:
    """'..., added an official at the ministry': an inverted speaker with the phrases the
    parser hung on the cue right after it, unless they say when or how it was said."""
    doc = subj.doc
    speaker = child_span(subj, stop=cue)
    end = speaker.end
    for c in cue.rights:
        if c.dep_ != "prep" or c.i != end:
            continue
        obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if obj is None or obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in SAYINGS:
            break
        end = c.right_edge.i + 1
    return doc[speaker.start : end]


def _surface_object(cue: Token) -> Span | None:
    """'..., added state police.': the noun phrase after a cue the parser gave no
    subject, up to an apposition's comma, with no verb of its own."""
    doc = cue.doc
    end = cue.sent.end
    while end > cue.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= cue.i + 1 or doc[cue.i + 1].pos_ not in NOMINAL:
        return None
    stop = next((t.i for t in doc[cue.i + 1 : end] if t.text == ","), end)
    speaker = doc[cue.i + 1 : stop]
    return None if any(t.tag_ in FINITE for t in speaker) else speaker
