"""Parsing only what can carry a claim: candidate paragraphs, their context, and names.

Most paragraphs of a news article carry no attributed claim. A paragraph is a
*candidate* when it holds a quotation mark, a form of a cue verb ("said", "warns"),
every word of a cue phrase, or "according"; those (with the paragraph before one that
opens on a pronoun, for "he said") run through the whole pipeline, consecutive ones in
one go. Paragraphs that only *name* someone a candidate calls by one name ("Putin")
run through NER alone, so surnames still join full names. The rest is only tokenised
and split into sentences by rule (spaCy's ``Sentencizer``). The pieces are put back
into one Doc over the whole text, with the text's own offsets: parsed paragraphs keep
their parse; the others get one flat tree per sentence (every token under the first),
no tags and no lemmas, so the extractor, which only starts from cues and quotations,
finds nothing there to start from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from summitledger.nlp import pipeline as _pipeline
from summitledger.nlp.budget import Budget
from summitledger.nlp.pipeline import parse_texts, pieces

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_QUOTE = re.compile(r"[\"“”«»‘]|(?:^|\s)'\w")
# a closed quotation, or an unclosed one running to the end of the paragraph
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|«[^»]*(?:»|$)|‘[^’]*(?:’(?!\w)|$)")
_PRONOUNS = frozenset("he she they it his her their its him them".split())
#: a pronoun among a paragraph's first words may need the paragraph before to say who
#: it is: about a sentence's worth
OPENING_WORDS = 12
BATCH_SIZE = 16  # texts parsed together (spaCy's ``nlp.pipe`` batch): ingest's default
_PARSE_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]
_ENT_ATTRS = [ENT_IOB, ENT_TYPE]
_SENTENCIZER = Sentencizer()


def inflections(lemma: str, irregular: dict[str, list[str]] | None = None) -> set[str]:
    """The forms an English verb or noun ``lemma`` may take (over-generating is
    harmless: a form only makes a paragraph worth parsing)."""
    w = lemma.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # admitted, regretting
    forms |= set((irregular or {}).get(w, ()))
    return forms


@dataclass(frozen=True)
class Triggers:
    """What makes a paragraph a candidate: any of ``words``, or every word of one of
    ``phrases`` (each word as a set of its forms), or a quotation mark."""

    words: frozenset[str]
    phrases: tuple[tuple[frozenset[str], ...], ...] = ()

    @classmethod
    def build(cls, verbs: Iterable[str], phrases: Iterable[str], nlp: Language) -> Triggers:
        """From a cue lexicon's verb lemmas and phrases; irregular forms come from the
        pipeline's own lemmatizer tables where it has them ("said" -> "say")."""
        irregular: dict[str, list[str]] = {}
        if "lemmatizer" in nlp.pipe_names:
            lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
            if lookups is not None and lookups.has_table("lemma_exc"):
                for pos in ("verb", "noun"):
                    for form, lemmas in lookups.get_table("lemma_exc").get(pos, {}).items():
                        for lem in lemmas:
                            irregular.setdefault(lem, []).append(form)
        words = set().union(*(inflections(v, irregular) for v in verbs)) | {"according"}
        table = tuple(tuple(frozenset(inflections(w, irregular)) for w in p.split())
                      for p in sorted(phrases))
        return cls(frozenset(words), table)

    def needs_context(self, paragraph: str) -> bool:
        """Whether a candidate's speaker may be named only in the paragraph before: it
        opens on a pronoun ("He said ..."), or its quotation has no cue outside it (an
        orphan quotation, or one whose closing mark is missing)."""
        first = {w.lower() for w in _WORD.findall(paragraph)[:OPENING_WORDS]}
        if _PRONOUNS & first:
            return True
        if not _QUOTE.search(paragraph):
            return False
        outside = {w.lower() for w in _WORD.findall(_QUOTED.sub(" ", paragraph))}
        return not (outside & self.words)

    def hit(self, paragraph: str) -> bool:
        if _QUOTE.search(paragraph):
            return True
        found = {w.lower() for w in _WORD.findall(paragraph)}
        return bool(found & self.words) or any(
            all(forms & found for forms in p) for p in self.phrases)


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text`` (stored texts hold a paragraph a line)."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def plan(text: str, triggers: Triggers,
         bounds: list[tuple[int, int]] | None = None) -> list[bool]:
    """For each paragraph (``bounds``, found if not given): whether it runs through the
    whole pipeline."""
    paras = [text[a:b] for a, b in (bounds or paragraph_bounds(text))]
    parse = [triggers.hit(p) for p in paras]
    for n in range(1, len(paras)):  # the paragraph before may say who speaks
        if parse[n] and not parse[n - 1] and triggers.needs_context(paras[n]):
            parse[n - 1] = True
    return [p and bool(paras[n].strip()) for n, p in enumerate(parse)]


