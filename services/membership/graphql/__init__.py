"""Membership's GraphQL part: its queries, mutations and the types only its results name."""

from .entities import ENTITIES
from .mutations import MembershipMutation as MUTATION
from .queries import MembershipQuery as QUERY
from .results import MemberCommandSucceeded, OrganisationCommandSucceeded

TYPES = (MemberCommandSucceeded, OrganisationCommandSucceeded)
__all__ = ["ENTITIES", "MUTATION", "QUERY", "TYPES"]
