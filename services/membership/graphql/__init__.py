"""Membership's GraphQL part: its queries, mutations, the types only its
results name, and the entities other parts show."""

from gateway.toolkit import Entity

from .mutations import MembershipMutation as MUTATION
from .queries import MembershipQuery as QUERY
from .results import MemberCommandSucceeded, OrganisationCommandSucceeded
from .types import Member, Organisation, member_or_none, organisation_or_none

TYPES = (MemberCommandSucceeded, OrganisationCommandSucceeded)
# what other services' parts may show (gateway.toolkit.entities)
ENTITIES = {"Organisation": Entity(Organisation, organisation_or_none),
            "Member": Entity(Member, member_or_none)}
__all__ = ["ENTITIES", "MUTATION", "QUERY", "TYPES"]
