"""Options shared by commands, defined once; and the one error boundary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from typer.core import TyperGroup

from summitledger.cli.gcpause import no_cycle_collection
from summitledger.errors import LedgerError
from summitledger.report.destinations import checked_stdout
from summitledger.report.output import Format
from summitledger.safe import line_safe, shown_path
from summitledger.settings import ENV_DB, Settings
from summitledger.store.engine import ledger_failure, open_ledger, unreconciled

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar=ENV_DB,
        help="The ledger: an SQLite file, or a PostgreSQL URL "
             "(postgresql+psycopg://user@host/dbname). Default: data/claims.db.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        help="table (rich on a terminal, tab-separated when piped), json, jsonl or csv.",
        case_sensitive=False,
    ),
]


ENV_EVENT = "SUMMITLEDGER_EVENT"
EventOption = Annotated[
    str | None,
    typer.Option(
        "--event",
        envvar=ENV_EVENT,
        help="The event to read (see 'summitledger events'), in any case; 'all' for every "
             "event. Needed only when the ledger holds several.",
        show_default=False,
    ),
]


def settings(db: str | Path | None, **more: object) -> Settings:
    return Settings.from_env(db=db, **more)


class LedgerGroup(TyperGroup):
    """Catches every :class:`LedgerError` once: ``Error: [CODE] ...`` on stderr, exit 1."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        try:
            # one command is bulk work: reconcile and large queries make hundreds of
            # thousands of long-lived objects, and the collector's passes over them
            # grew with the ledger; the CLI (not the library) pauses it for the command.
            # Its data goes to a checked stdout: a closed one, or a write cut short (a
            # full disk, even at the last flush), is an error, never exit 0
            with no_cycle_collection(), checked_stdout():
                return super().invoke(ctx)
        except LedgerError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except DBAPIError as exc:  # the ledger failed under a command already running
            typer.echo(f"Error: {ledger_failure(exc)}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:  # the reader went away ('| head'): not an error
            sys.stderr.close()
            raise typer.Exit(0) from None
        except OSError as exc:  # a full disk, a closed stream: one line, never a traceback
            where = f"{shown_path(exc.filename)}: " if exc.filename else ""
            typer.echo(f"Error: [SL500] {line_safe(where + (exc.strerror or str(exc)))}",
                       err=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            typer.echo("Error: interrupted; articles already written are kept", err=True)
            raise typer.Exit(130) from None


def say_waiting(why: str) -> None:
    """Tell the user, on stderr, that the command waits for another process."""
    typer.echo(f"Waiting: {why}", err=True)


def open_reading(path: Path | str) -> Engine:
    """The ledger opened read-only for a reading command, with a warning on stderr when
    articles were stored after its last reconcile (a run killed before the end)."""
    engine = open_ledger(path, readonly=True)
    if unreconciled(engine):
        typer.echo("Warning: articles were stored after the last reconcile; groups and "
                   "statuses may be stale (run 'summitledger reconcile')", err=True)
    return engine


def open_event(path: Path | str, event: str | None) -> tuple[Engine, str | None]:
    """:func:`open_reading`, and the event the command reads: the one given, None for
    'all', the only one; several events and none given is SL408 (see
    :func:`summitledger.report.names.choose_event`)."""
    from summitledger.report.names import choose_event

    engine = open_reading(path)
    try:
        return engine, choose_event(engine, event)
    except BaseException:
        engine.dispose()
        raise
