"""Verdicts on groups: independent sources, statuses, contradictions, quote variants, disputes.

Pure functions over :mod:`matching`'s objects. A group is ``contradicted`` when its
members report the same actor asserting incompatible things (one negates what another
affirms, numbers differ, or a quotation is worded so that its meaning changes);
``corroborated`` when two or more independent sources report it (outlets that carry
copies of one text are one source); ``single-source`` otherwise. Opposite assertions by
two different actors are a *dispute*, recorded beside the status.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from itertools import combinations

from .matching import ClaimInfo, Group, Vectors, dates_of, numbers_of, quote_similarity

SHINGLE = 8  # words per shingle when comparing article texts
COPY_CONTAINMENT = 0.5  # share of the shorter text's shingles found in the longer one
NEGATIONS = {"not", "n't", "no", "never", "nothing", "none", "neither", "nor", "without"}
DISPUTE_THRESHOLD = 0.45
_WORD = re.compile(r"[\w']+")


def _shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    return {zlib.crc32(" ".join(words[i : i + SHINGLE]).encode())
            for i in range(max(1, len(words) - SHINGLE + 1))}


def article_sources(texts: dict[int, str]) -> dict[int, int]:
    """Article id -> id of its source: articles sharing most of their text are one source.

    Candidate pairs come from an index of shingles, so unrelated articles are never
    compared.
    """
    sh = {aid: _shingles(t) for aid, t in texts.items()}
    index: dict[int, list[int]] = defaultdict(list)
    for aid, s in sh.items():
        for h in s:
            index[h].append(aid)
    parent = {aid: aid for aid in texts}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    shared: dict[tuple[int, int], int] = defaultdict(int)
    for ids in index.values():
        if len(ids) > 50:
            continue
        for a, b in combinations(sorted(ids), 2):
            shared[(a, b)] += 1
    for (a, b), n in shared.items():
        if n / max(1, min(len(sh[a]), len(sh[b]))) >= COPY_CONTAINMENT:
            ra, rb = find(a), find(b)
            parent[max(ra, rb)] = min(ra, rb)
    return {aid: find(aid) for aid in texts}


def _independent(members: list[ClaimInfo], source_of: dict[int, int]) -> tuple[int, list[list[int]]]:
    """Independent sources among members: outlets joined when their articles are copies."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    by_source: dict[int, set[str]] = defaultdict(set)
    articles: dict[int, set[int]] = defaultdict(set)
    for m in members:
        find(m.outlet)
        src = source_of.get(m.article_id, m.article_id)
        by_source[src].add(m.outlet)
        articles[src].add(m.article_id)
    copies = []
    for src, outlets in by_source.items():
        ordered = sorted(outlets)
        for o in ordered[1:]:
            ra, rb = find(ordered[0]), find(o)
            if ra != rb:
                parent[rb] = ra
        if len(articles[src]) > 1:
            copies.append(sorted(articles[src]))
    return len({find(o) for o in parent}), copies


def _negation_words(c: ClaimInfo) -> str:
    words = [w for w in _WORD.findall(c.content.lower()) if w in NEGATIONS or w.endswith("n't")]
    return " ".join(words) or (c.cue if c.polarity < 0 else "")


