"""summitledger serve"""

from __future__ import annotations

import gc
import importlib.util
import shutil
import socket
from pathlib import Path
from typing import Annotated

import typer

from summitledger.cli.options import DbOption, settings
from summitledger.errors import NO_DATASETTE, SERVE_FAILED, UNSUPPORTED_URL, LedgerError
from summitledger.safe import line_safe, shown_path
from summitledger.settings import is_url
from summitledger.store.engine import open_ledger
from summitledger.store.sqlite import readable


def serve_cli(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.", min=0, max=65535)] = 8001,
    host: Annotated[str, typer.Option(help="Address to listen on (local by default).")] = "127.0.0.1",
    db: DbOption = None,
) -> None:
    """Browse the ledger in Datasette: claims and statements with facets (outlet, actor,
    status, type), full-text search, and canned queries (what an actor said, by outlet;
    claims only one outlet carries; contradictions). Needs the optional extra:
    pip install 'summitledger[serve]'.

    Example: summitledger serve --port 8001
    """
    path = settings(db).db
    if is_url(path):
        raise LedgerError("Datasette serves SQLite files only; copy the ledger to one first "
                          "(summitledger ledger copy URL ledger.db)", code=UNSUPPORTED_URL)
    open_ledger(path, readonly=True).dispose()  # a clear error for a missing or old ledger
    if importlib.util.find_spec("datasette") is None:
        raise LedgerError("Datasette is not installed; install it with "
                          "pip install 'summitledger[serve]' (or pip install datasette)",
                          code=NO_DATASETTE)
    busy = _cannot_listen(host, port)
    if busy:  # said before anything claims to be serving
        raise LedgerError(f"cannot serve on {host}:{port} ({busy}); choose another --port",
                          code=SERVE_FAILED)
    # a ledger in a folder this user cannot write is served immutable, or from a private
    # copy when its write-ahead log holds articles (as the reading commands read it)
    where, immutable = readable(Path(path))
    # the metadata comes from summitledger's Datasette plugin, as for plain datasette
    typer.echo(line_safe(f"serving {shown_path(path)} at http://{host}:{port}/ (Ctrl-C "
                         "stops)"), err=True)
    # Datasette runs in this process, not as a child: killed any way at all (even
    # SIGKILL), summitledger serve leaves no server listening behind it
    from datasette.cli import cli as datasette

    gc.enable()  # a server runs on: the collector the CLI paused for the command resumes

    try:
        datasette.main(["serve", *(["--immutable"] if immutable else []), str(where),
                        "--host", host, "--port", str(port),
                        "--setting", "default_page_size", "50"],
                       prog_name="datasette", standalone_mode=False)
    except SystemExit as exc:  # uvicorn's own exit (a port in use)
        if exc.code:
            raise LedgerError(f"Datasette stopped: cannot serve on {host}:{port}",
                              code=SERVE_FAILED) from None
    finally:
        if where != Path(path):  # the private copy it served
            shutil.rmtree(where.parent, ignore_errors=True)


def _cannot_listen(host: str, port: int) -> str | None:
    """Why nothing can listen on ``host:port`` (a port in use, an unknown host), or None:
    tried with a socket bound and closed at once, as the server will bind it."""
    if port == 0:  # any free port
        return None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind(address)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
