"""Verdicts on groups: independent sources, statuses, contradictions, quote variants, disputes.

Pure functions over :mod:`matching`'s objects. A group is ``contradicted`` when its
members report the same actor asserting incompatible things (one negates what another
affirms, one gives the opposite state of another's (:mod:`summitledger.nlp.antonyms`),
numbers differ, or a quotation is worded so that its meaning changes);
``updated`` when the only numbers that differ are one source's figure moving over time
(a count that only grows reported higher later, or a report saying it moved);
``corroborated`` when two or more independent sources report it (outlets that carry
copies of one text are one source); ``single-source`` otherwise. Opposite assertions by
two different actors are a *dispute*, recorded beside the status.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from itertools import combinations

from rapidfuzz import fuzz

from summitledger.models import FrameNumber
from summitledger.nlp.antonyms import opposed
from summitledger.reconcile.matching import (
    QUOTE_THRESHOLD,
    ClaimInfo,
    Group,
    date_parts,
    fits,
    quote_similarity,
)
from summitledger.reconcile.sources import independent
from summitledger.verdict import Conflict, Side, Variant, Verdict, VerdictLink

NEGATIONS = {"not", "n't", "no", "never", "nothing", "none", "neither", "nor", "without"}
#: the modality of 'should', 'must', 'ought to' (extract/frames.py): a claim of what
#: ought to be, whose negation contradicts no report of what was
NORMATIVE = "must"
_WORD = re.compile(r"[\w']+")


def _negation_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w in NEGATIONS or w.endswith("n't")}


def _matched_part(a: ClaimInfo, b: ClaimInfo) -> tuple[str, str]:
    """The words two claims share in form: when one quotation lies inside a longer one,
    the longer one's matching window, so that a 'not' elsewhere in it does not count."""
    qa, qb = a.quote or a.content, b.quote or b.content
    if min(len(qa), len(qb)) * 1.5 < max(len(qa), len(qb)) and \
            quote_similarity(qa, qb) >= QUOTE_THRESHOLD:
        short, long_ = (qa, qb) if len(qa) < len(qb) else (qb, qa)
        al = fuzz.partial_ratio_alignment(short.lower(), long_.lower())
        window = long_[al.dest_start : al.dest_end]
        return (short, window) if short is qa else (window, short)
    return qa, qb


def _number_conflict(a: ClaimInfo, b: ClaimInfo, named_only: bool = False
                     ) -> tuple[FrameNumber, FrameNumber] | None:
    """Numbers for the same thing that cannot both be true: for a thing both claims
    count (the quantity of the event it gives, else the noun it counts), no number of
    one fits any of the other's. A lone number that counts nothing named stands for the
    thing the claims' shared main verb is about ('12 were hurt'). ``named_only`` looks
    at quantities of the event alone."""
    def by_thing(c: ClaimInfo) -> dict[str, list[FrameNumber]]:
        out: dict[str, list[FrameNumber]] = defaultdict(list)
        for n in c.frame.numbers:
            if n.quantity or not named_only:
                out[n.quantity or n.counts].append(n)
        if list(out) == [""] and len(out[""]) == 1 and c.frame.verb:
            return {"verb:" + c.frame.verb: out[""]}
        out.pop("", None)
        return out

    na, nb = by_thing(a), by_thing(b)
    for thing in sorted(set(na) & set(nb)):
        if not any(fits(x, y) for x in na[thing] for y in nb[thing]):
            return na[thing][0], nb[thing][0]
    return None


def _show(n: FrameNumber) -> str:
    op = {"=": "", "~": "about ", ">": "more than ", "<": "fewer than "}[n.op]
    return f"{op}{n.value:g} {n.counts}".strip()


def _side(m: ClaimInfo, words: str) -> Side:
    return Side(claim=m.id, outlet=m.outlet, words=words)


