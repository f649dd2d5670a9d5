"""What the rules passed over: sentences holding a cue outside quotations that gave no
claim, for a user to look at (``summitledger claims --passed-over``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summitledger.models import PassedIn

if TYPE_CHECKING:
    from summitledger.extract.article import Article
    from summitledger.extract.cues import Lexicon
    from summitledger.models import ClaimDraft


def passed_over(article: Article, lexicon: Lexicon, claims: list[ClaimDraft]) -> list[PassedIn]:
    """Sentences holding a cue verb (or 'according to') outside quotations that gave no
    claim, each with its first such cue."""
    doc, qof = article.doc, article.qof
    with_claims = {article.sent_of(doc.char_span(c.sentence_start, c.sentence_end,
                                                 alignment_mode="expand").start).start
                   for c in claims if c.sentence_end > c.sentence_start}
    first: dict[int, int] = {}  # sentence start -> its first cue token
    found = [i for i in article.positions(lexicon.verbs)
             if qof[i] is None and doc[i].pos_ in ("VERB", "AUX")]
    found += [i for i in article.positions(["according"], "LOWER") if qof[i] is None]
    for i in found:
        s = article.sent_of(i).start
        first[s] = min(first.get(s, i), i)
    out = []
    for s, i in sorted(first.items()):
        if s in with_claims:
            continue
        sent, tok = article.sent_of(i), doc[i]
        cue = tok.text
        if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            cue = doc[i : i + 2].text
        words = article.text[sent.start_char : sent.end_char]  # a paragraph's break trimmed
        start = sent.start_char + len(words) - len(words.lstrip())
        out.append(PassedIn(sentence_start=start, sentence_end=start + len(words.strip()),
                            cue=cue, cue_start=tok.idx))
    return out
