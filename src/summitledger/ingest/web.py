"""Articles from the web: http(s) pages fetched politely with httpx, read by trafilatura.

One GET per address, through one client: a timeout per attempt (``fetch_timeout``),
the size limit (``max_bytes``) enforced while the body streams in, one retry after a
transient failure (a dropped connection, a timeout, 429 or a 502/503/504), a
User-Agent naming summitledger and its version, redirects followed to http(s) only.
Every failure is an :class:`InputError` with its own code, for the caller to report
and skip. Retries are a loop of two here rather than a retry library: one retry of one
request is all there is to it.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from summitledger.errors import (
    FETCH_FAILED,
    FETCH_TIMEOUT,
    HTTP_STATUS,
    MISSING_PATH,
    NOT_HTML,
    NOT_WEB_URL,
    TOO_LARGE,
    UNREADABLE,
    InputError,
)
from summitledger.files import read_regular
from summitledger.models import ArticleIn
from summitledger.safe import shown_path
from summitledger.version import __version__

USER_AGENT = f"summitledger/{__version__} (news claim ledger; one request per article)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_REDIRECTS = 5  # a news page behind more hops than this is a redirect loop
RETRY_STATUSES = {429, 502, 503, 504}  # busy or restarting: worth one more try
RETRY_PAUSE_S = 1.0  # before the retry; a Retry-After the server sends is honoured...
MAX_RETRY_PAUSE_S = 10.0  # ...up to this, so one slow server never stalls a whole list
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def is_address(arg: str) -> bool:
    """Does a command-line argument name a web address (``scheme://...``), not a path?"""
    return bool(_SCHEME.match(arg.strip()))


URL_LIST_MAX_BYTES = 5_000_000  # a list of addresses: some thousands of lines at most
STEM_CHARS = 80  # a page's name from its address: enough to tell pages of one site apart


def read_url_list(path: Path) -> list[str]:
    """The addresses in a list file: one a line; blank lines and ``#`` comments skipped."""
    if not path.exists():
        raise InputError(f"{shown_path(path)}: no such URL list", code=MISSING_PATH)
    try:  # a regular file only, within a limit: a FIFO named here would block for ever
        text = read_regular(path, URL_LIST_MAX_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown_path(path)}: cannot read the URL list ({exc})",
                         code=UNREADABLE) from None
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def _without_fragment(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit(parts._replace(fragment=""))


def _check_address(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: not an http(s) address; ingest fetches only web pages",
                         code=NOT_WEB_URL)


@dataclass
class Page:
    """A fetched page: the address asked for, where it was finally read, its bytes."""

    url: str
    final_url: str
    body: bytes
    charset: str | None


def make_client(timeout: float):  # type: ignore[no-untyped-def]
    """One httpx client for a whole ingest (connections reused, proxies from the
    environment as usual)."""
    import httpx

    return httpx.Client(headers={"User-Agent": USER_AGENT}, timeout=timeout,
                        follow_redirects=True, max_redirects=MAX_REDIRECTS)


def fetch(client, url: str, max_bytes: int, timeout: float) -> Page:  # type: ignore[no-untyped-def]
    """GET ``url`` with one retry after a transient failure; InputError when it fails."""
    import httpx

    url = _without_fragment(url)
    _check_address(url)
    for attempt in (1, 2):
        try:
            return _get(client, url, max_bytes, timeout)
        except _Transient as exc:
            if attempt == 2:
                raise exc.error from None
            time.sleep(min(exc.pause, MAX_RETRY_PAUSE_S))
        except httpx.UnsupportedProtocol:
            raise InputError(f"{url}: redirected to an address that is not http(s)",
                             code=NOT_WEB_URL) from None
        except httpx.TooManyRedirects:
            raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects",
                             code=FETCH_FAILED) from None
    raise AssertionError("unreachable")


class _Transient(Exception):
    """A failure worth one retry, with the error to give if the retry fails too."""

    def __init__(self, error: InputError, pause: float = RETRY_PAUSE_S) -> None:
        self.error, self.pause = error, pause


