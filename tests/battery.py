"""A generated battery of one-line news sentences: speakers x cue shapes x contents.

Each :class:`Case` is one sentence (after a naming sentence for a pronoun speaker) with
the one claim it must give: the speaker as the sentence names it, a word the actor must
hold, the cue, the type and the exact content, by the gold conventions of
``eval/README.md`` and ``eval/events/README.md``: direct content leaves out the outer
quotation marks (and a comma before the closing mark), a stop inside the marks is the
quotation's own; indirect content leaves out the cue, the speaker, the time and manner
of saying and the sentence's stop; a trailing cue is not part of the content; a cue in
the middle of a clause ("The road will stay closed, police said, until ...") gives the
whole span, cue included, since content is an exact substring.

The sentences are built, not picked: :func:`make_battery` draws shapes, speakers and
contents with a fixed seed from a :class:`Vocabulary`, so a rule that only fits one
word list fails on another (:data:`OTHER` has other names, cue verbs and contents).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Speaker:
    """A speaker phrase as it stands inside a sentence ("the defence ministry")."""

    text: str
    actor: str  # a word (lower case) the resolved actor must hold; "" = not checked
    kind: str
    appos: str = ""  # an apposition after it: "Tomas Reyes, the county's fire chief"
    before: str = ""  # a naming sentence before it (pronouns)

    @property
    def pronoun(self) -> bool:
        return bool(self.before)


@dataclass(frozen=True)
class Content:
    """What is claimed, as a reported clause ("the bridge had been inspected in March").

    ``|`` marks where a clause splits for a cue in its middle (before an adverbial or a
    subordinate clause), ``^`` where its subject ends; both are dropped elsewhere.
    """

    clause: str
    kind: str  # number, date, negation, quotation, place, subordinate, ...

    @property
    def plain(self) -> str:
        return " ".join(self.clause.replace("|", " ").replace("^", " ").split())

    def split(self, mark: str) -> tuple[str, str] | None:
        if mark not in self.clause:
            return None
        a, b = self.clause.split(mark, 1)
        clean = lambda s: " ".join(s.replace("|", " ").replace("^", " ").split())  # noqa: E731
        return clean(a), clean(b)


@dataclass(frozen=True)
class Vocabulary:
    speakers: list[Speaker]
    clauses: list[Content]
    quotes: list[str]  # direct quotations, sentence case, no final stop
    split_quotes: list[tuple[str, str]]  # a quotation split around its cue
    said: list[str]  # cue verbs in the past that take a that-clause
    bare: list[str]  # cue verbs that take a clause without 'that'
    trailing: list[str]  # cue verbs that end a sentence: "..., police said."
    times: list[str]  # "on Monday": between the cue and what it reports
    addressees: list[str]  # "reporters", "Reuters": told X that ...
    topics: list[str]  # said of X
    amounts: list[tuple[str, str]]  # put X at Y: ("the death toll", "at least 27")
    labels: list[tuple[str, str]]  # called X "Y" / described X as "Y"


@dataclass(frozen=True)
class Case:
    text: str
    speaker: str
    actor: str
    cue: str
    type: str
    content: str
    shape: str
    kinds: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return f"{self.shape}:{self.text[:60]}"


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def low(s: str) -> str:
    """A quotation's first word in lower case, unless it is 'I' or a name."""
    first = s.split()[0]
    if first == "I" or first[1:2].isupper() or (first[:1].isupper() and first.lower() not in _COMMON):
        return s
    return s[:1].lower() + s[1:]


_COMMON = {"we", "the", "nobody", "no", "there", "this", "it", "our", "they", "everyone",
           "none", "a", "all", "some", "you", "my", "that", "these", "every", "people", "one"}


def _ctype(content: str) -> str:
    return "mixed" if any(m in content for m in '"“') else "indirect"


def _curly(text: str) -> str:
    """Straight double marks to curly ones, opening and closing in turn."""
    out, opened = [], False
    for ch in text:
        if ch == '"':
            out.append("”" if opened else "“")
            opened = not opened
        else:
            out.append(ch)
    return "".join(out)


Build = Callable[[random.Random, Vocabulary, Speaker, Content, str], "tuple[str, str, str, str] | None"]
# a shape returns (sentence, speaker as written, cue, content); the type follows from it


def _sp(s: Speaker, start: bool) -> tuple[str, str]:
    """The speaker phrase as written (capitalised at a sentence start) and with its
    apposition, if any."""
    text = cap(s.text) if start else s.text
    return text, (f"{text}, {s.appos}," if s.appos else text)


