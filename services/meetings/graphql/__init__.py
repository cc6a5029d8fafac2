"""Meetings' GraphQL part: its queries, mutations and the types only its results name."""

from .mutations import MeetingsMutation as MUTATION
from .queries import MeetingsQuery as QUERY
from .results import MeetingCommandSucceeded, ServiceUnavailable

TYPES = (MeetingCommandSucceeded, ServiceUnavailable)
__all__ = ["MUTATION", "QUERY", "TYPES"]
