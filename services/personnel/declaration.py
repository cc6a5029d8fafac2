"""The personnel service, declared once: everything the platform builds it from. Its read
models follow membership's published events too (its own view of members and discipline)."""

from __future__ import annotations

from kit.declaration import ServiceDeclaration

from .adapters.read_model_sql import SQL
from .adapters.read_model_sql.congress import CONGRESS_SQL
from .adapters.wire import CODEC, COMMAND_NAMES
from .api import PersonnelQueriesApi
from .application.congress_queries import CongressQueries
from .application.congress_read_model import CongressRecords
from .application.handlers import HANDLERS
from .application.member_standing import PersonnelMemberStanding
from .application.projections import all_projections
from .application.service import PersonnelService
from .domain.rules import PERSONNEL_RULES

QUERY_NAMES = frozenset({
    "organisation", "post", "posts", "cadre", "cadre_file", "plan_fullness", "plan_structure",
    "expiring_terms", "promotion_bans", "work_queue", "file_reads",
    "congress", "congresses", "committee_members",
})

DECLARATION = ServiceDeclaration(
    name="personnel",
    codec=CODEC,
    rules=PERSONNEL_RULES,
    handlers=HANDLERS,
    command_names=COMMAND_NAMES,
    application=lambda repo, rules, clock, queries, on_appended: PersonnelService(
        repo, rules, clock, directory=queries, on_appended=on_appended),
    read_side=lambda db, clock, **options: CongressQueries(
        db, SQL[db.dialect], CONGRESS_SQL[db.dialect], PERSONNEL_RULES, clock),
    queries=PersonnelQueriesApi,
    query_names=QUERY_NAMES,
    projections=lambda sources, dialect: [
        *all_projections(CODEC, SQL[dialect], sources["membership"]),
        CongressRecords(CODEC, CONGRESS_SQL[dialect]),
        PersonnelMemberStanding(CONGRESS_SQL[dialect].standing_ddl,
                                CONGRESS_SQL[dialect].set_standing, sources["membership"])],
    follows=("membership",),
    graphql="services.personnel.graphql",
)
