"""The words a group is shown by (``show``, ``diff``, the report, JSON-LD ``Claim.text``).

Its fullest wording, the longest content; and when the cue itself denies ("Kestrel
denied that it had received any such report"), the speaker and cue with it: the bare
content of a denial reads as its opposite.
"""

from __future__ import annotations

from summitledger.models import ClaimFrame
from summitledger.reconcile.matching import ClaimInfo

#: Words that open a speaker phrase naming nobody on its own ('it', 'its chief
#: executive'): the statement names the actor instead.
POINTING = {"he", "she", "it", "they", "i", "we", "you", "his", "her", "its", "their",
            "our", "my", "this", "that"}


def denied_by_cue(frame: ClaimFrame) -> bool:
    """Does the cue deny the content ('denied', 'rejected')? Polarity is the content's
    own negation flipped by a denying cue, so a cue denies when polarity and the
    content's negation disagree."""
    return (frame.polarity == -1) != bool(frame.negates)


def worded(content: str, cue: str, frame: ClaimFrame, speaker: str, actor: str) -> str:
    """``content`` as a statement read alone: with its speaker and cue when the cue
    denies it ('that' before a clause), else as it is."""
    if not denied_by_cue(frame) or not cue:
        return content
    words = speaker.split()
    who = actor if not words or words[0].lower() in POINTING else speaker
    who = who[:1].upper() + who[1:]
    link = " that " if frame.verb and not content.lower().startswith("that ") else " "
    return f"{who} {cue}{link}{content}"


def statement(members: list[ClaimInfo], speakers: dict[int, str]) -> str:
    """The fullest wording of a group (the longest content, the longest form of a
    quotation), worded to carry a denying cue."""
    best = max(members, key=lambda m: (len(m.content), -m.id))
    return worded(best.content, best.cue, best.frame, speakers.get(best.id, ""), best.actor)