def _get(client, url: str, max_bytes: int, timeout: float) -> Page:  # type: ignore[no-untyped-def]
    import httpx

    deadline = time.monotonic() + timeout  # the whole body, not only each read
    late = InputError(f"{url}: no complete answer within {timeout:g} s "
                      "(SUMMITLEDGER_FETCH_TIMEOUT)", code=FETCH_TIMEOUT)
    try:
        with client.stream("GET", url) as r:
            if r.status_code in RETRY_STATUSES:
                raise _Transient(_status_error(url, r), _retry_after(r))
            if r.status_code >= 400:
                raise _status_error(url, r)
            kind = r.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind and kind not in HTML_TYPES:
                raise InputError(f"{url}: not an HTML page (content type {kind})",
                                 code=NOT_HTML)
            size = r.headers.get("content-length", "")
            if size.isdigit() and int(size) > max_bytes:
                raise _too_large(url, int(size), max_bytes)
            chunks, got = [], 0
            for chunk in r.iter_bytes():
                got += len(chunk)
                if got > max_bytes:  # whatever the header said (or did not)
                    raise _too_large(url, got, max_bytes, more=True)
                if time.monotonic() > deadline:
                    raise _Transient(late)
                chunks.append(chunk)
            return Page(url=url, final_url=_without_fragment(str(r.url)),
                        body=b"".join(chunks), charset=r.charset_encoding)
    except httpx.TimeoutException:
        raise _Transient(late) from None
    except (httpx.UnsupportedProtocol, httpx.TooManyRedirects):
        raise
    except httpx.TransportError as exc:  # refused, reset, no such host, TLS
        why = str(exc).strip() or type(exc).__name__
        raise _Transient(InputError(f"{url}: cannot fetch ({why})", code=FETCH_FAILED)) from None


def _status_error(url: str, r) -> InputError:  # type: ignore[no-untyped-def]
    return InputError(f"{url}: the server answered {r.status_code} {r.reason_phrase}".rstrip(),
                      code=HTTP_STATUS)


def _retry_after(r) -> float:  # type: ignore[no-untyped-def]
    value = r.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else RETRY_PAUSE_S


def _too_large(url: str, size: int, max_bytes: int, more: bool = False) -> InputError:
    what = f"more than {max_bytes} bytes" if more else f"{size} bytes"
    return InputError(f"{url}: {what}, over the {max_bytes}-byte limit "
                      "(SUMMITLEDGER_MAX_BYTES)", code=TOO_LARGE)


def _stem(url: str) -> str:
    """A short name for an address: its host and path as one slug."""
    parts = urlsplit(url)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or ''}{parts.path}").strip("-")
    return slug[:STEM_CHARS] or "page"


def page_article(page: Page, outlet: str | None = None) -> ArticleIn:
    """A fetched page as an article: trafilatura's main text, title, date and outlet
    (the page's og:site_name or JSON-LD publisher, else its host); the address asked
    for is its name in the ledger, where it was read its ``url``."""
    from summitledger.ingest.formats import _article, html_article  # one article builder
    from summitledger.ingest.readers import _check_text, decode

    text = None
    if page.charset:
        try:
            text = page.body.decode(page.charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, _encoding = decode(page.url, page.body)  # type: ignore[arg-type]
    _check_text(page.url, text)
    body, meta = html_article(text, page.url, url=page.final_url)  # type: ignore[arg-type]
    meta["url"] = page.final_url
    if not meta.get("outlet"):
        host = urlsplit(page.final_url).hostname or ""
        meta["outlet"] = host.removeprefix("www.")
    return _article(body, meta, file=page.url, path=page.url, stem=_stem(page.url),
                    outlet=outlet, origin=f"url:{page.url}")  # known by its address


def web_articles(addresses: list[str], max_bytes: int, timeout: float,
                 outlet: str | None = None) -> tuple[list[ArticleIn], list[InputError]]:
    """Fetch and read each address once, in order: the articles, and a coded problem
    for each address that failed (the others are unaffected)."""
    articles: list[ArticleIn] = []
    problems: list[InputError] = []
    if not addresses:
        return articles, problems
    with make_client(timeout) as client:
        for url in dict.fromkeys(a.strip() for a in addresses):
            try:
                articles.append(page_article(fetch(client, url, max_bytes, timeout), outlet))
            except InputError as exc:
                problems.append(exc)
    return articles, problems