def lead_that(r, v, s, c, q):  # type: ignore[no-untyped-def]
    verb = r.choice(v.said)
    name, full = _sp(s, True)
    return f"{full} {verb} that {c.plain}.", name, verb, c.plain


def lead_bare(r, v, s, c, q):  # type: ignore[no-untyped-def]
    verb = r.choice(v.bare)
    name, full = _sp(s, True)
    return f"{full} {verb} {c.plain}.", name, verb, c.plain


def lead_time_that(r, v, s, c, q):  # type: ignore[no-untyped-def]
    verb, time = r.choice(v.said), r.choice(v.times)
    name, full = _sp(s, True)
    return f"{full} {verb} {time} that {c.plain}.", name, verb, c.plain


def lead_time_bare(r, v, s, c, q):  # type: ignore[no-untyped-def]
    time = r.choice(v.times)
    name, full = _sp(s, True)
    return f"{full} said {time} {c.plain}.", name, "said", c.plain


def opener_statement(r, v, s, c, q):  # type: ignore[no-untyped-def]
    name, full = _sp(s, False)
    opener = r.choice(["In a statement", "On Monday", "Later", "In a letter to parents",
                       "Speaking at the scene"])
    return f"{opener}, {full} said {c.plain}.", name, "said", c.plain


def told_that(r, v, s, c, q):  # type: ignore[no-untyped-def]
    who = r.choice(v.addressees)
    name, full = _sp(s, True)
    return f"{full} told {who} that {c.plain}.", name, "told", c.plain


def told_bare(r, v, s, c, q):  # type: ignore[no-untyped-def]
    who = r.choice(v.addressees)
    name, full = _sp(s, True)
    return f"{full} told {who} {c.plain}.", name, "told", c.plain


def trailing(r, v, s, c, q):  # type: ignore[no-untyped-def]
    verb = r.choice(v.trailing)
    name, full = _sp(s, False)
    return f"{cap(c.plain)}, {full} {verb}.", name, verb, cap(c.plain)


def trailing_time(r, v, s, c, q):  # type: ignore[no-untyped-def]
    time = r.choice([*v.times, f"told {r.choice(v.addressees)}"])
    name, full = _sp(s, False)
    verb = "" if time.startswith("told") else "said "
    return f"{cap(c.plain)}, {full} {verb}{time}.", name, (verb.strip() or "told"), cap(c.plain)


def trailing_inverted(r, v, s, c, q):  # type: ignore[no-untyped-def]
    if s.pronoun:
        return None
    verb = r.choice(["said", "added", "said"])
    name, full = _sp(s, False)
    return f"{cap(c.plain)}, {verb} {full.rstrip(',')}.", name, verb, cap(c.plain)


def mid_clause(r, v, s, c, q):  # type: ignore[no-untyped-def]
    parts = c.split("|")
    if parts is None:
        return None
    name, full = _sp(s, False)
    content = f"{cap(parts[0])}, {full} said, {parts[1]}"
    return content + ".", name, "said", content


def mid_subject(r, v, s, c, q):  # type: ignore[no-untyped-def]
    parts = c.split("^")
    if parts is None:
        return None
    name, full = _sp(s, False)
    content = f"{cap(parts[0])}, {full} said, {parts[1]}"
    return content + ".", name, "said", content


def according_lead(r, v, s, c, q):  # type: ignore[no-untyped-def]
    if s.pronoun:
        return None
    name, _ = _sp(s, False)
    return f"According to {name}, {c.plain}.", name, "according to", c.plain


def according_trail(r, v, s, c, q):  # type: ignore[no-untyped-def]
    if s.pronoun:
        return None
    name, _ = _sp(s, False)
    return f"{cap(c.plain)}, according to {name}.", name, "according to", cap(c.plain)


def passive(r, v, s, c, q):  # type: ignore[no-untyped-def]
    if s.pronoun:
        return None
    verb = r.choice(["announced", "confirmed", "stated"])
    name, _ = _sp(s, False)
    return f"It was {verb} by {name} that {c.plain}.", name, verb, c.plain


def amount(r, v, s, c, q):  # type: ignore[no-untyped-def]
    what, value = r.choice(v.amounts)
    verb = r.choice(["put", "estimated", "put"])
    time = r.choice(["", "", f" {r.choice(v.times)}"])
    name, full = _sp(s, True)
    content = f"{what} at {value}"
    return f"{full} {verb} {content}{time}.", name, verb, content


