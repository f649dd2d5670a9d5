"""Roles and descriptions: when a title alone, or a common noun for a body, names
someone an apposition named elsewhere.

"Stepan Kolodey, deputy head of the State Rescue Service" teaches a role; later "the
deputy head" (the same article) or "the deputy head of the rescue service" (another
outlet) fits it: every word of the short form is a word of the long one, up to its
derivation ('provincial' for 'province'), and both have the same head. "The company"
fits a body's proper name that holds no other kind of body's noun ("Oskova Lake Lines",
not "State Rescue Service"). Used by extraction (one article) and by actor resolution
(the whole event). Pure functions.
"""

from __future__ import annotations

from summitledger.nlp.names import role_key
from summitledger.nlp.words import NAME_GLUE

#: shared stem that makes two words one for role matching: 'provincial' ~ 'province',
#: 'ministerial' ~ 'minister'; five letters keep 'state' from matching 'statement', and
#: the stem must cover STEM_SHARE of the shorter word ('government' is not 'governor')
STEM = 5
STEM_SHARE = 0.8
#: the nouns that name a kind of body; a body's name holding one of them is that kind
#: ("the company" is not the State Rescue Service, "the ministry" is the Ministry of X)
KINDS_OF_BODY = frozenset({
    "administration", "agency", "army", "assembly", "association", "authority", "bank",
    "board", "bureau", "cabinet", "commission", "committee", "council", "court",
    "department", "embassy", "federation", "force", "government", "hospital", "institute",
    "ministry", "navy", "office", "parliament", "party", "police", "service", "society",
    "school", "union", "university",
})
#: one government's collective voice: 'officials', 'authorities', 'the government'
COLLECTIVE = frozenset({"official", "officials", "authority", "authorities", "government",
                        "administration"})
#: words that qualify a collective without naming another body ('local officials',
#: 'the provincial government', 'senior officials')
LEVELS = frozenset({"local", "provincial", "regional", "state", "federal", "national",
                    "central", "city", "municipal", "county", "district", "senior", "top",
                    "government", "civic", "emergency", "province", "region"})
#: common nouns for a business that WordNet ranks as people ('operator', 'owner'):
#: "the operator said" after a company is named is that company
BUSINESS = frozenset({
    "builder", "business", "carrier", "company", "conglomerate", "contractor",
    "corporation", "developer", "employer", "firm", "group", "insurer", "landlord",
    "lender", "maker", "manufacturer", "operator", "owner", "producer", "provider",
    "retailer", "supplier", "utility",
})
_HEAD_STOP = (" of ", " for ", " at ", " in ", " on ")


def role_words(text: str) -> list[str]:
    """The words of a role phrase for matching (places canonical, no articles,
    possessives or glue)."""
    return [w for w in role_key(text).replace("-", " ").split() if w not in NAME_GLUE]


def role_head(text: str) -> str:
    """The head word of a role phrase: 'deputy head of the State Rescue Service' ->
    'head', 'Russian President' -> 'president', "the company's chief executive" ->
    'executive'."""
    low = " " + role_key(text) + " "
    for stop in _HEAD_STOP:
        low = low.split(stop)[0] + " "
    words = low.split()
    return words[-1] if words else ""


def same_word(a: str, b: str) -> bool:
    """One word up to derivation: equal, or sharing a stem of :data:`STEM` letters that
    covers :data:`STEM_SHARE` of the shorter word."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= STEM and n >= STEM_SHARE * min(len(a), len(b))


def fits_role(short: str, long: str) -> bool:
    """Does the short role form name the long one? The same head word, and every word
    of the short form found in the long one (a common noun for a business, 'company',
    stands for the name of one: "the company's chief executive" fits "chief executive
    of Oskova Lake Lines")."""
    if not same_word(role_head(short), role_head(long)):
        return False
    have = role_words(long)
    named = [w for w in have if w not in KINDS_OF_BODY]
    return all(any(same_word(w, x) for x in have) or (w in BUSINESS and named)
               for w in role_words(short))


def body_kinds(name: str) -> set[str]:
    """The kinds of body a name's words say it is ('Ministry of Education': ministry)."""
    return {w for w in name.lower().replace("’", "'").split() if w in KINDS_OF_BODY}


def describes(noun: str, name: str) -> bool:
    """Can 'the <noun>' refer to the body ``name``? It names that kind ('the ministry',
    Ministry of Education), or no kind at all ('the company', Oskova Lake Lines)."""
    kinds = body_kinds(name)
    return noun in kinds or noun in name.lower().split() or not kinds


def collective(words: list[str]) -> bool:
    """A government's collective voice: a collective head with only levels before it
    ('local officials', 'provincial government'), places already taken out."""
    return bool(words) and words[-1] in COLLECTIVE and all(w in LEVELS for w in words[:-1])
