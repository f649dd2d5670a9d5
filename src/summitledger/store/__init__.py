"""Stage 4, store: the SQLite ledger. :mod:`engine` opens it (pragmas, numbered
migrations from the frozen :mod:`schema1`, read-only and immutable opening), and
:mod:`writes` stores one article and everything extracted from it in one transaction.
"""

from summitledger.store.engine import SCHEMA_VERSION, open_ledger

__all__ = ["SCHEMA_VERSION", "open_ledger"]
