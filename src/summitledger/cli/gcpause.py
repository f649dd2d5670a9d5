"""Pausing Python's cyclic garbage collector around one CLI command (never in the
library: a server or notebook that embeds summitledger keeps its own collector)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector while many long-lived objects are made.

    Reconcile builds hundreds of thousands of objects and a large ``claims`` query
    thousands of records; the collector's full passes over them (and over whatever
    else the process holds) grew with the ledger: a quarter of reconcile's time at 100k
    claims. Reference counting still frees everything, and the collector resumes
    afterwards for any cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
