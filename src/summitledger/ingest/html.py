"""Saved web pages: the article's text and metadata, by trafilatura, from what a reader
of the page sees (never a frame's fallback, a ``<noscript>`` block or a template)."""

from __future__ import annotations

from pathlib import Path

from summitledger.errors import EMPTY_FILE, NO_READER, InputError, PipelineError
from summitledger.ingest.published import HTML_FORMAT, html_time
from summitledger.safe import shown_path

#: Elements whose text a reader of the page never sees as the article: a frame's
#: fallback, what shows only without scripts, templates and embedded objects.
HIDDEN = ("iframe", "noscript", "template", "object", "embed", "frame", "frameset")


def _visible(html: str):  # type: ignore[no-untyped-def]
    """The page as an lxml tree without :data:`HIDDEN` elements (the page as text when
    lxml cannot parse it; trafilatura then reads it as it can)."""
    import lxml.html
    from lxml import etree

    try:  # as bytes: a page declaring its encoding is not refused
        tree = lxml.html.document_fromstring(
            html.encode("utf-8", "surrogatepass"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return html
    for el in tree.xpath("|".join(f"//{tag}" for tag in HIDDEN)):
        if el.getparent() is not None:
            el.drop_tree()
    return tree


def html_article(html: str, source: Path, url: str | None = None) -> tuple[str, dict[str, str]]:
    """Body and metadata of a web page, by trafilatura (not hand-written stripping);
    ``url``: where a fetched page was read."""
    try:
        import trafilatura
        from lxml.html import clean  # noqa: F401  (jusText's; lxml_html_clean brings it)
    except ImportError as exc:
        raise PipelineError(f"{shown_path(source)}: cannot read HTML, the HTML reader failed to load "
                            f"({exc}); pip install trafilatura lxml_html_clean",
                            code=NO_READER) from None

    try:
        # the date with its time where the page gives one (article:published_time,
        # datePublished in JSON-LD or microdata), by trafilatura's date finder
        doc = trafilatura.bare_extraction(_visible(html), url=url, with_metadata=True,
                                          include_comments=False, include_tables=False,
                                          date_extraction_params={
                                              "outputformat": HTML_FORMAT,
                                              "original_date": True,
                                              "extensive_search": True})
    except RecursionError:
        raise InputError(f"{shown_path(source)}: HTML nested too deep to read",
                         code=EMPTY_FILE) from None
    data = doc.as_dict() if hasattr(doc, "as_dict") else (doc or {})
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(f"{shown_path(source)}: no article text found in the HTML page",
                         code=EMPTY_FILE)
    title = data.get("title") or ""
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:])
    meta = {"title": title, "outlet": data.get("sitename") or data.get("hostname") or "",
            "date": html_time(data.get("date") or ""), "url": data.get("url") or ""}
    return text, {k: v for k, v in meta.items() if v}
