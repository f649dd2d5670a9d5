"""A faster stand-in for spaCy's ``attribute_ruler``: the same rules, the same result.

spaCy's AttributeRuler runs every rule through a general token Matcher. The English
pipelines' rules are almost all one-token patterns of equalities and sets (``{"TAG":
"DT", "LOWER": "the"}``, ``{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}``): the tag
map and its exceptions. Run through the Matcher they cost about a tenth of the whole
pipeline's time. Here those rules are looked up in dictionaries keyed by the token's
tag and lower-case form, a rule with a set filed under each member; any rule of another
shape (several tokens, operators, regular expressions) still goes through a Matcher.
The matches are then applied exactly as spaCy applies them: sorted by rule number, so
later rules win, each setting its attributes on the token at the rule's index.

``tests/test_ruler.py`` checks, token by token, that tags, parts of speech,
morphology, lemmas and dependencies come out identical to the stock pipeline's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from spacy.attrs import DEP, IS_SPACE, LOWER, NORM, ORTH, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "summitledger_attribute_ruler"

# token attributes a one-token rule may test by plain equality, and their array column
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "ORTH": ORTH, "TEXT": ORTH,
            "NORM": NORM, "IS_SPACE": IS_SPACE}
_ARRAY = [TAG, LOWER, DEP, ORTH, NORM, IS_SPACE]
_COL_INDEX = {attr: n for n, attr in enumerate(_ARRAY)}

_TAG_COL, _LOWER_COL = _COL_INDEX[TAG], _COL_INDEX[LOWER]

# (array column, values, negated): the token passes when ``(row[column] in values) != negated``
Check = tuple[int, frozenset[int], bool]
Rule = tuple[int, tuple[Check, ...]]  # (rule number, remaining checks)


class FastAttributeRuler:
    """Applies an :class:`AttributeRuler`'s rules with dictionary lookups."""

    def __init__(self, nlp: Language, name: str = FACTORY) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.attrs: list[dict] = []
        self.indices: list[int] = []
        self.by_tag_lower: dict[tuple[int, int], list[Rule]] = defaultdict(list)
        self.by_tag: dict[int, list[Rule]] = defaultdict(list)
        self.by_lower: dict[int, list[Rule]] = defaultdict(list)
        self.anywhere: list[Rule] = []
        self.matcher = Matcher(nlp.vocab, validate=False)
        self.has_matcher_rules = False

    def copy_rules(self, ruler: AttributeRuler) -> None:
        """Take over every rule of ``ruler``, in its order."""
        for number, entry in enumerate(ruler.patterns):
            self.attrs.append(ruler.attrs[number])
            self.indices.append(ruler.indices[number])
            for pattern in entry["patterns"]:
                checks = self._plain_checks(pattern)
                if checks is None:
                    self.matcher.add(str(number), [pattern])
                    self.has_matcher_rules = True
                else:
                    self._index(number, checks)

    def _plain_checks(self, pattern: list[dict]) -> list[Check] | None:
        """The checks of a one-token pattern of equalities and IN / NOT_IN sets over the
        columns above; None for any other pattern."""
        if len(pattern) != 1:
            return None
        checks: list[Check] = []
        for key, value in pattern[0].items():
            attr = _COLUMNS.get(str(key).upper())
            if attr is None:
                return None
            if isinstance(value, dict):
                if len(value) != 1:
                    return None
                ((op, items),) = value.items()
                if op not in ("IN", "NOT_IN") or not isinstance(items, list):
                    return None
                negated = op == "NOT_IN"
            else:
                items, negated = [value], False
            ids = [self._value_id(attr, item) for item in items]
            if any(i is None for i in ids):
                return None
            checks.append((_COL_INDEX[attr], frozenset(ids), negated))  # type: ignore[arg-type]
        return checks

    def _value_id(self, attr: int, value: object) -> int | None:
        """The value as the token array holds it: a string's hash, or 0/1 for IS_SPACE."""
        if attr == IS_SPACE:
            return int(value) if isinstance(value, bool) else None
        return self.vocab.strings.add(value) if isinstance(value, str) else None

    def _index(self, number: int, checks: list[Check]) -> None:
        """File the rule under every tag and lower-case form it requires (a set of them
        is filed under each), keeping its other checks to test on the token."""
        tags = lowers = None
        rest: list[Check] = []
        for check in checks:
            column, values, negated = check
            if column == _TAG_COL and not negated and tags is None:
                tags = values
            elif column == _LOWER_COL and not negated and lowers is None:
                lowers = values
            else:
                rest.append(check)
        rule = (number, tuple(rest))
        if tags is not None and lowers is not None:
            for tag in tags:
                for lower in lowers:
                    self.by_tag_lower[(tag, lower)].append(rule)
        elif tags is not None:
            for tag in tags:
                self.by_tag[tag].append(rule)
        elif lowers is not None:
            for lower in lowers:
                self.by_lower[lower].append(rule)
        else:
            self.anywhere.append(rule)

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(rule number, start, end) of every match, sorted as spaCy applies them."""
        found: list[tuple[int, int, int]] = []
        if len(doc):
            rows = doc.to_array(_ARRAY).tolist()
            empty: list[Rule] = []
            for i, row in enumerate(rows):
                tag, lower = row[0], row[1]
                for bucket in (self.by_tag.get(tag, empty), self.by_tag_lower.get((tag, lower), empty),
                               self.by_lower.get(lower, empty), self.anywhere):
                    for number, checks in bucket:
                        if all((row[col] in values) != negated for col, values, negated in checks):
                            found.append((number, i, i + 1))
        if self.has_matcher_rules:
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                found.append((int(self.vocab.strings[match_id]), start, end))
        found.sort()
        return found

    def __call__(self, doc: Doc) -> Doc:
        for number, start, end in self.matches(doc):
            index = self.indices[number]
            at = (start + index) if index >= 0 else (end + index)
            if not start <= at < end:
                raise ValueError(f"attribute rule {number}: index {index} outside its match")
            set_token_attrs(doc[at], self.attrs[number])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def _make(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp, name)


def speed_up(nlp: Language) -> None:
    """Swap the pipeline's ``attribute_ruler`` for the equivalent fast one, in place."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    stock = nlp.get_pipe("attribute_ruler")
    if not isinstance(stock, AttributeRuler):
        return
    fast = nlp.replace_pipe("attribute_ruler", FACTORY)
    fast.copy_rules(stock)
