"""The personnel service, declared once: everything the platform builds it from. Its read
models follow membership's published events too (its own view of members and discipline)."""

from __future__ import annotations

from kit.declaration import ServiceDeclaration

from .adapters.read_model_sql import SQL
from .adapters.read_model_sql.congress import CONGRESS_SQL
from .adapters.read_model_sql.plan_approval import PLAN_APPROVAL_SQL
from .adapters.read_model_sql.training import TRAINING_SQL
from .adapters.wire import CODEC, COMMAND_NAMES
from .api import PersonnelQueriesApi
from .application.congress_queries import CongressQueries
from .application.congress_read_model import CongressRecords
from .application.evaluations_view import SOURCE as EVALUATIONS_SOURCE
from .application.handlers import HANDLERS
from .application.member_standing import PersonnelMemberStanding
from .application.more_queries import PersonnelMoreQueries
from .application.plan_approval_read_model import PlanApprovalQueries, PlanApprovals
from .application.projections import all_projections
from .application.projections.evaluations import PersonnelEvaluationsView
from .application.removal_policy import plan_removal_policy
from .application.service import PersonnelService
from .domain.rules import PERSONNEL_RULES

QUERY_NAMES = frozenset({
    "organisation", "post", "posts", "cadre", "cadre_file", "plan_fullness", "plan_structure",
    "expiring_terms", "promotion_bans", "work_queue", "file_reads",
    # personnel-more
    "intermediate_eligibility", "theory_gaps", "theory_gaps_in_subtree",
    "cadres_without_post",
    "congress", "congresses", "committee_members",
    # plan-approval
    "plan_approval", "plan_reviews_due",
})


class PersonnelReadSide(PersonnelMoreQueries, CongressQueries, PlanApprovalQueries):
    """Every question of the service: the core's, training and rotation, congresses."""


def _read_side(db, clock, **options):  # type: ignore[no-untyped-def]
    queries = PersonnelReadSide(db, SQL[db.dialect], CONGRESS_SQL[db.dialect], PERSONNEL_RULES,
                                clock)
    queries.training_sql = TRAINING_SQL[db.dialect]
    queries.plan_approval_sql = PLAN_APPROVAL_SQL[db.dialect]
    return queries


def _projections(sources, dialect):  # type: ignore[no-untyped-def]
    return [*all_projections(CODEC, SQL[dialect], sources["membership"]),
            # personnel-more: evaluations' good standing, for training
            PersonnelEvaluationsView(TRAINING_SQL[dialect],
                                     sources.get("evaluations", EVALUATIONS_SOURCE)),
            # congresses and elections, and who is an official member (for the summons)
            CongressRecords(CODEC, CONGRESS_SQL[dialect]),
            PersonnelMemberStanding(CONGRESS_SQL[dialect].standing_ddl,
                                    CONGRESS_SQL[dialect].set_standing, sources["membership"]),
            # plan-approval: plans as approved, and their last review
            PlanApprovals(CODEC, PLAN_APPROVAL_SQL[dialect])]

DECLARATION = ServiceDeclaration(
    name="personnel",
    codec=CODEC,
    rules=PERSONNEL_RULES,
    handlers=HANDLERS,
    command_names=COMMAND_NAMES,
    application=lambda repo, rules, clock, queries, on_appended: PersonnelService(
        repo, rules, clock, directory=queries, on_appended=on_appended),
    read_side=_read_side,
    queries=PersonnelQueriesApi,
    query_names=QUERY_NAMES,
    projections=_projections,
    follows=("membership", "evaluations"),
    graphql="services.personnel.graphql",
    policies=(plan_removal_policy,),
)
