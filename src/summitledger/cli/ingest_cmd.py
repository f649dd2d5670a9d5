"""summitledger ingest PATH..."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from summitledger.cli.options import DbOption, say_waiting, settings
from summitledger.errors import NOTHING_TO_INGEST, InputError
from summitledger.report.destinations import require_stdout
from summitledger.report.output import Format, emit, is_terminal, write_json
from summitledger.safe import line_safe
from summitledger.settings import is_url
from summitledger.store.backend import shown

EXIT_SKIPPED = 3


def ingest_cli(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Articles: .txt, .md/.markdown (front matter read), .html/.htm (saved pages), "
        ".jsonl (one article a line: text, outlet, title, date, url, id), folders of them "
        "(searched recursively, with an optional manifest.json), - for standard input, "
        "or web pages by address (https://...).", metavar="PATH|URL",
        show_default=False)] = None,
    urls: Annotated[Path | None, typer.Option(
        "--urls", metavar="FILE", help="Also fetch the web pages listed in FILE, one "
        "address a line (blank lines and # comments skipped).", dir_okay=False)] = None,
    db: DbOption = None,
    outlet: Annotated[str | None, typer.Option(
        help="Outlet name for every article given (overrides manifest and front matter).")] = None,
    event: Annotated[str | None, typer.Option(
        help="The event these articles are about (default: the manifest's \"event\", else "
        "the folder's name, skipping names such as 'articles'). Actors and groups never "
        "cross events.", show_default=False)] = None,
    cues: Annotated[Path | None, typer.Option(
        envvar="SUMMITLEDGER_CUES", help="Extra cue lexicon (JSON) to extend the built-in one.",
        exists=True, dir_okay=False)] = None,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Processes that parse and extract in parallel.")] = 1,
    format: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Print the ingest report as json (or jsonl) on stdout.")] = None,
) -> None:
    """Add articles to the ledger, extract their attributed claims, and reconcile.

    Each article is written in one transaction: unchanged files are left alone, a
    changed file replaces its earlier version, and a failure keeps what was there.
    Outlet, title and date come from --outlet, front matter, a manifest.json in the
    article's folder, or failing all, the file name. Each article belongs to one event
    (--event, the manifest's "event", else the folder's name); an article that fits
    another event better is named on stderr (SL113).

    A web page is fetched (timeout SUMMITLEDGER_FETCH_TIMEOUT, size limit
    SUMMITLEDGER_MAX_BYTES, one retry) and its main text, title, date and outlet read
    from it; it is known in the ledger by its address.

    Exit codes: 0 done; 1 error, nothing written; 3 done, but some files in a folder,
    or some web pages, were skipped (each named on stderr).

    \b
    Examples:
      summitledger ingest seeds/
      summitledger ingest ~/coverage/bridge/ --event harbour-bridge-collapse
      summitledger ingest https://example.org/news/story.html --urls more.txt
    """
    if format is not None:
        require_stdout()  # the report needs somewhere to go: refused before anything is stored
    err = Console(stderr=True)
    progress = None
    task = None
    if is_terminal(sys.stderr):
        progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                            TextColumn("{task.description}"), console=err, transient=True)

    def on_total(n: int) -> None:
        nonlocal task
        if progress is not None:
            progress.start()
            task = progress.add_task("", total=n)

    def on_article(outcome) -> None:  # type: ignore[no-untyped-def]
        line = _line(outcome)  # one line per article as it is done, piped or not
        if progress is not None and task is not None:
            progress.console.print(line, markup=False, highlight=False)
            progress.update(task, advance=1, description=escape(line_safe(outcome.file)))
        else:
            typer.echo(line, err=True)

    from summitledger.ingest.run import ingest  # spaCy loads here, not when the CLI starts
    from summitledger.ingest.web import is_address, read_url_list

    addresses = read_url_list(urls) if urls is not None else []
    if not paths and urls is None:
        raise InputError("nothing to ingest: give files, folders, web addresses or --urls FILE",
                         code=NOTHING_TO_INGEST)
    if urls is not None and not addresses and not paths:
        raise InputError(f"{urls}: no addresses in the URL list", code=NOTHING_TO_INGEST)
    named: list[Path | str] = [p if is_address(p) else Path(p) for p in paths or []]
    pages = len(addresses) + sum(1 for p in named if isinstance(p, str))
    if pages:  # fetching comes before any article's line: say what is happening
        typer.echo(f"fetching {pages} web page{'s' * (pages != 1)}", err=True)

    ledger = settings(db, cues=cues).db
    created = not is_url(ledger) and not Path(ledger).exists()

    try:
        report = ingest(named, settings(db, cues=cues), urls=addresses, outlet=outlet,
                        event=event,
                        on_article=on_article, on_total=on_total, jobs=jobs,
                        on_wait=say_waiting,
                        on_note=lambda why: typer.echo(f"Note: {why}", err=True))
    finally:
        if progress is not None:
            progress.stop()
    if created:
        typer.echo(line_safe(f"created ledger {shown(ledger)}"), err=True)
    for problem in [*report.warnings, *report.problems]:
        typer.echo(f"Warning: {line_safe(problem)}", err=True)
    if format is Format.json:
        write_json(report.model_dump())
    elif format is not None:
        emit(report.outcomes, format, ["file", "status", "sentences", "claims", "detail"])
    _summary(report)
    if report.problems:
        raise typer.Exit(EXIT_SKIPPED)


def _line(o) -> str:  # type: ignore[no-untyped-def]
    extra = (f"{o.sentences} sentences, {o.claims} claim{'s' * (o.claims != 1)}"
             if o.status in ("added", "replaced")
             else o.detail)
    if o.status in ("added", "replaced") and o.detail:
        extra += f"; {o.detail}"
    return line_safe(f"{o.status:>9}  {o.file}  ({extra})")  # one line, whatever a name holds


def _summary(report) -> None:  # type: ignore[no-untyped-def]
    for o in report.outcomes:  # what was learned after the article's own line
        if o.detail.startswith(("near-copy", "now its own")):
            typer.echo(line_safe(f"     note  {o.file}  ({o.detail})"), err=True)
    r = report.reconcile
    if r is not None:
        statuses = ", ".join(f"{n} {s}" for s, n in r.by_status.items()) or "none"
        typer.echo(
            f"ledger: {r.articles} articles, {r.claims} claims, {r.actors} actors, "
            f"{r.groups} groups ({statuses})", err=True)
    if all(o.status in ("unchanged", "duplicate") for o in report.outcomes):
        typer.echo("nothing changed: every article was already in the ledger", err=True)
