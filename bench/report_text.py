"""The prose of docs/benchmarks.md: what each workload does, and, for each target, where the time
goes and what would close a miss (from the profiles taken while building the suite; the run's
own profile excerpts are printed beside it)."""

INTRO = """Written by `make bench` (`python -m partyorg.bench`): every figure below comes from the
run named here, on this machine, with the peer (pyeventsourcing 9.5.6) measured in the same run,
interleaved with ours round by round; each figure is the median round. The machine is shared and
noisy, so read differences under ~15 % as noise. Nothing here is a timed test: `make test` runs
the same workloads at trivial sizes and checks only the report's structure."""

REPRODUCE = """```
make bench                                            # servers, the [bench] extra, everything
.venv/bin/python -m partyorg.bench --sizes 10k,100k   # a shorter scale curve (7M takes ~30 min)
.venv/bin/python -m partyorg.bench --only shapes,commands --out /tmp/b   # some workloads
.venv/bin/python -m partyorg.bench --quick --out /tmp/b                  # the smoke run
```
The real servers come from `make servers` (`deploy/local/up.sh`; `var/local-env.sh` names them);
a workload whose server is not set is reported as not measured. wrk (Debian's `wrk`) drives the
GraphQL load when installed, else a separate asyncio httpx process does. Scratch data goes to
`var/bench/` (the scale sizes are removed after each point)."""

TARGETS_NOTE = """Judged mechanically on this run's figures (bench/targets.py). "Peer" is
pyeventsourcing at the same durability: SQLite file in WAL mode with synchronous=FULL (set on
every pooled connection and read back), and PostgreSQL on the same server as ours."""

TITLES = {
    "shapes": "Store shapes: ours beside the peer's recorders",
    "commands": "Command throughput (MembershipService.execute) beside the peer's application",
    "replay": "Replay: read the whole store, rebuild every read model from zero",
    "kafka": "Relay and projection worker beside raw kafka-python",
    "graphql": "GraphQL over HTTP (uvicorn, one worker)",
    "e2e": "End to end, distributed mode",
    "scale": "Scale curve: cost per event and peak memory",
}

ABOUT = {
    "shapes": """Each transaction appends to a new stream: 10 events, or 1 event. Ours: one
`SqliteEventStore` / `PostgresEventStore` shared by the client threads (concurrent appends
group-commit: one transaction, one fsync, a savepoint each); each append also records its
command id for idempotency and checks the stream's version. The peer: one application recorder
(`insert_events`) shared by the threads, its own connection pool. Both serialise the same
membership event bodies to JSON inside the timed call. Read: the whole log in pages of 2,000,
decoded (ours into envelopes; the peer's notifications through `json.loads`).""",
    "commands": """The demo province's own plan (`partyorg.demo`) seeded in batches up to
1/1/2025, then the following commands sent one at a time — applications, admission ceremonies,
recognitions, transfers, exemptions, deaths, profile updates — each its own durable
transaction, the read models caught up on their own thread (the embedded default), and each
round timed until the read models hold all of it. Rounds alternate 1 and 8 client threads over
consecutive slices of the plan. The peer: an `eventsourcing`
Application with a Member aggregate, one application per client thread (its shared connection
pool starves when 8 threads mix reads and writes: a writer that times out waiting for a
connection keeps the pool's writer lock); a creating command registers a member (one event),
any other loads a member and records a transfer (one event): the peer's command path with
trivial domain rules, no idempotency record and no read models, so the ratio flatters the peer.
On PostgreSQL our read models are PostgreSQL too (the embedded service on PostgreSQL).""",
    "replay": """The generated province (bench/dataset.py) written through the store port, then,
each in its own child process: read the whole log, and rebuild all five membership read models
(organisation tree, members, member history, badges due, tree as of a date) from zero into a
fresh SQLite read-model database. The profile is cProfile over the same rebuild.""",
    "kafka": """Same broker, same messages (the relay's keys, values and headers). The relay
reads the PostgreSQL store in batches of 500, publishes (acks=all, idempotent), waits for the
acknowledgements and moves its checkpoint; the raw producer sends everything and flushes once.
The worker consumes, applies to PostgreSQL read models and commits offsets after each
transaction; the raw consumer only decodes and commits.""",
    "graphql": """`partyorg serve` (uvicorn, one worker, resolvers on its thread pool) over the
seeded demo province (~15k commands); the load comes from another process on loopback, closed
loop, bounded in time. Queries: a branch's first page of 20 members (the busiest branch), a
commune's subtree with its counts (`organisationTree`), one member's file with its history (the
longest), and `{ __typename }`.""",
    "e2e": """The membership processes of the distributed topology (nameko service, relay,
projection worker) and the gateway, on PostgreSQL, RabbitMQ and Kafka (the meetings processes
are not on this path and are not started). Each operation: the
gateway's `createOrganisation` mutation, then the gateway's `organisation` query until it
answers. The gateway's mutation already waits for the read models, so accepted ≈ visible.""",
    "scale": """The generated province at each size: 14 events per member (500,000 members at
7M events; the meetings service landed while this suite was being built and is not in the
generator yet, so the year's activity that would mostly be meeting attendance is
membership-shaped: profile updates, temporary transfers and their end, exemptions and their
end, transfers). Written through the store port in batches (a command
carries one event for each of up to 10 members; 500 commands a transaction) — it measures the
store and the projections, not command planning. Append and replay each run in a child process,
whose peak RSS (VmHWM) is reported.""",
}

