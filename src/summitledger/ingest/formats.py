"""Article formats: plain text, Markdown, saved HTML pages, JSON lines; and metadata.

Each reader turns checked text (see :mod:`readers`) into :class:`ArticleIn` objects:
prose paragraphs, outlet, title, date, url, and a content hash.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from summitledger.errors import (
    BAD_JSONL,
    EMPTY_FILE,
    InputError,
)
from summitledger.ingest.front import front_matter
from summitledger.ingest.html import html_article
from summitledger.ingest.manifest import load_manifest
from summitledger.ingest.published import iso_time
from summitledger.ingest.readers import (
    HTML,
    JSONL,
    MARKDOWN,
    STDIN,
    _check_text,
    decode,
    origin_key,
    read_bytes,
)
from summitledger.models import ArticleIn
from summitledger.nlp.text import normalise, prose
from summitledger.safe import escaped, shown_path, web_url

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE_LINE = re.compile(
    r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"  # 'Tuesday, '
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})[a-z]*\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)\s*$",
    re.I,
)


#: A dateline is a short lead ('MOSCOW, Sept 13 (Reuters) - '): a longer match is the
#: first sentence of the text in capitals, not a dateline.
DATELINE_MAX = 80
#: Standard input is told apart (JSON lines, an HTML page, text) by its first characters.
SNIFF_CHARS = 200
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'’.-]*(?:\s+[A-Z][A-Z'’.-]*)*)"  # PLACE IN CAPITALS
    r"(?:,\s*[A-Z][\w.'’ ]{1,30}){0,2}"  # , Country, Sept 13
    r"(?:\s*\([^)\n]{1,30}\))?"  # (Agency)
    r"\s+[-–—]{1,2}\s+")


def strip_dateline(body: str) -> tuple[str, str]:
    """'MOSCOW, Sept 13 (Reuters) - Text' -> ('Text', 'MOSCOW, Sept 13 (Reuters)')."""
    m = _DATELINE.match(body)
    if not m or len(m.group(0)) > DATELINE_MAX:
        return body, ""
    return body[m.end():], m.group(0).strip(" -–—")


def looks_like_markdown(text: str) -> bool:
    return bool(re.search(r"^(#{1,6}\s|!\[|>\s)", text, re.M))


def markdown_to_prose(text: str) -> tuple[str, dict[str, str]]:
    """Prose paragraphs from Markdown, by markdown-it-py's token stream: the top heading
    becomes the title, a date line the date; headings (ATX and setext), code, tables,
    HTML, images and rules never reach the prose; links keep their text (reference
    links too)."""
    from markdown_it import MarkdownIt

    meta: dict[str, str] = {}
    headings: list[tuple[int, str]] = []
    paras: list[str] = []
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    for n, tok in enumerate(tokens):
        if tok.type not in ("heading_open", "paragraph_open") or n + 1 >= len(tokens):
            continue
        lines = _inline_lines(tokens[n + 1])
        if tok.type == "heading_open":
            if lines:
                headings.append((int(tok.tag[1]), " ".join(lines)))
            continue
        if lines and not meta.get("date") and _DATE_LINE.match(lines[0]):
            meta["date"] = lines.pop(0)  # '> Sep 13th 2023' with the text run on below
        words = " ".join(lines)
        if words and words not in ("■", "***", "---"):
            paras.append(words)
    if headings:
        meta["title"] = min(headings, key=lambda h: h[0])[1]
    return "\n".join(paras), meta


def _inline_lines(inline) -> list[str]:  # type: ignore[no-untyped-def]
    """The lines of an inline token (split at its line breaks): text, code and link
    text; no images or HTML."""
    lines, out = [], []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("".join(out))
            out = []
    lines.append("".join(out))
    return [" ".join(line.split()) for line in lines if line.strip()]


def one_line(value: object) -> str:
    """A metadata value (outlet, title, date, url) on one line: white space runs and line
    breaks as one space, control characters gone (a name must never start a line of
    its own where it is printed)."""
    return " ".join(normalise(str(value)).split())


def _article(body: str, meta: dict[str, str], *, file: str, path: str, stem: str,
             outlet: str | None, inferred: dict[str, str] | None = None,
             manifest: dict[str, str] | None = None, origin: str = "") -> ArticleIn:
    """Build an article: dateline off, metadata by priority, hash of the prose."""
    body = prose(body)
    body, _dateline = strip_dateline(body)
    # --outlet, then front matter or the record, then the manifest, then the text itself
    merged = {**(inferred or {}), **(manifest or {}), **{k: v for k, v in meta.items() if v}}
    merged = {k: one_line(v) for k, v in merged.items()}
    if merged.get("date"):
        merged["date"] = iso_time(str(merged["date"]))
    if outlet:
        merged["outlet"] = one_line(outlet)
    if not body.strip():
        raise InputError(f"{shown_path(path)}: no article text after front matter and "
                         "headings", code=EMPTY_FILE)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return ArticleIn(
        file=file, path=shown_path(path), stem=stem, outlet=merged.get("outlet") or stem,
        title=merged.get("title", ""), date=merged.get("date", ""), url=web_url(str(merged.get("url", ""))),
        text=body, content_hash=digest, origin=origin or f"stdin:{digest}",
    )


def _record(line: str) -> tuple[str, dict[str, str], str | None]:
    """(text, metadata, id) of one JSONL line; ValueError, KeyError or TypeError says
    what is wrong with it."""
    try:
        rec = json.loads(line)
    except RecursionError:
        raise ValueError("JSON nested too deep") from None
    if not isinstance(rec, dict):
        raise TypeError("not a JSON object")
    body = rec["text"]
    if not isinstance(body, str):
        raise TypeError("'text' must be a string")
    meta: dict[str, str] = {}
    for k in ("outlet", "title", "date", "url", "id"):
        v = rec.get(k)
        if v is None or v == "":
            continue
        if isinstance(v, bool) or not isinstance(v, str | int | float):
            raise TypeError(f"'{k}' must be a string, not {type(v).__name__}")
        meta[k] = str(v)
    for v in (body, *meta.values()):
        v.encode("utf-8")  # a lone surrogate ('\ud800') raises UnicodeEncodeError here
    return body, meta, meta.pop("id", None)


def jsonl_articles(text: str, source: Path, outlet: str | None,
                   name: str | None = None,
                   problems: list[InputError] | None = None) -> list[ArticleIn]:
    """One article a line: {"id", "outlet", "title", "date", "url", "text"}.

    A record is shown as ``feed.jsonl:ID``, its id or without one its line number, and
    known by the file and its id, or its line (so a record without an id never takes the
    place of one with an id, whatever the numbers). A bad record (not JSON, no text, an id an earlier line
    has, a binary text) is refused alone, with its line: into ``problems`` when given,
    else raised."""
    name = name or ("stdin" if str(source) == STDIN else shown_path(source.name))
    shown = shown_path(source)
    base = None if str(source) == STDIN else origin_key(source)
    out = []
    seen: dict[str, int] = {}
    refused = 0
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            try:
                body, meta, rid = _record(line)
                _check_text(f"{shown}: line {n}", body)
            except (ValueError, KeyError, TypeError) as exc:
                why = ("not valid UTF-8 (a lone surrogate)" if isinstance(exc, UnicodeError)
                       else exc)
                raise InputError(f"{shown}: line {n} is not an article record ({why})",
                                 code=BAD_JSONL) from None
            if rid is not None and rid in seen:
                raise InputError(f"{shown}: line {n} repeats the id '{rid}' of line "
                                 f"{seen[rid]}; ids must be unique in a file", code=BAD_JSONL)
            ident = escaped(rid) if rid is not None else str(n)
            out.append(_article(
                body, meta, file=f"{name}:{ident}", path=f"{source}:{n}",
                stem=f"{Path(name).stem}-{ident}", outlet=outlet,
                origin="" if base is None else
                f"{base}#id={rid}" if rid is not None else f"{base}#line={n}"))
            if rid is not None:
                seen[rid] = n
        except InputError as exc:
            if problems is None:
                raise
            problems.append(exc)
            refused += 1
    if not out and not refused:
        raise InputError(f"{shown}: empty file (no records)", code=EMPTY_FILE)
    return out


def _kind(source: Path, text: str) -> str:
    suffix = source.suffix.lower()
    if suffix in HTML:
        return "html"
    if suffix == JSONL:
        return "jsonl"
    if str(source) == STDIN:
        head = text.lstrip()[:SNIFF_CHARS].lower()
        if head.startswith("{"):
            return "jsonl"
        if head.startswith(("<!doctype", "<html")):
            return "html"
    return "text"


def load_articles(source: Path, max_bytes: int, outlet: str | None = None,
                  name: str | None = None,
                  problems: list[InputError] | None = None) -> list[ArticleIn]:
    """Read, check and normalise one file (or ``-``, standard input) into articles;
    ``name`` is how the ledger shows it (default: the file name); its identity is the
    file itself (:func:`~summitledger.safe.origin_key`), or for standard
    input its text. Bad JSON lines records go to ``problems`` when given."""
    text, _encoding = decode(source, read_bytes(source, max_bytes))
    kind = _kind(source, text)
    if kind == "jsonl":
        return jsonl_articles(text, source, outlet, name, problems)
    _check_text(source, text)
    origin = ""  # standard input: known by its text
    if str(source) == STDIN:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        name, manifest = f"stdin-{digest}", {}
    else:
        manifest = load_manifest(source.parent).get(source.name, {})
        name = name or shown_path(source.name)
        origin = origin_key(source)
    stem = Path(name).stem
    if kind == "html":
        body, meta = html_article(text, source)
        return [_article(body, meta, file=name, path=str(source), stem=stem, outlet=outlet,
                         manifest=manifest, origin=origin)]
    meta, body = front_matter(normalise(text))
    inferred: dict[str, str] = {}
    if source.suffix.lower() in MARKDOWN or looks_like_markdown(body):
        body, inferred = markdown_to_prose(body)
    return [_article(body, meta, file=name, path=str(source), stem=stem, outlet=outlet,
                     inferred=inferred, manifest=manifest, origin=origin)]


def load_article(source: Path, max_bytes: int, outlet: str | None = None) -> ArticleIn:
    """The one article of a text, Markdown or HTML file."""
    return load_articles(source, max_bytes, outlet)[0]
