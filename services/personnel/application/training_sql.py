"""The statements of personnel's training read model and questions, by name: written out once
per SQL dialect in adapters/read_model_sql/training.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TrainingSql:
    # personnel_evaluations_view: the good standing evaluations published
    good_standing_ddl: str
    insert_good_standing: str  # (evaluation_id, member_id, first_year, last_year, decided_on,
    #                             rule_version)
    good_standing_of: str  # (member_id) -> first_year, last_year, decided_on
    # questions over the other read models
    holders_of_post: str  # (post_id, on, on) -> cadre_id: terms covering the day
    planned_for_post: str  # (post_id) -> cadre_id, cycle: current plan entries
    posts_all: str  # () -> the post's columns, every managing committee's
