"""Personnel's GraphQL part: its queries, mutations and the types only its results name."""

import strawberry

from .congress_resolvers import CongressMutation, CongressQuery, ElectionCommandSucceeded
from .more_mutations import PersonnelMoreMutation
from .more_queries import PersonnelMoreQuery
from .mutations import CadrePostCommandSucceeded, PersonnelMutation
from .plan_approval import PlanApprovalMutation, PlanApprovalQuery
from .queries import PersonnelQuery


@strawberry.type
class MUTATION(PersonnelMutation, PersonnelMoreMutation, CongressMutation, PlanApprovalMutation):
    pass


@strawberry.type
class QUERY(PersonnelQuery, PersonnelMoreQuery, CongressQuery, PlanApprovalQuery):
    pass


TYPES = (CadrePostCommandSucceeded, ElectionCommandSucceeded)
__all__ = ["MUTATION", "QUERY", "TYPES"]
