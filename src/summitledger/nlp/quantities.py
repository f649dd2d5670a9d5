"""Quantities of an event: what a reported number counts, named the same way everywhere.

Pure functions over words (no parse here: :mod:`summitledger.extract.figures` reads the
parse into :class:`Evidence`). The rules and word lists are ``data/quantities.json``:
'killed', 'dead', 'died', 'death toll', 'fatalities' and 'lives lost' are all
``people killed``; 'seriously injured' is its own quantity, not ``people injured``;
bodies recovered are never the death toll. A share ('85 per cent of schools closed')
is named from what it is a share of; a sum of money from whom it is paid to.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from summitledger.nlp.nouns import noun_kind

PERCENT = "percent"
MIN_UNKNOWN_SUM = 1000  # a sum in a unit no list knows ('500,000 solens') counts as money
# only when it is paid, promised or received, to or per someone, and at least this large:
# '40 hubs were offered to families' stays a count of hubs


@dataclass(frozen=True)
class Evidence:
    """What the parse says about one number: the noun it counts, the words around it
    (predicate, what the figure is the figure of, prepositional phrases as 'in custody',
    adverbs), its unit, what a share or part is of, and where something came from."""

    thing: str = ""  # lemma of the counted noun ('people', 'body', 'solen'); '' for none
    words: frozenset[str] = field(default_factory=frozenset)
    unit: str = ""  # PERCENT, a currency, or '' for a count
    of: str = ""  # a share's or a part's whole ('school' in '85 per cent of schools')
    verb: str = ""  # the predicate's lemma ('close', 'die')
    source: str = ""  # what 'from' names after a recovery verb ('the fourth floor')
    value: float = 0.0


@dataclass(frozen=True)
class Rule:
    name: str
    things: frozenset[str]
    words: frozenset[str]
    also: frozenset[str]
    unit: str
    grows: bool
    source: bool


@dataclass(frozen=True)
class Table:
    people: frozenset[str]
    subgroups: dict[str, str]
    anaphoric: frozenset[str]
    currencies: frozenset[str]
    payment_verbs: frozenset[str]
    recipients: frozenset[str]
    purposes: frozenset[str]
    participles: dict[str, str]
    update_words: frozenset[str]
    more_verbs: frozenset[str]
    rules: tuple[Rule, ...]


@lru_cache(maxsize=1)
def table() -> Table:
    raw = json.loads(resources.files("summitledger").joinpath("data/quantities.json")
                     .read_text("utf-8"))
    rules = tuple(Rule(name=r["name"], things=frozenset(r.get("things", [])),
                       words=frozenset(r.get("words", [])), also=frozenset(r.get("also", [])),
                       unit=r.get("unit", ""), grows=bool(r.get("grows")),
                       source=bool(r.get("from"))) for r in raw["rules"])
    return Table(
        people=frozenset(raw["people"]), subgroups=dict(raw["subgroups"]),
        anaphoric=frozenset(raw["anaphoric"]), currencies=frozenset(raw["currencies"]),
        payment_verbs=frozenset(raw["payment_verbs"]), recipients=frozenset(raw["recipients"]),
        purposes=frozenset(raw["purposes"]), participles=dict(raw["participles"]),
        update_words=frozenset(raw["update_words"]), more_verbs=frozenset(raw["more_verbs"]),
        rules=rules)


def is_person(lemma: str) -> bool:
    """A noun for people ('passenger', 'crew', 'resident'): the list, or WordNet's."""
    t = table()
    return lemma in t.people or lemma in t.subgroups or noun_kind(lemma) == "person"


def _who(thing: str) -> str:
    return table().subgroups.get(thing, "people")


def _thing_fits(rule: Rule, thing: str) -> bool:
    if not rule.things:
        return True
    if thing in rule.things:
        return True
    return "people" in rule.things and (not thing or is_person(thing))


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def participle(verb: str) -> str:
    """'close' and 'shut' -> 'closed' (the list), else the regular form."""
    known = table().participles.get(verb)
    if known:
        return known
    if verb.endswith("e"):
        return verb + "d"
    return verb + "ed"


def _money(ev: Evidence) -> str:
    t = table()
    words = ev.words | {ev.thing}
    currency = ev.unit and ev.unit != PERCENT
    paid = ev.verb in t.payment_verbs or bool(words & t.payment_verbs)
    to_whom = words & t.recipients
    unknown_unit = ev.thing and not is_person(ev.thing) and not ev.unit
    if not currency and not (unknown_unit and paid and (to_whom or words & t.purposes)
                             and ev.value >= MIN_UNKNOWN_SUM):
        return ""
    if to_whom and words & {"each", "every", "per", "apiece"}:
        return f"payment per {sorted(to_whom)[0]}"
    purpose = sorted(words & t.purposes)
    return f"sum of money ({purpose[0]})" if purpose else "sum of money"


def quantity(ev: Evidence) -> str:
    """The quantity a number gives ('people killed', 'share of schools closed',
    'payment per family'), or '' when it counts nothing the rules know (a workforce, a
    duration, trains laid on)."""
    t = table()
    money = _money(ev)
    if money:
        return money
    words = ev.words | ({ev.thing} if ev.thing else set())
    for rule in t.rules:
        if rule.unit and rule.unit != ev.unit or not rule.unit and ev.unit == PERCENT:
            continue
        if not _thing_fits(rule, ev.thing):
            continue
        if rule.words and not words & rule.words:
            continue
        if rule.also and not words & rule.also:
            continue
        if not rule.words and ev.thing not in rule.things:
            continue
        name = rule.name.replace("{who}", _who(ev.thing))
        if rule.source and ev.source:
            name = f"{name} from {ev.source}"
        return name
    if ev.unit == PERCENT and ev.of and ev.verb:
        return f"share of {plural(ev.of)} {participle(ev.verb)}"
    return ""


def is_anaphoric(ev: Evidence) -> bool:
    """'the figure', 'the total': a number whose quantity an earlier sentence names."""
    return bool(ev.words & table().anaphoric) and not ev.of


@lru_cache(maxsize=256)
def _pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(template).replace(r"\{who\}", r"[a-z ]+") + "( from .*)?$")


def grows(name: str) -> bool:
    """Is this a count that only grows as more is known (killed, injured, missing,
    arrested)? A higher value of it reported later updates a lower one."""
    return any(r.grows and _pattern(r.name).match(name) for r in table().rules)
