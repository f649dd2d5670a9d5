"""Coded, greppable errors.

Every failure a user can cause is a :class:`LedgerError` with a stable code
(``SL1xx`` input, ``SL2xx`` ledger, ``SL3xx`` pipeline and settings, ``SL4xx`` queries).
The CLI prints ``Error: [CODE] message`` on one line and exits 1.
"""

from __future__ import annotations


class LedgerError(Exception):
    """A failure with a code and a one-line message meant for the user."""

    code = "SL000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:  # one line, always, with nothing a terminal would obey
        from summitledger.safe import printable

        return f"[{self.code}] " + " ".join(printable(self.args[0]).split())


class InputError(LedgerError):
    """A file or folder given to ingest cannot be used."""

    code = "SL100"


# Input problems, one code each.
MISSING_PATH = "SL101"
EMPTY_FILE = "SL102"
BINARY_FILE = "SL103"
NOT_UTF8 = "SL104"
UNKNOWN_EXTENSION = "SL105"
UNREADABLE = "SL106"
NOTHING_TO_INGEST = "SL107"
BAD_MANIFEST = "SL108"
TOO_LARGE = "SL109"
SYMLINK_LOOP = "SL110"
BAD_JSONL = "SL111"
BAD_EVENT = "SL112"
OTHER_EVENT = "SL113"  # a warning: the article fits another event better than its own
NOT_REGULAR = "SL114"  # a FIFO, device or socket: never opened as an article
TOO_SLOW = "SL115"  # an article over its time budget: refused, the folder goes on
# Web pages (ingest https://...): a failed URL is skipped and named, the rest ingested.
NOT_WEB_URL = "SL120"
FETCH_FAILED = "SL121"
FETCH_TIMEOUT = "SL122"
HTTP_STATUS = "SL123"
NOT_HTML = "SL124"


class LedgerFileError(LedgerError):
    """The ledger file cannot be opened, read or migrated."""

    code = "SL200"


UNREADABLE_LEDGER = "SL201"
NEWER_SCHEMA = "SL202"
OLDER_SCHEMA = "SL203"
NO_LEDGER = "SL204"
UNSUPPORTED_URL = "SL205"
LEDGER_BUSY = "SL206"
LEDGER_FULL = "SL207"
BAD_URL = "SL208"
NO_SERVER = "SL209"
NO_RIGHTS = "SL210"
NOT_EMPTY = "SL211"
READ_ONLY_LEDGER = "SL212"  # a writing command on a ledger it cannot write
NOT_A_LEDGER_PATH = "SL213"  # ':memory:' or a folder: nothing would be kept


class PipelineError(LedgerError):
    """The spaCy pipeline or a settings file cannot be loaded."""

    code = "SL300"


NO_MODEL = "SL301"
BAD_CUES = "SL302"
NO_EMBEDDER = "SL303"
NO_DATASETTE = "SL304"
BAD_SETTING = "SL305"
NO_READER = "SL306"


class QueryError(LedgerError):
    """A query names something the ledger does not hold."""

    code = "SL400"


UNKNOWN_OUTLET = "SL401"
UNKNOWN_ACTOR = "SL402"
UNKNOWN_GROUP = "SL403"
BAD_GOLD = "SL404"
NOTHING_TO_DO = "SL405"
UNKNOWN_SERIES = "SL406"
UNKNOWN_EVENT = "SL407"
WHICH_EVENT = "SL408"  # several events in the ledger and none named
AMBIGUOUS_ACTOR = "SL409"  # a name several actors go by, in a merge or split


class OutputError(LedgerError):
    """A result cannot be written where it was asked to go."""

    code = "SL500"


CANNOT_WRITE = "SL501"
SERVE_FAILED = "SL502"
STDOUT_FAILED = "SL503"  # standard output closed, or a write to it failed (a full disk)
NOT_A_FILE = "SL504"  # -o names a FIFO, a device or a folder: never replaced


def plain(exc: Exception) -> str:
    """A validation error in a user's words: 'verbs.grumble must be a list', 'line 3:
    content: field required', never pydantic's 'N validation errors for Model'."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc).splitlines()[0]
    err = errors()[0]
    where = ".".join(str(x) for x in err.get("loc", ())) or "the value"
    want = {"list_type": "a list", "dict_type": "an object", "string_type": "a string",
            "int_type": "a whole number", "bool_type": "true or false"}
    if err.get("type") in want:
        return f"{where} must be {want[err['type']]}"
    if err.get("type") == "missing":
        return f"{where} is missing"
    return f"{where}: {str(err.get('msg', 'not valid')).lower()}"
