"""Stage 4, store: the ledger, an SQLite file or a PostgreSQL database, and the only
place with SQL. :mod:`engine` opens it (:mod:`sqlite`, :mod:`postgres`; numbered
migrations from the frozen :mod:`schema1`), :mod:`writes` stores one article and
everything extracted from it in one transaction, :mod:`articles` is what an ingest
reads around its writes, :mod:`rows` reads query rows into records by column name,
:mod:`frames` reads stored claim frames, :mod:`datasette` holds Datasette's SQL.
"""

from summitledger.store.engine import SCHEMA_VERSION, open_ledger

__all__ = ["SCHEMA_VERSION", "open_ledger"]
