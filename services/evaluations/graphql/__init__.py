"""Evaluations' GraphQL part: its queries (queries.py), its mutations, and the types only its
results name."""

from .mutations import EvaluationsMutation as MUTATION
from .queries import EvaluationsQuery as QUERY
from .results import EvaluationCommandSucceeded, EvaluationsUnavailable, PeriodCommandSucceeded

TYPES = (PeriodCommandSucceeded, EvaluationCommandSucceeded, EvaluationsUnavailable)
__all__ = ["MUTATION", "QUERY", "TYPES"]