def amount_gapped(r, v, s, c, q):  # type: ignore[no-untyped-def]
    """'put the death toll at 27 and the number of injured at more than 40': the second
    figure, its verb gapped, is a claim of its own."""
    (what, value), (what2, value2) = r.sample(v.amounts, 2)
    name, full = _sp(s, True)
    content = f"{what2} at {value2}"
    return f"{full} put {what} at {value} and {content}.", name, "put", content


def label(r, v, s, c, q):  # type: ignore[no-untyped-def]
    what, words = r.choice(v.labels)
    name, full = _sp(s, True)
    if r.random() < 0.5:
        content = f'{what} "{words}"'
        return f"{full} called {content}.", name, "called", content
    content = f'{what} as "{words}"'
    return f"{full} described {content}.", name, "described", content


# ------------------------------------------------------------------ direct quotations


def q_before(r, v, s, c, q):  # type: ignore[no-untyped-def]
    verb = r.choice([*v.trailing, "said", f"said {r.choice(v.times)}",
                     f"told {r.choice(v.addressees)}"])
    name, full = _sp(s, False)
    return f'"{q}," {full} {verb}.', name, verb.split()[0], q


def q_before_inverted(r, v, s, c, q):  # type: ignore[no-untyped-def]
    if s.pronoun:
        return None
    verb = r.choice(["said", "added"])
    name, full = _sp(s, False)
    return f'"{q}," {verb} {full.rstrip(",")}.', name, verb, q


def q_said_of(r, v, s, c, q):  # type: ignore[no-untyped-def]
    topic = r.choice(v.topics)
    name, full = _sp(s, False)
    if r.random() < 0.5:
        return f'"{q}," {full} said of {topic}.', name, "said", q
    name, full = _sp(s, True)
    return f'{full} said of {topic}: "{q}."', name, "said", q + "."


def q_after_colon(r, v, s, c, q):  # type: ignore[no-untyped-def]
    verb = r.choice(["said", f"said {r.choice(v.times)}", f"told {r.choice(v.addressees)}",
                     "added", "wrote"])
    name, full = _sp(s, True)
    return f'{full} {verb}: "{q}."', name, verb.split()[0], q + "."


def q_after_comma(r, v, s, c, q):  # type: ignore[no-untyped-def]
    verb = r.choice(["said", "added", "said"])
    name, full = _sp(s, True)
    return f'{full} {verb}, "{q}."', name, verb, q + "."


def q_object_time(r, v, s, c, q):  # type: ignore[no-untyped-def]
    """'The mayor said "the gate is closed" on Monday': the quotation is the object,
    a time phrase after it."""
    time = r.choice([t for t in v.times if not t.startswith("in a statement")])
    name, full = _sp(s, True)
    return f'{full} said "{low(q)}" {time}.', name, "said", low(q)


def q_around(r, v, s, c, q):  # type: ignore[no-untyped-def]
    """'"A," she said, "b."': one claim, the quoted words of both parts."""
    a, b = r.choice(v.split_quotes)
    name, full = _sp(s, False)
    return f'"{a}," {full} said, "{b}."', name, "said", f"{a} {b}."


_PREPS = {"at", "of", "for", "in", "by", "from", "with", "on"}
_PERSONS = ("titled person", "person", "person with apposition", "role", "witness")


def plural(s: Speaker) -> bool:
    """Does the speaker take a plural verb ('police say', 'the union says')?"""
    words = s.text.split()
    head = next((words[n - 1] for n, w in enumerate(words) if n and w in _PREPS), words[-1])
    return head in ("they", "police") or (
        head.endswith("s") and not head.endswith("ss") and head[:1].islower()
        and s.kind not in _PERSONS)


def present(r, v, s, c, q):  # type: ignore[no-untyped-def]
    verb = "say" if plural(s) else "says"
    name, full = _sp(s, True)
    return f"{full} {verb} {c.plain}.", name, verb, c.plain


def perfect(r, v, s, c, q):  # type: ignore[no-untyped-def]
    have = "have" if plural(s) else "has"
    verb = r.choice(["said", "confirmed", "warned", "also said"])
    name, full = _sp(s, True)
    return f"{full} {have} {verb} that {c.plain}.", name, verb.split()[-1], c.plain


def also(r, v, s, c, q):  # type: ignore[no-untyped-def]
    name, full = _sp(s, True)
    return f"{full} also said {c.plain}.", name, "said", c.plain


def who_said(r, v, s, c, q):  # type: ignore[no-untyped-def]
    """'Residents, who were moved out on Sunday, said ...': a relative clause on the speaker."""
    if s.pronoun or s.appos:
        return None
    person = s.kind in (*_PERSONS, "group", "officials", "police", "spokesperson")
    rel = "who arrived at the scene on Sunday" if person else "which has not commented before"
    name, _ = _sp(s, True)
    return f"{name}, {rel}, said {c.plain}.", name, "said", c.plain


