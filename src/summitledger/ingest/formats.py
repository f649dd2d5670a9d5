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
    NO_READER,
    InputError,
    PipelineError,
)
from summitledger.ingest.manifest import load_manifest
from summitledger.ingest.published import HTML_FORMAT, html_time, iso_time
from summitledger.ingest.readers import STDIN, _check_text, decode, read_bytes
from summitledger.models import ArticleIn
from summitledger.nlp.text import normalise, paragraphs
from summitledger.safe import web_url

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_DATE_LINE = re.compile(
    r"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"  # 'Tuesday, '
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})[a-z]*\.?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)\s*$",
    re.I,
)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` delimited ``key: value`` lines at the top of a file, and the rest."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    meta = {}
    for line in text[4:end].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    rest = text[end + 4 :]
    return meta, rest[1:] if rest.startswith("\n") else rest




_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z'’.-]*(?:\s+[A-Z][A-Z'’.-]*)*)"  # PLACE IN CAPITALS
    r"(?:,\s*[A-Z][\w.'’ ]{1,30}){0,2}"  # , Country, Sept 13
    r"(?:\s*\([^)\n]{1,30}\))?"  # (Agency)
    r"\s+[-–—]{1,2}\s+")


def strip_dateline(body: str) -> tuple[str, str]:
    """'MOSCOW, Sept 13 (Reuters) - Text' -> ('Text', 'MOSCOW, Sept 13 (Reuters)')."""
    m = _DATELINE.match(body)
    if not m or len(m.group(0)) > 80:
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


def _article(body: str, meta: dict[str, str], *, file: str, path: str, stem: str,
             outlet: str | None, inferred: dict[str, str] | None = None,
             manifest: dict[str, str] | None = None) -> ArticleIn:
    """Build an article: dateline off, metadata by priority, hash of the prose."""
    body = paragraphs(normalise(body))
    body, _dateline = strip_dateline(body)
    # --outlet, then front matter or the record, then the manifest, then the text itself
    merged = {**(inferred or {}), **(manifest or {}), **{k: v for k, v in meta.items() if v}}
    if merged.get("date"):
        merged["date"] = iso_time(str(merged["date"]))
    if outlet:
        merged["outlet"] = outlet
    if not body.strip():
        raise InputError(f"{path}: no article text after front matter and headings",
                         code=EMPTY_FILE)
    return ArticleIn(
        file=file, path=path, stem=stem, outlet=merged.get("outlet") or stem,
        title=merged.get("title", ""), date=merged.get("date", ""), url=web_url(str(merged.get("url", ""))),
        text=body, content_hash=hashlib.sha256(body.encode("utf-8")).hexdigest(),
    )


def html_article(html: str, source: Path, url: str | None = None) -> tuple[str, dict[str, str]]:
    """Body and metadata of a web page, by trafilatura (not hand-written stripping);
    ``url``: where a fetched page was read."""
    try:
        import trafilatura
        from lxml.html import clean  # noqa: F401  (jusText's; lxml_html_clean brings it)
    except ImportError as exc:
        raise PipelineError(f"{source}: cannot read HTML, the HTML reader failed to load "
                            f"({exc}); pip install trafilatura lxml_html_clean",
                            code=NO_READER) from None

    # the date with its time where the page gives one (article:published_time,
    # datePublished in JSON-LD or microdata), by trafilatura's date finder
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                      include_comments=False, include_tables=False,
                                      date_extraction_params={
                                          "outputformat": HTML_FORMAT, "original_date": True,
                                          "extensive_search": True})
    data = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(f"{source}: no article text found in the HTML page", code=EMPTY_FILE)
    title = data.get("title") or ""
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])
    meta = {"title": title, "outlet": data.get("sitename") or data.get("hostname") or "",
            "date": html_time(data.get("date") or ""), "url": data.get("url") or ""}
    return text, {k: v for k, v in meta.items() if v}


def _record(line: str) -> tuple[str, dict[str, str], str | None]:
    """(text, metadata, id) of one JSONL line; ValueError, KeyError or TypeError says
    what is wrong with it."""
    rec = json.loads(line)
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
                   name: str | None = None) -> list[ArticleIn]:
    """One article a line: {"id", "outlet", "title", "date", "url", "text"}."""
    name = name or ("stdin" if str(source) == STDIN else source.name)
    out = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            body, meta, rid = _record(line)
            _check_text(f"{source}: line {n}", body)
        except (ValueError, KeyError, TypeError) as exc:
            why = "not valid UTF-8 (a lone surrogate)" if isinstance(exc, UnicodeError) else exc
            raise InputError(f"{source}: line {n} is not an article record ({why})",
                             code=BAD_JSONL) from None
        ident = rid or str(n)
        if ident in seen:
            raise InputError(f"{source}: line {n} repeats the id '{ident}' of line "
                             f"{seen[ident]}; ids must be unique in a file", code=BAD_JSONL)
        seen[ident] = n
        out.append(_article(body, meta, file=f"{name}:{ident}", path=f"{source}:{n}",
                            stem=f"{Path(name).stem}-{ident}", outlet=outlet))
    if not out:
        raise InputError(f"{source}: empty file (no records)", code=EMPTY_FILE)
    return out


def _kind(source: Path, text: str) -> str:
    suffix = source.suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".jsonl":
        return "jsonl"
    if str(source) == STDIN:
        head = text.lstrip()[:200].lower()
        if head.startswith("{"):
            return "jsonl"
        if head.startswith(("<!doctype", "<html")):
            return "html"
    return "text"


def load_articles(source: Path, max_bytes: int, outlet: str | None = None,
                  name: str | None = None) -> list[ArticleIn]:
    """Read, check and normalise one file (or ``-``, standard input) into articles;
    ``name`` is the article's identity in the ledger (default: the file name)."""
    text, _encoding = decode(source, read_bytes(source, max_bytes))
    kind = _kind(source, text)
    if kind == "jsonl":
        return jsonl_articles(text, source, outlet, name)
    _check_text(source, text)
    if str(source) == STDIN:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        name, manifest = f"stdin-{digest}", {}
    else:
        manifest = load_manifest(source.parent).get(source.name, {})
        name = name or source.name
    stem = Path(name).stem
    if kind == "html":
        body, meta = html_article(text, source)
        return [_article(body, meta, file=name, path=str(source), stem=stem, outlet=outlet,
                         manifest=manifest)]
    meta, body = front_matter(normalise(text))
    inferred: dict[str, str] = {}
    if source.suffix.lower() in (".md", ".markdown") or looks_like_markdown(body):
        body, inferred = markdown_to_prose(body)
    return [_article(body, meta, file=name, path=str(source), stem=stem, outlet=outlet,
                     inferred=inferred, manifest=manifest)]


def load_article(source: Path, max_bytes: int, outlet: str | None = None) -> ArticleIn:
    """The one article of a text, Markdown or HTML file."""
    return load_articles(source, max_bytes, outlet)[0]
