"""Reconcile as a pure function: an event's claims in; actors, groups and verdicts out.

:func:`plan` resolves actors (:mod:`actors`), groups claims into statements
(:mod:`grouping`) and gives each group its verdict and each pair of opposed groups its
dispute (:mod:`verdicts`), and the event's figure series (:mod:`figures`). :mod:`run` reads its input from the ledger and writes its
result back; ``summitledger eval --leave-one-out`` calls it with other models.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from summitledger.models import FigureSeries
from summitledger.reconcile.actors import Resolution, resolve_actors
from summitledger.reconcile.claims import adopt, read_infos
from summitledger.reconcile.disputes import Head, disputes, heads_from
from summitledger.reconcile.embedding import embed, pack, unpack
from summitledger.reconcile.figures import article_times, figure_series, update_rule
from summitledger.reconcile.grouping import Prepared, Signals, cluster, prepare
from summitledger.reconcile.matching import ClaimInfo, Group
from summitledger.reconcile.model import DEFAULT, PairModel
from summitledger.reconcile.signals import meaning_text
from summitledger.reconcile.sources import article_sources
from summitledger.reconcile.verdicts import verdict
from summitledger.store.reconcile_io import ClaimRow
from summitledger.verdict import Verdict


@dataclass
class Plan:
    resolution: Resolution
    infos: dict[int, ClaimInfo]
    groups: list[Group]
    verdicts: list[Verdict]
    statements: list[str]
    contested: list[tuple[int, int, float]]
    source_of: dict[int, int]
    actor_of: dict[int, str] = field(default_factory=dict)  # claim id -> its actor
    figures: list[FigureSeries] = field(default_factory=list)  # the event's figure series
    made: dict[int, bytes] = field(default_factory=dict)  # embeddings made for stored claims
    heads: list[Head] = field(default_factory=list)  # each group's head, for disputes
    bands: dict[int, list[int]] = field(default_factory=dict)  # article id -> its band keys

    def by_status(self) -> Counter[str]:
        return Counter(v.status for v in self.verdicts)


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
    published: dict[int, str] = field(default_factory=dict)  # article id -> its time
    made: dict[int, bytes] = field(default_factory=dict)  # embeddings made here (packed)
    bands: dict[int, list[int]] = field(default_factory=dict)  # article id -> its band keys


def prepare_inputs(rows: list[ClaimRow], aliases: list[tuple[str, str, str]],
                   overrides: list[tuple[str, str, str]], texts: dict[int, str],
                   published: dict[int, str] | None = None) -> Inputs:
    """Actors resolved, claims read, candidate pairs and their features, sources;
    ``published``: each article's publication time (ISO), which orders figures."""
    resolution = resolve_actors([(r.actor_key, r.actor_kind, r.article_id) for r in rows],
                                aliases, overrides)
    infos = read_infos(rows, resolution)
    emb, made = embeddings(rows, infos)
    signals = Signals(list(infos.values()), emb)
    prepared = prepare(list(infos.values()), signals, resolution.compatible,
                       resolution.specific)
    keys: dict[int, list[int]] = {}
    source_of = article_sources(texts, keys)
    return Inputs(resolution, infos, signals, prepared, source_of, published or {}, made, keys)


def embeddings(rows: list[ClaimRow], infos: dict[int, ClaimInfo]) -> tuple[np.ndarray, dict[int, bytes]]:
    """The claims' embeddings, in ``rows`` order: as stored, and made (and returned,
    packed, to be kept) for claims stored without one."""
    emb, missing = unpack([r.embedding for r in rows])
    if not missing:
        return emb, {}
    emb[missing] = embed([meaning_text(c.content, c.bag, c.topic)
                          for c in (infos[rows[n].id] for n in missing)])
    return emb, dict(zip((rows[n].id for n in missing), pack(emb[missing]), strict=True))


def finish(inputs: Inputs, model: PairModel = DEFAULT) -> Plan:
    """Groups, verdicts and disputes under ``model``."""
    resolution = inputs.resolution
    groups = cluster(inputs.prepared, model)
    infos = dict(inputs.infos)
    actor_of = adopt(groups, infos, resolution.specific)
    # one source's figure reported higher later is an update of a statement, not a
    # contradiction (reconcile/figures.py says when)
    times = article_times(list(infos.values()), inputs.source_of, inputs.published)
    moved = update_rule(times)
    verdicts = [verdict(g, infos, inputs.source_of, moved) for g in groups]
    statements = [_statement([infos[m] for m in g.members]) for g in groups]
    heads = heads_from(groups, infos, inputs.signals.arrays)
    contested = disputes(groups, infos, inputs.signals, model)
    return Plan(resolution=resolution, infos=infos, groups=groups, verdicts=verdicts,
                statements=statements, contested=contested, source_of=inputs.source_of,
                actor_of=actor_of, made=inputs.made, heads=heads, bands=inputs.bands,
                figures=figure_series(list(infos.values()), inputs.source_of, inputs.published))


def plan(rows: list[ClaimRow], aliases: list[tuple[str, str, str]],
         overrides: list[tuple[str, str, str]], texts: dict[int, str],
         model: PairModel = DEFAULT, published: dict[int, str] | None = None) -> Plan:
    """Actors, groups, verdicts and figure series for ``rows`` (one event's claims, in a
    stable order), from the role aliases articles taught, the user's overrides, the
    articles' texts (which articles copy one another) and publication times."""
    return finish(prepare_inputs(rows, aliases, overrides, texts, published), model)
