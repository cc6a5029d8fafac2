"""Evaluations read models, each named for the question it answers; every one follows the
evaluations log, owns its tables and can be dropped and rebuilt to the same state. (The view
of membership's events the command side reads is the membership view's own projection.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.codec import EventCodec
from kit.projections.ports import Projection

from .campaign_progress import CampaignProgress
from .classification_history import ClassificationHistory
from .classification_snapshots import ClassificationSnapshots
from .tsvm_recognitions import TsvmRecognitions

if TYPE_CHECKING:
    from ..read_model_sql import EvaluationsSql


def read_projections(codec: EventCodec, sql: EvaluationsSql) -> list[Projection]:
    """`codec`: evaluations' own wire names (the declaration's); `sql`: the statements in the
    read-model database's dialect."""
    return [
        CampaignProgress(codec, sql.progress),
        ClassificationHistory(codec, sql.classifications),
        TsvmRecognitions(codec, sql.tsvm),
        ClassificationSnapshots(codec, sql.snapshots),
    ]