def interview(r, v, s, c, q):  # type: ignore[no-untyped-def]
    outlet = r.choice([a for a in v.addressees if a[:1].isupper()] or v.addressees)
    name, full = _sp(s, True)
    return f"{full} said in an interview with {outlet} that {c.plain}.", name, "said", c.plain


def statement_from(r, v, s, c, q):  # type: ignore[no-untyped-def]
    """'A statement from the ministry said ...', 'According to a statement from ...'."""
    if s.pronoun or s.kind in ("document", "witness") or s.appos:
        return None
    if r.random() < 0.5:
        name = f"A statement from {s.text}"
        return f"{name} said {c.plain}.", name, "said", c.plain
    name = f"a statement from {s.text}"
    return f"According to {name}, {c.plain}.", name, "according to", c.plain


def q_two_sentences(r, v, s, c, q):  # type: ignore[no-untyped-def]
    other = r.choice([x for x in v.quotes if x != q])
    name, full = _sp(s, False)
    return f'"{q}. {other}," {full} said.', name, "said", f"{q}. {other}"


def q_exclaim(r, v, s, c, q):  # type: ignore[no-untyped-def]
    name, full = _sp(s, False)
    return f'"{q}!" {full} said.', name, "said", f"{q}!"


SHAPES: dict[str, tuple[Build, str]] = {  # name -> (builder, what it fills: clause/quote)
    "lead-that": (lead_that, "clause"),
    "lead-bare": (lead_bare, "clause"),
    "lead-time-that": (lead_time_that, "clause"),
    "lead-time-bare": (lead_time_bare, "clause"),
    "opener": (opener_statement, "clause"),
    "told-that": (told_that, "clause"),
    "told-bare": (told_bare, "clause"),
    "trailing": (trailing, "clause"),
    "trailing-time": (trailing_time, "clause"),
    "trailing-inverted": (trailing_inverted, "clause"),
    "mid-clause": (mid_clause, "clause"),
    "mid-subject": (mid_subject, "clause"),
    "according-lead": (according_lead, "clause"),
    "according-trail": (according_trail, "clause"),
    "passive": (passive, "clause"),
    "amount": (amount, "clause"),
    "amount-gapped": (amount_gapped, "clause"),
    "label": (label, "clause"),
    "quote-before": (q_before, "quote"),
    "quote-before-inverted": (q_before_inverted, "quote"),
    "quote-said-of": (q_said_of, "quote"),
    "quote-after-colon": (q_after_colon, "quote"),
    "quote-after-comma": (q_after_comma, "quote"),
    "quote-object-time": (q_object_time, "quote"),
    "quote-around": (q_around, "quote"),
    "present": (present, "clause"),
    "perfect": (perfect, "clause"),
    "also": (also, "clause"),
    "who-said": (who_said, "clause"),
    "interview": (interview, "clause"),
    "statement-from": (statement_from, "clause"),
    "quote-two-sentences": (q_two_sentences, "quote"),
    "quote-exclaim": (q_exclaim, "quote"),
}


def make_battery(vocab: Vocabulary, n: int, seed: int) -> list[Case]:
    """``n`` cases, shapes in turn, speaker and content drawn at random (fixed seed);
    about a third of the quotations use curly marks."""
    r = random.Random(seed)
    names = list(SHAPES)
    cases: list[Case] = []
    seen: set[str] = set()
    i = 0
    while len(cases) < n:
        shape = names[i % len(names)]
        i += 1
        build, fills = SHAPES[shape]
        s = r.choice(vocab.speakers)
        c = r.choice(vocab.clauses)
        q = r.choice(vocab.quotes)
        made = build(r, vocab, s, c, q)
        if made is None:
            continue
        text, speaker, cue, content = made
        actor = s.actor
        if s.before:
            text = f"{s.before} {text}"
            said = text.index(speaker, len(s.before))
            if s.text in ("they", "it") and -1 < text.find(content[:12], len(s.before)) < said:
                actor = ""  # "Rescuers were searching, they confirmed": who 'they' are is open
        ctype = "direct" if fills == "quote" else _ctype(content)
        if '"' in text and r.random() < 0.35:
            text, content = _curly(text), _curly(content)
        if text in seen:
            continue
        seen.add(text)
        kinds = (s.kind, c.kind) if fills == "clause" else (s.kind, "quotation")
        cases.append(Case(text=text, speaker=speaker, actor=actor, cue=cue, type=ctype,
                          content=content, shape=shape, kinds=kinds))
    return cases
