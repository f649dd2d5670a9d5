"""The closed-class English words and marks the rules test tokens against, in one place.

Pronouns, honorifics and titles, the glue words of names, modals, the conjunctions and
prepositions that decide what a clause reports, quotation marks and dashes, calendar
words. Open-class vocabularies live with the module that reasons about them and say
where their data comes from: the cue lexicon (``data/cues.json``, :mod:`extract.cues`),
nouns that can speak (:mod:`nouns`), kinds of body and business (:mod:`roles`),
quantities (:mod:`quantities`) and the grammar of number phrases (:mod:`extract.numbers`).
"""

from __future__ import annotations

# ------------------------------------------------------------------ pronouns
SINGULAR = frozenset({"he", "she", "him", "her"})
PLURAL = frozenset({"they", "them"})
#: a personal pronoun as a speaker: who it is comes from the article before it
PERSONAL = SINGULAR | PLURAL
#: the speaker's own voice: a speaker only inside a quotation
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
#: subjects that say nothing of who speaks ("this said", "what was said")
HEDGE_SUBJECTS = frozenset({"this", "that", "these", "those", "there", "what", "which",
                            "something", "nothing", "everything", "anything"})
#: "some said", "one of the organisers said": a part of a group speaks
QUANTIFIERS = frozenset({"some", "others", "many", "several", "both", "most", "few", "all",
                         "one", "another", "none"})
#: a subject that negates its clause ("nobody would lose")
NEGATIVE_SUBJECTS = frozenset({"nobody", "nothing", "none", "noone", "neither"})

# ------------------------------------------------------------------ titles and names
#: courtesy titles: never a word of what is said, never part of a name
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr."})
#: what may stand before a name without being part of it ("President", "Foreign
#: Minister", "Gen."): the honorifics and the titles of offices
TITLES = HONORIFICS | frozenset({
    "miss", "president", "prime", "minister", "secretary", "general", "gen", "gen.", "sen",
    "sen.", "senator", "rep", "rep.", "gov", "gov.", "governor", "chancellor", "king",
    "queen", "prince", "premier", "chairman", "comrade", "sir", "lord", "lady", "professor",
    "prof", "prof.", "leader", "spokesman", "spokeswoman", "spokesperson", "ambassador",
    "foreign", "defence", "defense", "national", "security", "adviser", "advisor",
    "supreme", "vice", "deputy",
})
#: lower-case words inside a proper name or a role phrase ('Ministry of Education',
#: 'Banque de France', 'head of the service'): no initial, no meaning of their own
NAME_GLUE = frozenset({"of", "for", "and", "in", "on", "at", "the", "a", "an", "&", "de",
                       "du", "des", "la", "le"})

# ------------------------------------------------------------------ verbs
#: verbs that carry no content of their own ('be', 'have'): left out of a claim's words
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "go", "become", "seem", "let", "will",
                         "would"})
#: verbs of asking: a reply to a question is about what was asked
QUESTION_CUES = frozenset({"ask", "question", "inquire", "press", "query", "quiz"})
#: verbs whose passive subject is the speaker ("Kim was quoted as saying")
PASSIVE_SPEAKER = frozenset({"quote"})
#: a modal auxiliary and the modality it gives a proposition
MODALITY = {"will": "will", "would": "will", "shall": "will", "'ll": "will", "could": "may",
            "can": "may", "may": "may", "might": "may", "must": "must", "should": "must"}
#: modals that make a report of saying a report of nothing said ('may agree', 'would
#: say'): all but the plain future
HEDGING_MODALS = frozenset(MODALITY) - {"will", "'ll"}

# ------------------------------------------------------------------ conjunctions, prepositions
#: a cue under one of these reports nothing said (yet): 'if he says', 'before confirming'
CONDITIONAL = frozenset({"if", "unless", "whether", "before", "until", "till"})
#: a nested cue under one of these is a condition of the outer claim ('... if the union
#: agreed'), not an attribution of its own
CONDITIONS = frozenset({"if", "unless", "until", "once", "before"})
#: conjunctions that open a reported clause, even with an object misparsed
REPORTING_MARKS = frozenset({"that", "whether", "if"})
#: What opens a phrase or clause that goes on the reported clause after a cue in its
#: middle: a condition, limit, cause or concession of what was said ("The road will
#: stay closed, police said, until ..."). "After", "as" and "before" are left out: after
#: a cue they mostly say when it was said ("..., the service confirmed, after divers
#: recovered the bodies"), as the eval gold reads them.
CONTENT_LINKS = frozenset({"until", "till", "unless", "if", "once", "because", "although",
                           "though", "while", "whereas", "when", "whenever", "despite",
                           "due"})
#: prepositions of the circumstances of a question ('asked during the visit whether'),
#: not of what was asked
CIRCUMSTANCE = frozenset({"during", "at", "in", "on", "after", "before", "while", "since",
                          "amid"})

# ------------------------------------------------------------------ marks
OPENERS = frozenset("\"“‘«")
CLOSERS = frozenset("\"”’»")
DASHES = frozenset({"—", "–", "--"})
#: punctuation trimmed from the edges of a content
EDGE_PUNCT = frozenset(",.;:!?\"“”‘’'«»()[]—–-")

# ------------------------------------------------------------------ calendar
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
