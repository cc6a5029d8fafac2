"""The membership service, declared once: everything the platform builds it from."""

from __future__ import annotations

from kit.declaration import ServiceDeclaration

from .adapters.read_model_sql import SQL
from .adapters.read_model_sql.evaluation_reviews import SQL as EVALUATION_REVIEWS_SQL
from .adapters.wire import CODEC, COMMAND_NAMES
from .api import MembershipQueriesApi
from .application.evaluations_view import SOURCE as EVALUATIONS_SOURCE
from .application.handlers import HANDLERS
from .application.projections import all_projections
from .application.projections.evaluation_reviews import EvaluationReviewsDue
from .application.province_links import TAKEN as PEER_EVENTS_TAKEN
from .application.province_links import apply_peer_event
from .application.queries import MembershipQueries
from .application.service import MembershipService
from .domain.deadlines import membership_deadlines
from .domain.rules import MEMBERSHIP_RULES

# the questions the gateway asks; occupancy and freshness stay inside the service
QUERY_NAMES = frozenset({
    "organisation", "is_within", "organisation_in_scope", "ancestors", "roots", "organisation_tree", "member", "members",
    "members_as_of", "member_history", "badges_due",
    "suspended_as_of", "transfers", "formation_threshold_breaches",
    "work_queue",
    "members_by_citizen_id", "transfers_between_provinces",
})


def _read_side(db, clock):  # type: ignore[no-untyped-def]
    queries = MembershipQueries(db, SQL[db.dialect].queries, SQL[db.dialect].change_queries, clock)
    # the work queue's evaluation_review items read the table evaluations' results fill
    queries.evaluation_reviews = EVALUATION_REVIEWS_SQL[db.dialect]
    queries.province_transfers = SQL[db.dialect].province_transfers
    return queries


def _projections(sources, dialect):  # type: ignore[no-untyped-def]
    return [*all_projections(CODEC, SQL[dialect]),
            EvaluationReviewsDue(EVALUATION_REVIEWS_SQL[dialect], membership_deadlines(),
                                 sources.get("evaluations", EVALUATIONS_SOURCE))]


DECLARATION = ServiceDeclaration(
    name="membership",
    codec=CODEC,
    rules=MEMBERSHIP_RULES,
    handlers=HANDLERS,
    command_names=COMMAND_NAMES,
    application=lambda repo, rules, clock, queries, on_appended, peers=None: MembershipService(
        repo, rules, clock, occupancy=queries, on_appended=on_appended, peers=peers),
    peer_events=apply_peer_event,
    peer_event_types=PEER_EVENTS_TAKEN,
    read_side=_read_side,
    queries=MembershipQueriesApi,
    query_names=QUERY_NAMES,
    projections=_projections,
    # its work queue follows evaluations' results, while evaluations' roll follows membership
    follows=("evaluations",),
    graphql="services.membership.graphql",
)
