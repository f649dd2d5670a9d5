"""Reconcile as a pure function: an event's claims in; actors, groups and verdicts out.

:func:`plan` resolves actors (:mod:`actors`), groups claims into statements
(:mod:`grouping`) and gives each group its verdict and each pair of opposed groups its
dispute (:mod:`verdicts`). :mod:`run` reads its input from the ledger and writes its
result back; ``summitledger eval --leave-one-out`` calls it with other models.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from summitledger.reconcile.actors import Resolution, resolve_actors
from summitledger.reconcile.frames import stored_frame
from summitledger.reconcile.grouping import Prepared, Signals, cluster, prepare
from summitledger.reconcile.matching import ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT, PairModel
from summitledger.reconcile.verdicts import article_sources, disputes, verdict


@dataclass(frozen=True)
class ClaimRow:
    """What reconcile reads of a stored claim."""

    id: int
    article_id: int
    actor_key: str
    actor_kind: str
    speaker: str
    content: str
    quote: str
    lemmas: str
    topic: str
    polarity: int
    type: str
    cue: str
    frame: str
    idx: int
    outlet: str
    file: str
    content_hash: str


@dataclass
class Plan:
    resolution: Resolution
    infos: dict[int, ClaimInfo]
    groups: list[Group]
    verdicts: list[tuple[str, dict]]
    statements: list[str]
    contested: list[tuple[int, int, float]]
    source_of: dict[int, int]
    actor_of: dict[int, str] = field(default_factory=dict)  # claim id -> its actor

    def by_status(self) -> Counter[str]:
        return Counter(status for status, _ in self.verdicts)


def _statement(members: list[ClaimInfo]) -> str:
    """The fullest wording: the longest content (the longest form of a quotation)."""
    return max(members, key=lambda m: (len(m.content), -m.id)).content


@dataclass
class Inputs:
    """What reconcile works from that does not depend on the pair model."""

    resolution: Resolution
    infos: dict[int, ClaimInfo]
    signals: Signals
    prepared: Prepared
    source_of: dict[int, int]


def prepare_inputs(rows: list[ClaimRow], aliases: list[tuple[str, str, str]],
                   overrides: list[tuple[str, str, str]], texts: dict[int, str]) -> Inputs:
    """Actors resolved, claims read, candidate pairs and their features, sources."""
    resolution = resolve_actors([(r.actor_key, r.actor_kind, r.article_id) for r in rows],
                                aliases, overrides)
    mapping = resolution.mapping
    infos = {r.id: ClaimInfo(
        id=r.id, article_id=r.article_id, outlet=r.outlet,
        actor=mapping.get(r.actor_key, r.actor_key), content=r.content, quote=r.quote,
        lemmas=r.lemmas, topic=r.topic, polarity=r.polarity, type=r.type, cue=r.cue,
        key=(r.file, r.idx), frame=stored_frame(r.frame, r.lemmas, r.polarity, r.cue))
        for r in rows}
    signals = Signals(list(infos.values()))
    prepared = prepare(list(infos.values()), signals, resolution.compatible,
                       resolution.specific)
    return Inputs(resolution, infos, signals, prepared, article_sources(texts))


def finish(inputs: Inputs, model: PairModel = DEFAULT) -> Plan:
    """Groups, verdicts and disputes under ``model``."""
    resolution = inputs.resolution
    groups = cluster(inputs.prepared, model)
    infos = dict(inputs.infos)
    actor_of: dict[int, str] = {}
    for g in groups:
        # a claim by a title or 'the company' in one statement with a named actor's is
        # that actor's: the statement matched
        named = [infos[m].actor for m in g.members if resolution.specific(infos[m].actor)]
        actor = Counter(named).most_common(1)[0][0] if named else infos[g.members[0]].actor
        for m in g.members:
            if infos[m].actor != actor and not resolution.specific(infos[m].actor):
                infos[m] = replace(infos[m], actor=actor)
            actor_of[m] = infos[m].actor
    verdicts = [verdict(g, infos, inputs.source_of) for g in groups]
    statements = [_statement([infos[m] for m in g.members]) for g in groups]
    contested = disputes(groups, infos, inputs.signals, model)
    return Plan(resolution=resolution, infos=infos, groups=groups, verdicts=verdicts,
                statements=statements, contested=contested, source_of=inputs.source_of,
                actor_of=actor_of)


def plan(rows: list[ClaimRow], aliases: list[tuple[str, str, str]],
         overrides: list[tuple[str, str, str]], texts: dict[int, str],
         model: PairModel = DEFAULT) -> Plan:
    """Actors, groups and verdicts for ``rows`` (one event's claims, in a stable order),
    from the role aliases articles taught, the user's overrides and the articles'
    texts (which articles copy one another)."""
    return finish(prepare_inputs(rows, aliases, overrides, texts), model)