def _contradiction(members: list[ClaimInfo]) -> dict | None:
    if len({m.polarity for m in members}) > 1:
        return {
            "rule": "negation: one report affirms what another negates",
            "sides": [{"claim": m.id, "outlet": m.outlet,
                       "words": _negation_words(m) if m.polarity < 0 else m.cue or "affirms"}
                      for m in members],
        }
    # "two-hour" vs "five-hour" talks; "on Friday" vs "on Monday"
    for what, facets, show in (("numbers", numbers_of, "{values} {key}"),
                               ("dates", dates_of, "{key} {values}")):
        found = [(m, f) for m in members if (f := facets(m.lemmas))]
        for (a, fa), (b, fb) in combinations(found, 2):
            for key in sorted(set(fa) & set(fb)):
                if key and not fa[key] & fb[key]:
                    return {"rule": f"{what} differ ({key})",
                            "sides": [{"claim": m.id, "outlet": m.outlet,
                                       "words": show.format(values="/".join(sorted(f[key])), key=key)}
                                      for m, f in ((a, fa), (b, fb))]}
    quoted = [m for m in members if m.quote]
    for a, b in combinations(quoted, 2):
        wa, wb = set(_WORD.findall(a.quote.lower())), set(_WORD.findall(b.quote.lower()))
        if quote_similarity(a.quote, b.quote) >= 70 and (wa & NEGATIONS) != (wb & NEGATIONS):
            return {"rule": "quotation worded so that its meaning changes",
                    "sides": [{"claim": a.id, "outlet": a.outlet, "words": a.quote},
                              {"claim": b.id, "outlet": b.outlet, "words": b.quote}]}
    return None


def variants(members: list[ClaimInfo]) -> list[dict]:
    """Distinct wordings of one quotation, longest first, with who carried each."""
    forms: dict[str, list[ClaimInfo]] = defaultdict(list)
    for m in members:
        if m.quote:
            forms[" ".join(m.quote.split())].append(m)
    if len(forms) < 2:
        return []
    return [{"quote": q, "claims": sorted(m.id for m in ms),
             "outlets": sorted({m.outlet for m in ms})}
            for q, ms in sorted(forms.items(), key=lambda kv: (-len(kv[0]), kv[0]))]


def verdict(group: Group, infos: dict[int, ClaimInfo], source_of: dict[int, int]) -> tuple[str, dict]:
    """Status of a group and the reason, as a JSON-able dict."""
    members = [infos[m] for m in group.members]
    outlets = sorted({m.outlet for m in members})
    n_articles = len({m.article_id for m in members})
    n_sources, copies = _independent(members, source_of)
    reason: dict = {
        "outlets": outlets,
        "articles": n_articles,
        "sources": n_sources,
        "summary": f"{n_articles} article{'s' * (n_articles != 1)}, "
                   f"{n_sources} independent source{'s' * (n_sources != 1)}",
        "links": [{"a": k.a, "b": k.b, "score": k.score, "why": k.why} for k in group.links],
    }
    if copies:
        reason["copies"] = copies
    forms = variants(members)
    if forms:
        reason["variants"] = forms
    conflict = _contradiction(members)
    if conflict is not None:
        reason["rule"] = conflict["rule"]
        reason["contradiction"] = conflict
        return "contradicted", reason
    if n_sources >= 2:
        reason["rule"] = f"{n_sources} independent sources report it"
        return "corroborated", reason
    reason["rule"] = "one source reports it" + (" (copies of one text)" if copies else "")
    return "single-source", reason


def disputes(groups: list[Group], infos: dict[int, ClaimInfo], vectors: Vectors) -> list[tuple[int, int, float]]:
    """(group index, group index, score): different actors asserting opposite things."""
    head = {gi: infos[g.members[0]] for gi, g in enumerate(groups)}
    polarity = {gi: infos[g.members[0]].polarity for gi, g in enumerate(groups)}
    postings: dict[str, list[int]] = defaultdict(list)
    for gi, c in head.items():
        for w in set(vectors.words[c.id]):
            if not w.startswith("e:"):
                postings[w].append(gi)
    found: dict[tuple[int, int], float] = {}
    for ids in postings.values():
        if len(ids) > 200:
            continue
        for a, b in combinations(ids, 2):
            if (a, b) in found or polarity[a] == polarity[b]:
                continue
            if head[a].actor.lower() == head[b].actor.lower():
                continue
            s = vectors.cosine(head[a].id, head[b].id)
            if s >= DISPUTE_THRESHOLD:
                found[(a, b)] = round(s, 3)
    return sorted((a, b, s) for (a, b), s in found.items())
