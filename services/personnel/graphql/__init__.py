"""Personnel's GraphQL part: its queries, mutations and the types only its results name."""

import strawberry

from .more_mutations import PersonnelMoreMutation
from .more_queries import PersonnelMoreQuery
from .mutations import CadrePostCommandSucceeded, PersonnelMutation
from .queries import PersonnelQuery

# the core mutations and those added beside them (personnel-more), as one type
MUTATION = strawberry.type(type("PersonnelMutations", (PersonnelMutation,
                                                      PersonnelMoreMutation), {}))
QUERY = strawberry.type(type("PersonnelQueries", (PersonnelQuery, PersonnelMoreQuery), {}))

TYPES = (CadrePostCommandSucceeded,)
__all__ = ["MUTATION", "QUERY", "TYPES"]
