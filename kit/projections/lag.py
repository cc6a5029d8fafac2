"""How far each projection is behind its sources, read when scraped (kit.metrics.LAG), apart from
whatever applies the events: a runner blocked in a transaction shows a lag that grows."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kit import metrics
from kit.projections.runner import ProjectionRunner


def projection_lag(runner: ProjectionRunner,
                   heads: Callable[[], Mapping[str, int] | None] | None = None) -> metrics.Lag:
    """Each projection's lag on each source it follows: the head (by source; by default the head
    of each store the runner reads) minus the checkpoint as committed, for `metrics.LAG.watch`."""
    if heads is None:
        stores = dict(runner.sources)
        heads = metrics.Latest(lambda: {source: store.head_position()
                                        for source, store in stores.items()},
                               "the heads of the stores the projections read")

    def committed() -> dict[tuple[str, ...], int]:
        rows = runner.db.query("SELECT projection, source, position FROM projection_checkpoints")
        found = {(r["projection"], r["source"]): r["position"] for r in rows}
        return {pair: found.get(pair, 0) for pair in runner.followed()}

    return metrics.Lag(metrics.PROJECTION_LAG, heads,
                       metrics.Latest(committed, "the projections' checkpoints"))
