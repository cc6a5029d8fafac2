"""Ids the service derives: a new period's from its command, an evaluation's from its subject.

An annual evaluation's id is derived from (subject, year): a subject has one annual evaluation a
year whichever period (a province's, a commune's) it is taken in, and the year before is found by
id, with no search and no read model (the two-years-running events and the TSVM run read it).
Other periods' evaluations are derived from (subject, period)."""

from __future__ import annotations

import uuid

ID_NAMESPACE = uuid.UUID("6f3b2a8e-4c1d-4e7a-9b5f-2d8c1e0a7f93")


def new_id(command_id: str, kind: str) -> str:
    """Ids of new aggregates derive from the command id, so a retry names the same aggregate."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{kind}:{command_id}"))


def annual_evaluation_id(subject_id: str, year: int) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, f"annual:{year}:{subject_id}"))


def evaluation_id(period_id: str, annual: bool, year: int, subject_id: str) -> str:
    if annual:
        return annual_evaluation_id(subject_id, year)
    return str(uuid.uuid5(ID_NAMESPACE, f"period:{period_id}:{subject_id}"))
