"""Objects a cue reports with a phrase pinned to them: 'put the toll at 40', 'estimated the
crowd at 3,000', 'described the talks as useful' (the lexicon's ``dobj:X`` kinds), and
each further object of a gapped verb ('... and the number of injured at 32')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.nlp.doc import subtree_ids

if TYPE_CHECKING:
    from spacy.tokens import Token


def gapped_objects(cue: Token, kinds: list[str]) -> list[set[int]]:
    """'put the number of dead at 14 and the number of injured at 32': each object the
    cue's verb is gapped before ('and [put] the number of injured at 32') with its own
    pinned phrase is a figure of its own."""
    kids = list(cue.children)
    objects = [c for c in kids if c.dep_ in ("dobj", "conj") and c.pos_ in ("NOUN", "PROPN")]
    # the parser may hang the second object on the first figure ("at 4.5 million pounds
    # and attendance at 15,000")
    objects += [g for c in kids if c.dep_ == "prep" for v in c.children if v.dep_ == "pobj"
                for g in [*v.children, v] if g.pos_ in ("NOUN", "PROPN") and (
                    g.dep_ == "conj" or any(x.dep_ == "cc" and x.i < g.i for x in v.subtree))]
    found = []
    for c in sorted(objects, key=lambda t: t.i)[1:]:
        pinned = pinned_object(c, kids, kinds)
        cc = max((x.i for x in c.subtree if x.dep_ == "cc" and x.i < c.i), default=-1)
        if pinned is not None:  # "at 61 and attendance at 15,000": from after the 'and'
            pinned = {i for i in pinned if i > cc}
        if pinned and not any(pinned & f for f in found):
            found.append(pinned)
    return found


def pinned_object(obj: Token, kids: list[Token], kinds: list[str]) -> set[int] | None:
    """``dobj:at``: an object with a required phrase after it ("put the toll at seven",
    "estimated the damage at 2 million", "described the talks as useful")."""
    for kind in kinds:
        if kind.startswith("dobj:"):
            prep = kind.split(":", 1)[1]
            inner = [d for d in obj.children if d.dep_ == "prep" and d.lower_ == prep]
            for d in [*kids, *inner]:  # "put the toll at 7" / "estimated [the crowd at 3,000]"
                if d.i > obj.i and d.dep_ == "prep" and d.lower_ == prep:
                    ids = subtree_ids(obj) | subtree_ids(d)
                    value = next((v for v in d.children if v.dep_ == "pobj"), None)
                    if value is not None:  # "at 61 [last week]": when it was said, not what
                        span = ("amod", "compound", "nummod", "quantmod")  # "between 40 and 50"
                        numeric = any(m.dep_ == "conj" and m.like_num for m in value.rights)
                        tail = {t.i for m in value.rights if m.dep_ != "prep" or m.lower_ != "of"
                                if m.dep_ not in span and not (numeric and m.dep_ in ("cc", "conj"))
                                for t in m.subtree}
                        end = max(subtree_ids(value) - tail)
                        first = next((t.i for t in d.subtree if t.like_num), end)
                        end = next((t.i - 1 for t in obj.doc[first + 1 : end]  # "at 61 and
                                    if t.dep_ == "cc" and not obj.doc[t.i + 1].like_num), end)  # attendance" 
                        # "at nearly 100 last week", "at more than 40 earlier this week"
                        end = next((t.i - 1 for t in obj.doc[first + 1 : end + 1]
                                    if t.ent_type_ in ("DATE", "TIME") and not t.like_num
                                    and t.pos_ in ("NOUN", "PROPN", "ADV", "ADJ", "DET")), end)
                        ids = {i for i in ids if i <= end}
                    for t in obj.doc[obj.i : max(ids) + 1]:  # ", which would make it ..."
                        if t.dep_ == "relcl" and t.i in ids and obj.doc[t.left_edge.i - 1].text == ",":
                            ids -= subtree_ids(t)
                    return ids
    return None
