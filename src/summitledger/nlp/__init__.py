"""Below every stage: the spaCy pipeline, Doc helpers, names, nouns and text normalising.

:mod:`pipeline` loads and runs the pipeline (long texts in pieces), :mod:`select` runs it
only where a claim can be, :mod:`doc` holds per-Doc helpers (entities, token positions,
phrases), :mod:`words` the closed-class word lists, :mod:`names`, :mod:`nouns` and
:mod:`roles` make names, speaker nouns and roles comparable, :mod:`quantities` names what
a number counts, :mod:`text` normalises text the same way for every stage.
"""
