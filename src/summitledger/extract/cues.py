"""The cue lexicon: which words report speech or stance, kept in one data file.

The default lexicon is ``summitledger/data/cues.json``. A user file in the same format
(``--cues FILE`` or ``SUMMITLEDGER_CUES``) adds verbs, phrases, negative cues and
speaker nouns, and may ``remove`` verbs, with no code change.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ValidationError

from summitledger.errors import BAD_CUES, InputError, PipelineError, plain
from summitledger.files import read_regular
from summitledger.safe import shown_path

LEXICON_MAX_BYTES = 5_000_000  # a cue lexicon is words and frames: kilobytes, not this


class Lexicon(BaseModel):
    verbs: dict[str, list[str]]
    phrases: dict[str, list[str]] = {}
    negative: list[str] = []
    speaker_nouns: list[str] = []
    # who passes on what others said: a claim by one of these that holds another
    # claim is a relay (see extract/relays.py)
    relay_verbs: list[str] = []
    media_nouns: list[str] = []
    remove: list[str] = []

    def merged(self, extra: Lexicon) -> Lexicon:
        verbs = {**self.verbs, **extra.verbs}
        for lemma in extra.remove:
            verbs.pop(lemma, None)
        return Lexicon(
            verbs=verbs,
            phrases={**self.phrases, **extra.phrases},
            negative=sorted(set(self.negative) | set(extra.negative)),
            speaker_nouns=sorted(set(self.speaker_nouns) | set(extra.speaker_nouns)),
            relay_verbs=sorted(set(self.relay_verbs) | set(extra.relay_verbs)),
            media_nouns=sorted(set(self.media_nouns) | set(extra.media_nouns)),
        )

    def digest(self) -> str:
        """A short hash of everything in the lexicon: claims record which one made them."""
        return _digest(self.model_dump_json())

    def speaker_set(self) -> frozenset[str]:
        """The lexicon's own speaker nouns, as a set (built once per lexicon)."""
        return _as_set(tuple(self.speaker_nouns))

    def relay_set(self) -> frozenset[str]:
        return _as_set(tuple(self.relay_verbs))

    def media_set(self) -> frozenset[str]:
        return _as_set(tuple(self.media_nouns))

    def complements(self, lemma: str) -> list[str]:
        return self.verbs.get(lemma.lower(), [])


@lru_cache(maxsize=8)
def _digest(body: str) -> str:
    canonical = json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=8)
def _as_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def _parse(raw: str, origin: str) -> Lexicon:
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise PipelineError(f"{origin}: not a cue lexicon (a JSON object with 'verbs', "
                                "'phrases', ... is needed)", code=BAD_CUES)
        data.pop("_doc", None)
        data.setdefault("verbs", {})
        return Lexicon.model_validate(data)
    except ValidationError as exc:  # where and what, not pydantic's own wording
        raise PipelineError(f"{origin}: not a cue lexicon ({plain(exc)})",
                            code=BAD_CUES) from None
    except (json.JSONDecodeError, AttributeError) as exc:
        first = str(exc).splitlines()[0]
        raise PipelineError(f"{origin}: not a cue lexicon ({first})", code=BAD_CUES) from exc


def default_lexicon() -> Lexicon:
    raw = resources.files("summitledger").joinpath("data/cues.json").read_text("utf-8")
    return _parse(raw, "cues.json")


@lru_cache(maxsize=8)
def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The default lexicon, extended by the user's file if one is given."""
    base = default_lexicon()
    if extra is None:
        return base
    try:  # a regular file only, within a limit (a FIFO named here would block for ever)
        raw = read_regular(Path(extra), LEXICON_MAX_BYTES).decode("utf-8")
    except (InputError, UnicodeDecodeError) as exc:
        why = str(exc.args[0]).rsplit(": ", 1)[-1] if isinstance(exc, InputError) else exc
        raise PipelineError(f"{shown_path(extra)}: cannot read cue lexicon ({why})",
                            code=BAD_CUES) from None
    return base.merged(_parse(raw, str(extra)))
