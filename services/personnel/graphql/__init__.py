"""Personnel's GraphQL part: its queries, mutations and the types only its results name."""

from .mutations import CadrePostCommandSucceeded
from .mutations import PersonnelMutation as MUTATION
from .queries import PersonnelQuery as QUERY

TYPES = (CadrePostCommandSucceeded,)
__all__ = ["MUTATION", "QUERY", "TYPES"]
