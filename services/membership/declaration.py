"""The membership service, declared once: everything the platform builds it from."""

from __future__ import annotations

from kit.declaration import ServiceDeclaration

from .adapters.read_model_sql import SQL
from .adapters.wire import CODEC, COMMAND_NAMES
from .api import MembershipQueriesApi
from .application.handlers import HANDLERS
from .application.projections import all_projections
from .application.queries import MembershipQueries
from .application.service import MembershipService
from .domain.rules import MEMBERSHIP_RULES

# the questions the gateway asks; occupancy and freshness stay inside the service
QUERY_NAMES = frozenset({
    "organisation", "is_within", "ancestors", "roots", "organisation_tree", "member", "members",
    "members_as_of", "member_history", "badges_due",
    "suspended_as_of", "transfers", "formation_threshold_breaches",
    "work_queue",
    "members_by_citizen_id",
})

DECLARATION = ServiceDeclaration(
    name="membership",
    codec=CODEC,
    rules=MEMBERSHIP_RULES,
    handlers=HANDLERS,
    command_names=COMMAND_NAMES,
    application=lambda repo, rules, clock, queries, on_appended: MembershipService(
        repo, rules, clock, occupancy=queries, on_appended=on_appended),
    read_side=lambda db, clock: MembershipQueries(db, SQL[db.dialect].queries,
                                                  SQL[db.dialect].change_queries, clock),
    queries=MembershipQueriesApi,
    query_names=QUERY_NAMES,
    projections=lambda sources, dialect: all_projections(CODEC, SQL[dialect]),
    graphql="services.membership.graphql",
)
