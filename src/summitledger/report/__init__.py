"""Stage 5, report: read-only queries (:mod:`queries`, :mod:`diff`, :mod:`events`, names
found by :mod:`names`), rendering for people and machines (:mod:`output`), the HTML
report (:mod:`html`), exports (:mod:`export`), Datasette metadata (:mod:`datasette`)
and scoring against gold (:mod:`evaluate`).

The query functions are here too: ``report.claims(engine, actor="Putin")``.
"""

from summitledger.report.diff import DiffReport, GroupRow, diff
from summitledger.report.events import EventRow, events
from summitledger.report.groups import GroupDetail, Member, details, show
from summitledger.report.joins import JoinRow, joins
from summitledger.report.names import choose_event
from summitledger.report.passed import passed_over
from summitledger.report.queries import (
    ActorRow,
    actors,
    article_files,
    claims,
    outlet_labels,
    outlets,
)

__all__ = ["ActorRow", "DiffReport", "EventRow", "GroupDetail", "GroupRow", "JoinRow", "Member",
           "actors", "article_files", "choose_event", "claims", "details", "diff", "events",
           "joins", "outlet_labels", "outlets", "passed_over", "show"]