def _contradiction(members: list[ClaimInfo], linked: set[tuple[int, int]],
                   moved: Callable[[ClaimInfo, FrameNumber, ClaimInfo, FrameNumber], bool]
                   | None = None, updates: list[Conflict] | None = None) -> Conflict | None:
    """The first matched pair of members (linked by a strong score, in stable order)
    whose frames hold incompatible values in one slot: a negated proposition, numbers
    for the same thing, dates. Numbers that ``moved`` says one report updates in the
    other (a count reported higher later) are no contradiction: they go to ``updates``."""
    # claims stating the same words hold the same values: one of each wording is enough
    distinct = {(" ".join(m.content.lower().split()), m.quote, m.polarity): m
                for m in sorted(members, key=lambda m: m.key, reverse=True)}
    ordered = sorted(distinct.values(), key=lambda m: m.key)
    for a, b in combinations(ordered, 2):
        if a.article_id == b.article_id:
            continue
        if (a.id, b.id) not in linked and (b.id, a.id) not in linked:
            # two members the group holds without a strong link between them still
            # give one quantity of the event: its values must agree or have moved
            conflict = _number_conflict(a, b, named_only=True)
            if conflict is not None:
                found = _figures_differ(a, b, conflict, moved, updates)
                if found is not None:
                    return found
            continue
        propositions = bool(a.frame.verb and b.frame.verb)  # 'a deal' has no polarity
        # 'should never have sailed' judges what happened, it does not deny it
        judged = NORMATIVE in (a.frame.modality, b.frame.modality)
        if a.frame.polarity != b.frame.polarity and propositions and not judged:
            pa, pb = _matched_part(a, b)
            na, nb = _negation_words(pa), _negation_words(pb)
            denial = a.frame.family == "deny" or b.frame.family == "deny"
            # 'not for lorries' and 'never meant to carry lorries' are both negative:
            # the contradiction is one side negating what the other affirms
            # 'was not open' and 'was closed' negate opposite states: they agree
            if ((bool(na) != bool(nb)) or denial) and opposed(a.bag, b.bag) is None:
                return Conflict(rule="negation: one report affirms what another negates",
                                sides=[_side(m, " ".join(sorted(n)) or (m.cue if m.polarity < 0
                                                                         else "affirms"))
                                       for m, n in ((a, na), (b, nb))])
        if a.frame.polarity == b.frame.polarity and not judged:
            # 'the road was closed' against 'the road remained open': opposite states
            opposite = opposed(a.bag, b.bag)
            if opposite is not None:
                return Conflict(rule="antonyms: one report says the opposite of another",
                                sides=[_side(a, opposite[0]), _side(b, opposite[1])])
        conflict = _number_conflict(a, b)
        if conflict is not None:
            found = _figures_differ(a, b, conflict, moved, updates)
            if found is not None:
                return found
        fa, fb = date_parts(a.frame.times), date_parts(b.frame.times)
        for key in sorted(set(fa) & set(fb)):
            if not fa[key] & fb[key]:
                return Conflict(rule=f"dates differ ({key})",
                                sides=[_side(a, f"{key} {'/'.join(sorted(fa[key]))}"),
                                       _side(b, f"{key} {'/'.join(sorted(fb[key]))}")])
    return None


def _figures_differ(a: ClaimInfo, b: ClaimInfo, conflict: tuple[FrameNumber, FrameNumber],
                    moved: Callable[[ClaimInfo, FrameNumber, ClaimInfo, FrameNumber], bool] | None,
                    updates: list[Conflict] | None) -> Conflict | None:
    """Two figures for one thing that differ: an update (recorded in ``updates``) when
    ``moved`` says one supersedes the other, else the contradiction."""
    x, y = conflict
    sides = [_side(a, _show(x)), _side(b, _show(y))]
    if moved is not None and (moved(a, x, b, y) or moved(b, y, a, x)):
        if updates is not None:  # sides in time order: the earlier figure first
            updates.append(Conflict(rule="a later report updates the figure",
                                    sides=sides if moved(a, x, b, y) else sides[::-1]))
        return None
    thing = x.quantity or x.counts or y.counts or "the same thing"
    return Conflict(rule=f"numbers differ ({thing})", sides=sides)


def variants(members: list[ClaimInfo]) -> list[Variant]:
    """Distinct wordings of one quotation, longest first, with who carried each."""
    forms: dict[str, list[ClaimInfo]] = defaultdict(list)
    for m in members:
        if m.quote:
            forms[" ".join(m.quote.split())].append(m)
    if len(forms) < 2:
        return []
    return [Variant(quote=q, claims=sorted(m.id for m in ms),
                    outlets=sorted({m.outlet for m in ms}))
            for q, ms in sorted(forms.items(), key=lambda kv: (-len(kv[0]), kv[0]))]


def verdict(group: Group, infos: dict[int, ClaimInfo], source_of: dict[int, int],
            moved: Callable[[ClaimInfo, FrameNumber, ClaimInfo, FrameNumber], bool]
            | None = None) -> Verdict:
    """The group's :class:`~summitledger.verdict.Verdict`: its status and the reason.
    ``moved(a, x, b, y)``: does claim b's figure y update claim a's x (reported later,
    higher or said to have moved)? A group whose only differences are such updates is
    ``updated``."""
    members = [infos[m] for m in group.members]
    if len(members) == 1:  # most statements: one report, nothing to weigh
        return Verdict(status="single-source", outlets=(members[0].outlet,),
                       summary="1 article, 1 independent source", rule="one source reports it")
    n_articles = len({m.article_id for m in members})
    n_sources, copies = independent(members, source_of)
    found = Verdict(
        outlets=tuple(sorted({m.outlet for m in members})),
        articles=n_articles,
        sources=n_sources,
        summary=f"{n_articles} article{'s' * (n_articles != 1)}, "
                f"{n_sources} independent source{'s' * (n_sources != 1)}",
        links=tuple(VerdictLink(a=k.a, b=k.b, score=k.score, why=k.why) for k in group.links),
        copies=tuple(tuple(c) for c in copies),
        variants=tuple(variants(members)),
    )
    updates: list[Conflict] = []
    conflict = _contradiction(members, {(k.a, k.b) for k in group.links}, moved, updates)
    if conflict is not None:
        found.status, found.rule, found.contradiction = "contradicted", conflict.rule, conflict
    elif updates:
        found.status, found.updates = "updated", tuple(updates)
        found.rule = "one source's figure moved over time: later reports supersede"
    elif n_sources >= 2:
        found.status, found.rule = "corroborated", f"{n_sources} independent sources report it"
    else:
        found.status = "single-source"
        found.rule = "one source reports it" + (" (copies of one text)" if copies else "")
    return found
