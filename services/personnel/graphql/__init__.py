"""Personnel's GraphQL part: its queries, mutations and the types only its results name."""

import strawberry

from .more_mutations import PersonnelMoreMutation
from .mutations import CadrePostCommandSucceeded, PersonnelMutation
from .queries import PersonnelQuery as QUERY

# the core mutations and those added beside them (personnel-more), as one type
MUTATION = strawberry.type(type("PersonnelMutations", (PersonnelMutation,
                                                      PersonnelMoreMutation), {}))

TYPES = (CadrePostCommandSucceeded,)
__all__ = ["MUTATION", "QUERY", "TYPES"]