def _cut(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``text[a:b]`` as character ranges of at most
    :data:`~summitledger.nlp.pipeline.PIECE_CHARS`, cut as :func:`pieces` cuts."""
    out, pos = [], a
    for piece in pieces(text[a:b], _pipeline.PIECE_CHARS):
        out.append((pos, pos + len(piece)))
        pos += len(piece)
    return out


def _windows(text: str, bounds: list[tuple[int, int]], parse: list[bool]) -> list[tuple[int, int]]:
    """Character ranges to parse: runs of consecutive chosen paragraphs (``bounds``),
    each at most :data:`~summitledger.nlp.pipeline.PIECE_CHARS` long."""
    out: list[tuple[int, int]] = []
    for (a, b), chosen in zip(bounds, parse, strict=True):
        if not chosen:
            continue
        if out and out[-1][1] + 1 == a and b - out[-1][0] <= _pipeline.PIECE_CHARS:
            out[-1] = (out[-1][0], b)
        else:
            out.extend(_cut(text, a, b))
    return out


def ner_names(nlp: Language) -> list[str]:
    """The components NER needs: itself and any component it listens to."""
    return [name for name, proc in nlp.pipeline if name == "ner" or (
        "ner" in getattr(proc, "listening_components", ()))]


def _bare_names(docs: Iterable[Doc]) -> set[str]:
    """One-word person names in ``docs`` that no longer name there spells out."""
    bare, known = set(), set()
    for d in docs:
        for ent in d.ents:
            if ent.label_ != "PERSON":
                continue
            words = [t.text for t in ent if t.text[:1].isupper() and t.is_alpha]
            (bare if len(words) == 1 else known).update(words)
    return bare - known


def _named_paragraphs(text: str, bounds: list[tuple[int, int]], parse: list[bool],
                      names: set[str]) -> list[tuple[int, int]]:
    """Paragraphs left unparsed that may spell out one of ``names`` in full."""
    if not names:
        return []
    alts = "|".join(sorted(map(re.escape, names)))
    full = re.compile(rf"[A-Z][\w'’.-]*\s+(?:{alts})\b|\b(?:{alts})\s+[A-Z]")
    return [r for (a, b), chosen in zip(bounds, parse, strict=True)
            if not chosen and full.search(text, a, b) for r in _cut(text, a, b)]


def parse_selected(nlp: Language, texts: list[str], triggers: Triggers,
                   batch_size: int = BATCH_SIZE, budget: Budget | None = None
                   ) -> Iterator[Doc | None]:
    """Docs of ``texts`` in order, over each whole text, parsed where a claim can be
    (see the module's description); ``batch_size`` texts are worked on at a time. With a
    ``budget`` (one limit per text), a text over its limit gets None instead of a doc;
    the caller charges its own work on each doc to the same budget."""
    step = max(1, batch_size)
    for start in range(0, len(texts), step):
        yield from _batch(nlp, texts[start : start + step], triggers, batch_size, budget, start)


def _batch(nlp: Language, texts: list[str], triggers: Triggers, batch_size: int,
           budget: Budget | None = None, base: int = 0) -> Iterator[Doc | None]:
    def over(n: int) -> bool:
        return budget is not None and budget.over(base + n)

    def charge(n: int) -> None:
        if budget is not None:
            budget.charge(base + n)

    def run(jobs: list[tuple[int, int, int]], out: list[list[tuple[int, Doc]]],
            disable: list[str]) -> None:
        """Parse ``jobs`` a batch at a time; a batch's time is charged to its texts by
        their share of its characters, and a text over its budget gets no more work."""
        step, k = max(1, batch_size), 0
        while k < len(jobs):
            end, size = k, 0  # up to ``step`` parts and about two pieces' worth of text
            while end < len(jobs) and end - k < step and size < 2 * _pipeline.PIECE_CHARS:
                size += jobs[end][2] - jobs[end][1]
                end += 1
            batch = [(n, a, b) for n, a, b in jobs[k:end] if not over(n)]
            k = end
            if budget is not None:
                budget.start()
            docs = list(nlp.pipe((texts[n][a:b] for n, a, b in batch), batch_size=step,
                                 disable=disable))
            if budget is not None:
                budget.share([base + n for n, _, _ in batch], [b - a for _, a, b in batch])
            for (n, a, _), d in zip(batch, docs, strict=True):
                out[n].append((a, d))

    bounds = [paragraph_bounds(t) for t in texts]
    plans = [plan(t, triggers, bounds[n]) for n, t in enumerate(texts)]
    jobs = [(n, a, b) for n, t in enumerate(texts) for a, b in _windows(t, bounds[n], plans[n])]
    parsed: list[list[tuple[int, Doc]]] = [[] for _ in texts]
    run(jobs, parsed, [])
    named_jobs = [(n, a, b) for n, t in enumerate(texts) if not over(n)
                  for a, b in _named_paragraphs(t, bounds[n], plans[n],
                                                _bare_names(d for _, d in parsed[n]))]
    named: list[list[tuple[int, Doc]]] = [[] for _ in texts]
    keep = set(ner_names(nlp))
    if named_jobs:
        run(named_jobs, named, [name for name in nlp.pipe_names if name not in keep])
    for n, text in enumerate(texts):
        if over(n):
            yield None
            continue
        if budget is not None:
            budget.start()  # the caller's work on the doc before was charged by the caller
        doc = assemble(nlp, text, parsed[n], named[n])
        doc = doc if doc is not None else next(parse_texts(nlp, [text]))
        charge(n)
        yield None if over(n) else doc


def assemble(nlp: Language, text: str, parsed: list[tuple[int, Doc]],
             named: list[tuple[int, Doc]]) -> Doc | None:
    """One Doc over ``text`` from docs of its parts (each with its first character's
    offset): ``parsed`` keep all their annotation, ``named`` their entities; the rest
    gets a flat tree per rule-split sentence. None if a part's tokens do not line up
    with the whole text's (the caller then parses the text whole)."""
    doc = nlp.tokenizer(text)
    n = len(doc)
    if n == 0:
        return doc
    idx = doc.to_array("IDX").astype("int64")
    starts = numpy.asarray(_SENTENCIZER.predict([doc])[0], dtype=bool)
    breaks = numpy.fromiter(("\n" in t.text or "\n" in t.whitespace_ for t in doc),
                            dtype=bool, count=n)
    starts[1:] |= breaks[:-1]  # a line break ends a sentence
    starts &= ~numpy.fromiter((t.is_space for t in doc), dtype=bool, count=n)
    starts[0] = True  # white space ends the sentence before it; never starts one
    def place(offset: int, part: Doc) -> tuple[int, int] | None:
        """The token range ``part`` covers in ``doc``, if its tokens line up."""
        i = int(numpy.searchsorted(idx, offset))
        j = i + len(part)
        aligned = j <= n and numpy.array_equal(idx[i:j] - offset, part.to_array("IDX"))
        return (i, j) if aligned else None

    spans = []
    for offset, part in parsed:
        if (placed := place(offset, part)) is None:
            return None
        i, j = placed
        spans.append((i, j, part))
        starts[i] = True
        if j < n:
            starts[j] = True
    at = numpy.arange(n, dtype="int64")
    first = numpy.maximum.accumulate(numpy.where(starts, at, 0))
    arr = numpy.zeros((n, len(_PARSE_ATTRS)), dtype="uint64")
    col = {a: k for k, a in enumerate(_PARSE_ATTRS)}
    arr[:, col[HEAD]] = (first - at).view("uint64")
    dep, root = nlp.vocab.strings.add("dep"), nlp.vocab.strings.add("ROOT")
    arr[:, col[DEP]] = numpy.where(starts, root, dep)
    arr[:, col[ENT_IOB]] = 2  # outside any entity
    for i, j, part in spans:
        arr[i:j] = part.to_array(_PARSE_ATTRS)
        if j < n and doc[j].is_space and (j + 1 == n or starts[j + 1]):
            # the line break after a part hangs on the part's last sentence
            last_root = part[-1].sent.root.i + i
            arr[j, col[HEAD]] = numpy.array([last_root - j], dtype="int64").view("uint64")[0]
            arr[j, col[DEP]] = dep
    for offset, part in named:
        if (placed := place(offset, part)) is None:
            return None
        i, j = placed
        arr[i:j, [col[ENT_IOB], col[ENT_TYPE]]] = part.to_array(_ENT_ATTRS)
    doc.from_array(_PARSE_ATTRS, arr)
    return doc
