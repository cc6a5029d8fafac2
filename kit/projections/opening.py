"""Projections handed events with their personal fields opened (kit/shredding.py), while the
runner around them reads, checkpoints and parks the events as stored, sealed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kit.envelope import Envelope
from kit.shredding import Sealer


class Openers:
    """Opens envelopes with every sealer given (each opens only its own events), remembering
    the last batch: the runner hands the same batch to each of its projections."""

    def __init__(self, sealers: Sequence[Sealer]) -> None:
        self.sealers = list(sealers)
        self._last: tuple[list[Envelope], list[Envelope]] = ([], [])

    def __call__(self, envelopes: Sequence[Envelope]) -> list[Envelope]:
        envelopes = list(envelopes)
        given, opened = self._last
        if len(given) == len(envelopes) and all(a is b for a, b in zip(given, envelopes,
                                                                        strict=True)):
            return opened
        opened = envelopes
        for sealer in self.sealers:
            opened = sealer.open(opened)
        self._last = (envelopes, opened)
        return opened


class OpeningProjection:
    """A projection that is handed events with their personal fields opened. The runner around
    it keeps the events as stored: what it parks as dead letters stays sealed."""

    def __init__(self, projection: Any, opener: Openers) -> None:
        self.projection = projection
        self.opener = opener

    def handle(self, envelope: Envelope, db: Any) -> None:
        self.projection.handle(self.opener([envelope])[0], db)

    def handle_batch(self, envelopes: Sequence[Envelope], db: Any) -> None:
        inner = getattr(self.projection, "handle_batch", None)
        opened = self.opener(envelopes)
        if inner is not None:
            inner(opened, db)
        else:
            for envelope in opened:
                self.projection.handle(envelope, db)

    def __getattr__(self, name: str) -> Any:  # name, version, tables, create, drop, dump, …
        return getattr(self.projection, name)


def opening(projections: Sequence[Any], sealers: Sequence[Sealer]) -> list[Any]:
    """The projections, each handed opened events when any of `sealers` is given."""
    if not sealers:
        return list(projections)
    opener = Openers(sealers)
    return [OpeningProjection(p, opener) for p in projections]

