"""The meetings service, declared once: everything the platform builds it from.

Its read models follow membership's published events too (the roster and organisation view
meetings keeps of its own), under the source name the composition gives them."""

from __future__ import annotations

from kit.declaration import ServiceDeclaration

from .adapters.read_model_sql import SQL
from .adapters.wire import CODEC, COMMAND_NAMES
from .api import MeetingsQueriesApi
from .application.handlers import HANDLERS
from .application.projections import all_projections
from .application.queries import MeetingsQueries
from .application.service import MeetingsService
from .domain.rules import MEETINGS_RULES

# the questions clients ask; the handlers' directory (organisation_info, summons_for) and
# freshness (applied_position) stay inside the service
QUERY_NAMES = frozenset({
    "organisation", "is_within", "roster", "meetings", "meeting", "attendance_rate",
    "attendance_by_branch", "attendance_by_member", "member_attendance", "unexcused_absentees",
    "missed_monthly_meetings", "missed_thematic_meetings", "superior_cadre_attendance",
    "materials_issues", "short_meetings",
    "removal_grounds",
})

DECLARATION = ServiceDeclaration(
    name="meetings",
    codec=CODEC,
    rules=MEETINGS_RULES,
    handlers=HANDLERS,
    command_names=COMMAND_NAMES,
    application=lambda repo, rules, clock, queries, on_appended: MeetingsService(
        repo, rules, clock, directory=queries, on_appended=on_appended),
    # options: cadre_schedule (the province's days for superior cadres' visits)
    read_side=lambda db, clock, **options: MeetingsQueries(db, SQL[db.dialect],
                                                           rules=MEETINGS_RULES, clock=clock,
                                                           **options),
    queries=MeetingsQueriesApi,
    query_names=QUERY_NAMES,
    projections=lambda sources, dialect: all_projections(CODEC, SQL[dialect],
                                                         sources["membership"]),
    follows=("membership",),
    graphql="services.meetings.graphql",
)
