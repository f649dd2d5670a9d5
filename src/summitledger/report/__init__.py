"""Stage 5, report: read-only queries (:mod:`queries`), rendering for people and
machines (:mod:`output`), the HTML report (:mod:`html`), exports (:mod:`export`),
Datasette metadata (:mod:`datasette`) and scoring against gold (:mod:`evaluate`).

The query functions are here too: ``report.claims(engine, actor="Putin")``.
"""

from summitledger.report.groups import GroupDetail, Member, details, show
from summitledger.report.joins import JoinRow, joins
from summitledger.report.passed import passed_over
from summitledger.report.queries import (
    ActorRow,
    DiffReport,
    GroupRow,
    actors,
    article_files,
    claims,
    diff,
    outlet_labels,
    outlets,
)

__all__ = ["ActorRow", "DiffReport", "GroupDetail", "GroupRow", "JoinRow", "Member", "actors",
           "article_files", "claims", "details", "diff", "joins", "outlet_labels", "outlets", "passed_over", "show"]
