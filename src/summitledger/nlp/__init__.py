"""Below every stage: the spaCy pipeline, Doc helpers, names, nouns and text normalising.

:mod:`pipeline` loads and runs the parser (long texts in pieces), :mod:`ruler` is its
fast attribute ruler, :mod:`doc` holds per-Doc helpers (entities, token positions,
phrases), :mod:`names` and :mod:`nouns` make names and speaker nouns comparable,
:mod:`text` normalises text the same way for every stage.
"""
