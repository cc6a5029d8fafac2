"""The checkpointed projection runner, and the tables it keeps in every read-model database
(ports.py; SQLite: kit/sqlite/readmodel.py, PostgreSQL: kit/postgres/readmodel.py).

Each projection's read-model change and its checkpoint commit in one transaction, and events at or
below the checkpoint are skipped: every event applies exactly once in effect, through crashes and
redelivery. An event a projection cannot handle is parked in `dead_letters` with the reason; a
failure of the database itself (full, unreachable, timed out) is not the event's and parks
nothing: the batch rolls back whole and is applied again later.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from kit import metrics
from kit.envelope import Envelope
from kit.projections import rebuilding
from kit.projections.dead_letters import DeadLetters
from kit.projections.ports import STORE, Projection, ReadModelDb, ReadModelRenewed
from kit.store import EventStore

log = logging.getLogger(__name__)


class ProjectionRunner(DeadLetters):
    """Applies events to projections exactly once in effect.

    Checkpoints are kept per (projection, source): a source is the service's own store in the
    embedded default, or a Kafka topic in the distributed mode (positions of different stores are
    not comparable, so each source has its own).
    """

    def __init__(
        self,
        store: EventStore | None,
        db: ReadModelDb,
        projections: Sequence[Projection],
        batch_size: int = 2000,
        *,
        own_source: str = STORE,
        other_sources: dict[str, EventStore] | None = None,
    ) -> None:
        """`store` is the service's own log, read as `own_source`; `other_sources` are other
        services' logs a consumer-owned view follows in the embedded default (a projection names
        them in its `sources` attribute; without one it follows only the own source)."""
        self.store = store
        self.db = db
        self.projections = list(projections)
        self.batch_size = batch_size
        self.own_source = own_source
        self.sources: dict[str, EventStore] = dict(other_sources or {})
        if store is not None:
            self.sources[own_source] = store
        self._lock = threading.RLock()
        # called after an event is parked (a Kafka worker publishes it to the dead-letter topic)
        self.on_park: Callable[[str, str, Envelope, str], None] | None = None
        # whether dead letters may wait to be announced: at the start, one a crash left
        self._announcements_due = True
        # called last inside each batch's transaction with (connection, source, the batch's last
        # position): what it writes commits with the batch or not at all (e.g. a NOTIFY)
        self.before_commit: Callable[[Any, str, int], None] | None = None
        with db.transaction() as conn:
            for p in self.projections:
                self._create_or_renew(conn, p)
        for p in self.projections:  # exported at 0 from the start: rate() sees the first one
            metrics.DEAD_LETTERS.labels(projection=p.name)

    def _create_or_renew(self, conn: Any, p: Projection) -> None:
        """A projection whose code changed its tables (a higher `version`) is dropped here and
        rebuilt from the log by the next catch-up: stored events are the truth, tables are not."""
        version = getattr(p, "version", 1)
        sql = self.db.runner_sql
        row = conn.execute(sql.version_of, (p.name,)).fetchone()
        applied = conn.execute(sql.has_checkpoint, (p.name,)).fetchone()
        # at another version: its tables may have another shape, whether or not it applied
        # anything; no version row but a checkpoint: written before versions were kept
        if (row is not None and row[0] != version) or (row is None and applied is not None):
            log.warning("read model %s is at version %s, the code at %s: rebuilding it",
                        p.name, row[0] if row else "unknown", version)
            p.drop(conn)
            conn.execute(sql.forget_checkpoints, (p.name,))
            conn.execute(sql.forget_dead_letters, (p.name,))
            conn.execute(sql.forget_announcements, (p.name,))
        p.create(conn)
        conn.execute(sql.set_version, (p.name, version))

    def follows(self, projection: Projection, source: str) -> bool:
        return source in self.sources_of(projection)

    def sources_of(self, projection: Projection) -> tuple[str, ...]:
        return tuple(getattr(projection, "sources", None) or (self.own_source,))

    def followed(self) -> list[tuple[str, str]]:
        """(projection, source) for every source each projection follows."""
        return [(p.name, source) for p in self.projections for source in self.sources_of(p)]

    def behind(self) -> list[str]:
        """The sources some projection that follows them has applied nothing from, or less
        than another: one renewed (a new version, dropped) or newly added starts at zero, even
        when it is the only one following its source, while its consumer group's offsets may
        stand further on. A consumer reads such a topic again from its start (the others skip
        what they hold: their checkpoints); for a new group that is where it starts anyway."""
        out = []
        for source in sorted({source for _, source in self.followed()}):
            found = self._committed(source)
            at = [found.get(p.name) for p in self.projections if self.follows(p, source)]
            if None in at or min(at) < max(at):
                out.append(source)
        return out

    def checkpoints(self, source: str | None = None) -> dict[str, int]:
        """Positions applied from a source (the own source by default), for the projections
        that follow it."""
        source = source or self.own_source
        found = self._committed(source)
        return {p.name: found.get(p.name, 0) for p in self.projections if self.follows(p, source)}

    def _committed(self, source: str) -> dict[str, int]:
        """A source's checkpoint rows: a projection without one has applied nothing from it."""
        rows = self.db.query(self.db.runner_sql.checkpoints_of, (source,))
        return {r["projection"]: r["position"] for r in rows}

    def apply(self, batch: Sequence[Envelope], source: str | None = None) -> int:
        """Apply a batch in global order, in one transaction with the checkpoints.

        Events at or below a projection's checkpoint are skipped (redelivery is harmless).
        Returns how many (projection, event) applications happened.

        A database that offers `in_one_go()` gets the batch that way first, without savepoints
        (PostgreSQL: its statements pipelined, most then costing no round trip; SQLite: fewer
        statements, each of which lets go of the interpreter lock and waits to get it back). If
        anything fails the transaction is rolled back and the batch applied again the careful
        way, a savepoint per projection, parking just the event that fails.
        """
        source = source or self.own_source
        if not batch:
            return 0
        with self._lock:
            applied = self._apply_committed(batch, source)
            self.announce_parked()  # this batch's dead letters, and any an earlier one left
            return applied

    def _apply_committed(self, batch: Sequence[Envelope], source: str) -> int:
        in_one_go = getattr(self.db, "in_one_go", None)
        if in_one_go is not None:
            try:
                with in_one_go() as conn:
                    return self._apply_batch(batch, source, conn, self._apply_unguarded)
            except ReadModelRenewed:  # the careful way would only be refused again
                raise
            except Exception as exc:  # rolled back: the careful way finds what failed
                if self.db.is_outage(exc):  # and would only meet the same outage
                    raise
                log.info("a batch did not apply in one go; applying it again with a "
                         "savepoint per projection", extra={"error": repr(exc)[:200]})
        with self.db.transaction() as conn:
            return self._apply_batch(batch, source, conn, self._apply_all)

    def _apply_batch(self, batch: Sequence[Envelope], source: str, conn: Any,
                     apply_all: Callable[[Projection, Sequence[Envelope], Any, str], None]
                     ) -> int:
        # read inside the write transaction: another runner on the same database may have
        # applied this batch since this one last looked, or renewed a read model since
        checkpoints = self._applied(source)
        applied = 0
        moved = []
        for p in self.projections:
            if not self.follows(p, source):
                continue
            done = checkpoints[p.name]
            todo = []
            for event in batch:  # a redelivered copy later in the same batch is skipped too
                if event.global_position > done:
                    todo.append(event)
                    done = event.global_position
            if todo:
                apply_all(p, todo, conn, source)
                applied += len(todo)
            moved.append((p.name, source, done))
        # every projection's checkpoint in one statement, in the batch's transaction
        conn.executemany(self.db.runner_sql.save_checkpoint, moved)
        if self.before_commit is not None:
            self.before_commit(conn, source, batch[-1].global_position)
        return applied

    def _applied(self, source: str) -> dict[str, int]:
        """`checkpoints(source)`, refusing when a read model's version in the database is not
        this code's: a newer release renewed it (dropped, its checkpoint gone), and this
        process would write its events of now into the new tables as if they were all."""
        rows = self.db.query(self.db.runner_sql.applied_of, (source,))
        found = {r["projection"]: (r["version"], r["position"]) for r in rows}
        out = {}
        for p in self.projections:
            if not self.follows(p, source):
                continue
            version, position = found.get(p.name, (None, None))
            code = getattr(p, "version", 1)
            if version != code:
                raise ReadModelRenewed(p.name, version, code)
            out[p.name] = position or 0
        return out

    def catch_up(self, batch_size: int | None = None) -> int:
        """Apply everything each source's store has beyond the checkpoints. Returns applications."""
        assert self.sources, "catch_up reads stores; a Kafka worker calls apply()"
        batch_size = batch_size or self.batch_size
        applied = 0
        with self._lock:
            for source, store in self.sources.items():
                while True:
                    start = min(self.checkpoints(source).values(), default=None)
                    if start is None:
                        break  # no projection follows this source
                    batch = store.read_all(start, batch_size)
                    if not batch:
                        break
                    applied += self.apply(batch, source)
                    if len(batch) < batch_size:
                        break  # that was the end of the log when read: no need to ask again
        return applied

    @staticmethod
    def _apply_unguarded(p: Projection, events: Sequence[Envelope], conn: Any,
                         source: str) -> None:
        """No savepoint: a failure anywhere fails the whole transaction (see `apply`)."""
        handle_batch = getattr(p, "handle_batch", None)
        if handle_batch is not None:  # folds the batch in memory, same rows as one by one
            handle_batch(events, conn)
        else:
            for event in events:
                p.handle(event, conn)

    def _apply_all(self, p: Projection, events: Sequence[Envelope], conn: Any,
                   source: str) -> None:
        """One savepoint for the batch (a savepoint per event costs more than most handlers);
        if any event fails, undo the batch and apply it event by event to park just that one."""
        conn.execute("SAVEPOINT batch")
        try:
            self._apply_unguarded(p, events, conn, source)
            conn.execute("RELEASE batch")
        except Exception as exc:
            if self.db.is_outage(exc):  # event by event would only meet it again
                raise
            conn.execute("ROLLBACK TO batch")
            conn.execute("RELEASE batch")
            for event in events:
                self._apply(p, event, conn, source)

    def _apply(self, p: Projection, event: Envelope, conn: Any, source: str) -> None:
        conn.execute("SAVEPOINT event")
        try:
            p.handle(event, conn)
            conn.execute("RELEASE event")
        except Exception as exc:  # park it and keep going; an operator replays after a fix
            if self.db.is_outage(exc):  # not the event's failure: the whole batch is tried again
                raise
            conn.execute("ROLLBACK TO event")
            conn.execute("RELEASE event")
            self._park(conn, p.name, source, event, f"{type(exc).__name__}: {exc}")

    def rebuild(self, names: Sequence[str] | None = None,
                batch_size: int = rebuilding.REBUILD_BATCH, *,
                helpers: rebuilding.Helpers | None = None, indexes: bool = True) -> int:
        """Drop the named read models (all by default) and rebuild them from the store, in large
        transactions, with their secondary indexes built after the load (`indexes=False`: left
        to whoever takes the tables). `helpers` may rebuild some of them in other processes at
        the same time (kit.sqlite.rebuild_apart), their tables taken in when done."""
        chosen = [p for p in self.projections if names is None or p.name in names]
        with self._lock:
            return rebuilding.rebuild(self, chosen, max(batch_size, self.batch_size), helpers,
                                      indexes)

    def only(self, projections: Sequence[Projection]) -> ProjectionRunner:
        """This runner for some of its projections: the same database, sources, lock and hooks
        (a rebuild catches up just its own share)."""
        only = copy.copy(self)
        only.projections = list(projections)
        return only