WHY = {
    "commands": """Our command is not the peer's: it checks field types, loads the member and
its organisations from their streams (decoding every event through the typed codec), decides,
appends with an idempotency record and a version check on every stream it read, and then
catches up five read models in the same call (the embedded default's read-your-writes). The
profile below (cumulative time over 100 commands): the read-model catch-up is about a third,
the append (with its commit) about a third, loading aggregates a fifth. Group commit removes the fsync from the critical path (ours gains from 1 to 8 clients
where the peer's SQLite does not), but on 2 cores our command costs more CPU than the peer's
whole command, so the GIL, not the disk, bounds it. What would close it: (1) run projections
off the command path (a catch-up thread per process, with queries that wait for a position when
the caller needs its own write) — about a third of the time; (2) a compiled decoder per event
class instead of the generic `from_jsonable`, and a small cache of loaded aggregates by stream
version; (3) more processes (the distributed mode), since one Python process cannot use the
second core. On PostgreSQL the same catch-up costs a network round trip per read-model statement
(~30 a command), which is why that column is several times slower than SQLite: there the
distributed mode, where the worker applies batches, is the arrangement to use. A ratio ≥ 3× to a recorder that does no domain work at equal fsync cost is out of
reach for a Python command path; beside a peer application doing the same work (idempotency,
version checks on read streams, read models) the comparison would be even.""",
    "rebuild": """Every event goes through five projections, each running one to three SQL
statements on SQLite plus decoding the event into its dataclass (once per batch now, no longer
once per projection) — the profile below: SQLite `execute`, the codec and the history
projection's re-encoding. About 100–200 µs an event in one Python thread. Done while building
this suite: decode once per batch for all projections, and one savepoint per projection batch
instead of two statements per event (2.8k → ~7k events/s). 200k events/s would need a different
rebuild path: projections that fold a batch in memory and write with `executemany`, per-table
bulk inserts with indexes created after the load, a compiled codec, and the projections rebuilt
in parallel processes (one read-model file each) — roughly a 30× change, not a tuning.""",
    "relay": """kafka-python is pure Python: the raw producer itself is the bound (its socket
sends dominate the profile). The relay adds, per batch of 500: a PostgreSQL read of the batch,
building each envelope and its JSON, the header list, a flush that waits for every
acknowledgement before the checkpoint can move, and the checkpoint write — the producer's
pipeline drains at every batch boundary. Done while building this suite: `Envelope.to_json`
no longer deep-copies the data through `dataclasses.asdict` (a third of the relay's time). What
would close a remaining gap: larger relay batches (the checkpoint still moves only after an
acknowledged batch), and reading the next batch while the previous one is in flight.""",
    "graphql": """One uvicorn worker answers ~330–390 trivial queries a second here (JWT
verification, the correlation-id middleware, depth and cost limits, a hop to the resolver
thread pool) and ~65–155 typical ones (strawberry resolving and serialising 20–200 objects plus
the read-model SQL). Clients in a closed loop queue behind each other, so at 50 clients p99 is
roughly 50 × the service time. The server profile below: a third of the samples are threads
waiting at `ReadModelDb.query`'s lock (readmodel.py:74) — the read-model database is ONE SQLite
connection shared by the 16 resolver threads, so even the cheap scope check `is_within` waits
behind a member page's query; `_worker` is idle pool threads waiting for work; most of the rest
is strawberry. Done while building this suite: subtree queries use the path index (a
branch's page 8.0 → 0.7 ms of SQL). A p99 ≤ 50 ms at 50 concurrent clients needs ~1,000 typical
queries a second from 2 cores — about 10× this. What would close it: one read connection per
resolver thread (WAL readers run in parallel and SQLite releases the GIL while it works), counts
kept in a read model instead of counted per request, caching answers per (query, read-model
position), cheaper per-request auth (cache verified tokens), and several worker processes (×2 at
most on 2 cores); beyond that, a lighter GraphQL layer for the hot queries.""",
    "e2e": """The path: HTTP → gateway → RPC over RabbitMQ (nameko under eventlet) → PostgreSQL
append → relay poll (50 ms idle wait) → Kafka → worker poll → PostgreSQL read models → the
mutation returns once its position is applied → the query over RPC. With one client the relay's
and the worker's polling and the RPC hops make up the time and p99 stays under the target; with
8 clients the single membership service process (its nameko workers share one PostgreSQL
connection and one core with eventlet) and the RPC round trips queue (STACK-NOTES: ~500 RPC
calls/s on 2 busy cores; each operation here is a mutation and at least one query, each an
RPC). What would close it at 8 clients: wake the relay on commit (PostgreSQL LISTEN/NOTIFY)
instead of polling, let the gateway wait for the position with one blocking call instead of
repeated queries, and run more than one membership service process.""",
    "flat": """Cost per event is measured at each size from a fresh store and a fresh
read-model database. Neither is flat: both grow with the size of the SQLite files. Append: each
event updates B-tree indexes keyed by stream id (`UNIQUE (stream_id, stream_version)`, the
`streams` table) spread over up to 500,000 members, so past the page cache every append touches
pages at random. Rebuild: a py-spy sample of a 400k-event rebuild (taken while this suite was
built) puts the growth in SQLite itself — the read-model transaction's COMMIT (WAL pages copied
back by auto-checkpoints, 12 % of samples), and the UPDATE/INSERT of member-keyed rows (members,
member history, placements, badges: random keys); a 128 MiB page cache alone gained only 8 %.
What would close it: rebuild into a fresh file with bulk inserts and indexes created after the
load (then swap it in), far larger transactions during a rebuild, keys that cluster (time-ordered
ids), and the projections rebuilt in parallel processes, one read-model file each. Memory is
not the problem: a replay child stays near 80 MiB at every size (pages of 2,000 events), and an
append child grows only with the generator's per-stream version map (one entry a member).""",
}
