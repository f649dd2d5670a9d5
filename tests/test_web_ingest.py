"""Ingest from the web: pages served by a local HTTP server (http.server in a thread),
fetched by the real CLI, read by trafilatura and the real spaCy pipeline into a real
SQLite ledger. Nothing here leaves 127.0.0.1."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summitledger import __version__
from summitledger.ingest.run import ingest
from summitledger.settings import Settings

LIMIT = 20_000  # SUMMITLEDGER_MAX_BYTES in these tests
TIMEOUT = 1.0  # SUMMITLEDGER_FETCH_TIMEOUT in these tests (a local page takes milliseconds)

STORY = """<!doctype html><html><head><meta charset="utf-8">
<title>Bridge closed - Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Bridge closed to lorries", "datePublished": "2024-03-05T09:00:00Z"}</script>
</head><body><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article><h1>Bridge closed to lorries</h1>
<p>The mayor said the bridge would stay closed until Friday while engineers inspect it.</p>
<p>Police said two men had been arrested near the harbour on Tuesday night.</p>
<p>The union rejected the offer on Monday.</p></article>
<footer>Copyright Harbour Times. All rights reserved.</footer></body></html>"""

WIRE = """<!doctype html><html><head><meta charset="utf-8"><title>Ferry service halted</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Ferry service halted", "datePublished": "2024-03-06",
 "publisher": {"@type": "Organization", "name": "Lakeside Courier"}}</script>
</head><body><article><h1>Ferry service halted</h1>
<p>The ferry operator said all crossings would be cancelled until the storm had passed.</p>
<p>Harbour officials said the decision was taken after waves damaged the pier.</p>
</article></body></html>"""


class Site(BaseHTTPRequestHandler):
    """The pages: each path a case. ``hits`` and ``agents`` record the requests."""

    hits: Counter[str] = Counter()
    agents: list[str] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def handle(self) -> None:  # a client that gave up (the tests' point) is no error
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8",
              length: bool = True, **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path
        Site.hits[path] += 1
        Site.agents.append(self.headers.get("User-Agent", ""))
        if path == "/story.html":
            self._send(200, STORY.encode())
        elif path == "/wire.html":
            self._send(200, WIRE.encode())
        elif path == "/moved":
            self._send(301, b"", Location="/story.html")
        elif path == "/to-ftp":
            self._send(302, b"", Location="ftp://127.0.0.1/story.txt")
        elif path == "/slow":
            time.sleep(4 * TIMEOUT)  # never answers in time
            self._send(200, STORY.encode())
        elif path == "/drip":  # headers at once, then the body too slowly
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(8):
                self.wfile.write(b"<p>" + b"x" * 100 + b"</p>")
                self.wfile.flush()
                time.sleep(TIMEOUT / 3)
        elif path == "/big":  # no Content-Length: only streaming can stop it
            self._send(200, b"<p>" + b"word " * (3 * LIMIT) + b"</p>", length=False)
        elif path == "/big-declared":
            self._send(200, b"<p>" + b"word " * (3 * LIMIT) + b"</p>")
        elif path == "/data.json":
            self._send(200, b'{"text": "The mayor said so."}', kind="application/json")
        elif path == "/flaky":  # busy once, then fine
            if Site.hits[path] == 1:
                self._send(503, b"busy", kind="text/plain", Retry_After="0")
            else:
                self._send(200, WIRE.replace("Ferry service", "Night ferry").encode())
        else:
            self._send(404, b"<h1>Not found</h1>")


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The server's base address; the fetch limits small, no proxy for 127.0.0.1."""
    monkeypatch.setenv("SUMMITLEDGER_MAX_BYTES", str(LIMIT))
    monkeypatch.setenv("SUMMITLEDGER_FETCH_TIMEOUT", str(TIMEOUT))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    Site.hits = Counter()
    Site.agents = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    # a short poll, so shutting the server down at the end takes milliseconds, not 0.5 s
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _articles(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT file, url, outlet, title, date, ingested_at FROM article "
                           "ORDER BY file").fetchall()
    finally:
        con.close()


