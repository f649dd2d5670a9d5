"""summitledger serve"""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from ..datasette_meta import metadata
from ..db import open_ledger
from ..errors import LedgerError
from .options import DbOption, settings


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
    open_ledger(path, readonly=True).dispose()  # a clear error for a missing or old ledger
    if importlib.util.find_spec("datasette") is None:
        raise LedgerError("Datasette is not installed; install it with "
                          "pip install 'summitledger[serve]' (or pip install datasette)",
                          code="SL501")
    with tempfile.TemporaryDirectory(prefix="summitledger-serve-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(path), indent=2), encoding="utf-8")
        cmd = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(meta),
               "--host", host, "--port", str(port), "--setting", "default_page_size", "50"]
        typer.echo(f"serving {path} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
        raise typer.Exit(_run_until_stopped(cmd))


def _run_until_stopped(cmd: list[str]) -> int:
    """Run Datasette as a child; a SIGTERM or SIGHUP sent to this process is passed on,
    so stopping ``summitledger serve`` never leaves the server running on its own."""
    child = subprocess.Popen(cmd)
    forwarded = (signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, lambda n, _f: child.send_signal(n)) for sig in forwarded}
    try:
        code = child.wait()
    except KeyboardInterrupt:  # Ctrl-C reaches the child too (same process group)
        code = 0
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    return 0 if code < 0 else code  # stopped by a signal: a normal end
