"""The evaluations service, declared once: everything the platform builds it from.

Its read side follows membership's published events too (its own view, membership_as_of: the
roll of a period and the facts of a year), under the source name the composition gives them; and
membership's work queue follows evaluations' in turn (the two follow each other back)."""

from __future__ import annotations

from kit.declaration import ServiceDeclaration

from .adapters.read_model_sql import SQL
from .adapters.read_model_sql.membership_as_of_postgres import POSTGRES_MEMBERSHIP_AS_OF
from .adapters.read_model_sql.membership_as_of_sqlite import SQLITE_MEMBERSHIP_AS_OF
from .adapters.wire import CODEC, COMMAND_NAMES
from .api import EvaluationsQueriesApi
from .application.handlers import HANDLERS
from .application.membership_roll import MembershipRoll
from .application.projections import read_projections
from .application.projections.membership_as_of import MembershipAsOf
from .application.read_side import EvaluationsReadSide
from .application.service import EvaluationsService
from .domain.rules import EVALUATION_RULES

ROLL_SQL = {"sqlite": SQLITE_MEMBERSHIP_AS_OF, "postgres": POSTGRES_MEMBERSHIP_AS_OF}

# the questions clients ask; the handlers' view (evaluated_in, facts_for_*, parent_of) and
# freshness (applied_position) stay inside the service
QUERY_NAMES = frozenset({
    "is_within", "period", "periods", "campaign_progress", "awaiting", "quota_headroom",
    "level_distribution", "running_years", "unsatisfactory_two_years_running", "tsvm_list",
    "evaluation_history", "classification_snapshot",
})


def read_side(db, clock) -> EvaluationsReadSide:  # type: ignore[no-untyped-def]
    return EvaluationsReadSide(db, SQL[db.dialect], MembershipRoll(db, ROLL_SQL[db.dialect]),
                               rules=EVALUATION_RULES, clock=clock)


DECLARATION = ServiceDeclaration(
    name="evaluations",
    codec=CODEC,
    rules=EVALUATION_RULES,
    handlers=HANDLERS,
    command_names=COMMAND_NAMES,
    application=lambda repo, rules, clock, queries, on_appended: EvaluationsService(
        repo, rules, clock, view=queries, on_appended=on_appended),
    read_side=read_side,
    queries=EvaluationsQueriesApi,
    query_names=QUERY_NAMES,
    projections=lambda sources, dialect: [
        *read_projections(CODEC, SQL[dialect]),
        MembershipAsOf(ROLL_SQL[dialect], sources["membership"])],
    follows=("membership",),
    graphql="services.evaluations.graphql",
)
