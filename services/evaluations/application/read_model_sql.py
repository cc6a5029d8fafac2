"""Every statement of the evaluations read models, by projection and query module: the names
the application uses, written out once per SQL dialect in adapters/read_model_sql."""

from __future__ import annotations

from dataclasses import dataclass

from .history_queries import HistorySql
from .projections.campaign_progress import CampaignProgressSql
from .projections.classification_history import ClassificationHistorySql
from .projections.classification_snapshots import ClassificationSnapshotsSql
from .projections.tsvm_recognitions import TsvmRecognitionsSql
from .queries import QueriesSql


@dataclass(frozen=True)
class EvaluationsSql:
    progress: CampaignProgressSql
    classifications: ClassificationHistorySql
    tsvm: TsvmRecognitionsSql
    snapshots: ClassificationSnapshotsSql
    queries: QueriesSql
    history: HistorySql
