"""Personnel's read side: the core questions, and those added beside them (training, rotation)."""

from __future__ import annotations

from .rotation_queries import RotationQueries
from .training_queries import TrainingQueries


class PersonnelMoreQueries(TrainingQueries, RotationQueries):
    pass