def test_a_web_page_is_ingested_with_its_metadata_and_claims(cli, site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db, url = tmp_path / "l.db", f"{site}/story.html"
    r = cli("ingest", url, "--db", db)
    assert r.exit_code == 0, r.output
    ((file, stored_url, outlet, title, date, when),) = _articles(db)
    assert (file, stored_url) == (url, url)  # known by its address, which it keeps
    # the page's JSON-LD datePublished keeps its time (issue 22: times order figures)
    assert (outlet, title, date) == ("Harbour Times", "Bridge closed to lorries",
                                     "2024-03-05T09:00:00+00:00")
    claims = json.loads(cli("claims", "--db", db, "-f", "json").stdout)
    assert [(c["actor"], c["content"]) for c in claims] == [
        ("Mayor", "the bridge would stay closed until Friday while engineers inspect it"),
        ("Police", "two men had been arrested near the harbour on Tuesday night")]
    assert {c["article"] for c in claims} == {url}
    text = sqlite3.connect(db).execute("SELECT text FROM article").fetchone()[0]
    assert "Home" not in text and "Copyright" not in text  # the main text only
    assert Site.agents == [f"summitledger/{__version__} (news claim ledger; one request per article)"]
    # fetched again, unchanged: nothing changes
    again = cli("ingest", url, "--db", db)
    assert again.exit_code == 0 and "unchanged" in again.stderr
    assert _articles(db)[0][5] == when and Site.hits["/story.html"] == 2


def test_the_outlet_comes_from_the_publisher_in_json_ld(site: str, tmp_path: Path) -> None:
    """The library takes an address among its paths, as a string."""
    report = ingest([f"{site}/wire.html"], Settings(db=tmp_path / "l.db"))
    assert [o.status for o in report.outcomes] == ["added"]
    ((_, _, outlet, title, date, _),) = _articles(tmp_path / "l.db")
    assert (outlet, title, date) == ("Lakeside Courier", "Ferry service halted", "2024-03-06")


@pytest.mark.slow
def test_every_failure_is_one_coded_line_and_the_rest_is_ingested(cli, site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A list of addresses (--urls): each one that fails is named with its code, the
    good ones are ingested, and the exit code says some were skipped."""
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join([
        "# the morning's coverage", f"{site}/story.html", "", f"{site}/missing.html",
        f"{site}/slow", f"{site}/drip", f"{site}/big", f"{site}/big-declared",
        f"{site}/data.json", f"{site}/to-ftp", "ftp://127.0.0.1/a.txt", "not an address",
        f"{site}/wire.html"]) + "\n", "utf-8")
    db = tmp_path / "l.db"
    r = cli("ingest", "--urls", listing, "--db", db)
    assert r.exit_code == 3, r.output
    warnings = [line for line in r.stderr.splitlines() if line.startswith("Warning:")]
    expect = [
        ("[SL123]", "/missing.html: the server answered 404"),
        ("[SL122]", "/slow: no complete answer within 1 s"),
        ("[SL122]", "/drip: no complete answer within 1 s"),
        ("[SL109]", "/big: more than 20000 bytes, over the 20000-byte limit"),
        ("[SL109]", "/big-declared: 300007 bytes, over the 20000-byte limit"),
        ("[SL124]", "/data.json: not an HTML page (content type application/json)"),
        ("[SL120]", "/to-ftp: redirected to an address that is not http(s)"),
        ("[SL120]", "ftp://127.0.0.1/a.txt: not an http(s) address"),
        ("[SL120]", "not an address: not an http(s) address"),
    ]
    assert len(warnings) == len(expect), warnings
    for line, (code, words) in zip(warnings, expect, strict=True):
        assert code in line and words in line, line
    assert [a[0] for a in _articles(db)] == [f"{site}/story.html", f"{site}/wire.html"]
    assert Site.hits["/slow"] == 2 and Site.hits["/drip"] == 2  # one retry each
    assert Site.hits["/missing.html"] == 1 and Site.hits["/data.json"] == 1  # no retry


def test_a_redirect_is_followed_and_the_article_keeps_where_it_was_read(cli, site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "l.db"
    assert cli("ingest", f"{site}/moved", "--db", db).exit_code == 0
    ((file, url, outlet, *_),) = _articles(db)
    assert (file, url, outlet) == (f"{site}/moved", f"{site}/story.html", "Harbour Times")


def test_a_busy_server_gets_one_retry(cli, site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = cli("ingest", f"{site}/flaky", "--db", tmp_path / "l.db")
    assert r.exit_code == 0, r.output
    assert Site.hits["/flaky"] == 2 and "added" in r.stderr


def test_nothing_fetched_is_an_error_naming_every_failure(cli, site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "l.db"
    r = cli("ingest", f"{site}/missing.html", f"{site}/data.json", "--db", db)
    assert r.exit_code == 1
    fetching, line = r.stderr.splitlines()
    assert fetching == "fetching 2 web pages"
    assert line.startswith("Error: [SL107] nothing to ingest, all 2 failed: [SL123] ")
    assert "; [SL124] " in line
    assert not db.exists()  # nothing written, no ledger made
    empty = tmp_path / "none.txt"
    empty.write_text("# nothing yet\n", "utf-8")
    r = cli("ingest", "--urls", empty, "--db", db)
    assert r.exit_code == 1 and "[SL107]" in r.stderr and "no addresses" in r.stderr
    r = cli("ingest", "--urls", tmp_path / "absent.txt", "--db", db)
    assert r.exit_code == 1 and "[SL101]" in r.stderr
    r = cli("ingest", "--db", db)
    assert r.exit_code == 1 and "[SL107]" in r.stderr


def test_files_and_pages_go_in_together(cli, site: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    art = tmp_path / "a.txt"
    art.write_text("Police said the road was closed.\n", "utf-8")
    db = tmp_path / "l.db"
    r = cli("ingest", art, f"{site}/wire.html", "--db", db, "-f", "json")
    assert r.exit_code == 0, r.output
    outcomes = json.loads(r.stdout)["outcomes"]
    assert [(o["file"], o["status"]) for o in outcomes] == [
        ("a.txt", "added"), (f"{site}/wire.html", "added")]


def test_a_bad_fetch_timeout_is_a_coded_error(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SUMMITLEDGER_FETCH_TIMEOUT", "soon")
    r = cli("ingest", "https://example.invalid/a", "--db", tmp_path / "l.db")
    assert r.exit_code == 1 and "[SL305]" in r.stderr
