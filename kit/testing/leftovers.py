"""What a test run makes on the shared servers — Kafka topics and consumer groups, RabbitMQ queues,
PostgreSQL schemas — carries the run's prefix, is removed by the test that made it, and is looked
for at the end of the run (the repository's conftest.py): anything left with the prefix fails the
run, and is removed then.

    tag = new_tag()        # e.g. 't3f9a2c1b_4d5e6f', in every name one fixture makes
    remove(kafka=bootstrap, topics=[...], groups=[...], amqp_uri=uri, queues=[...],
           pg_dsn=dsn, schemas=[...])

The prefix is PARTYORG_TEST_RUN's value (made once per run, inherited by the processes the tests
start), so two runs on one machine never see, or remove, each other's names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterable

RUN = "PARTYORG_TEST_RUN"
SERVERS = ("PARTYORG_KAFKA_BOOTSTRAP", "PARTYORG_AMQP_URI", "PARTYORG_PG_DSN")


def run_prefix() -> str:
    """The prefix of this run's names; the first call of a run makes it."""
    run = os.environ.get(RUN) or os.environ.setdefault(RUN, uuid.uuid4().hex[:8])
    return f"t{run}"


def new_tag() -> str:
    """A name part for what one fixture or test makes: lowercase letters, digits and one
    underscore, so it fits a topic, a group, a queue and a PostgreSQL schema alike."""
    return f"{run_prefix()}_{uuid.uuid4().hex[:6]}"


def remove(*, kafka: str | None = None, topics: Iterable[str] = (), groups: Iterable[str] = (),
           amqp_uri: str | None = None, queues: Iterable[str] = (), pg_dsn: str | None = None,
           schemas: Iterable[str] = (), timeout: float = 60) -> None:
    """Remove what is named, where it exists. A consumer group is removed once its last member
    left (a member killed without leaving is dropped by the broker after its session timeout)."""
    schemas, queues, topics, groups = list(schemas), list(queues), list(topics), list(groups)
    if pg_dsn and schemas:
        import psycopg

        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    if amqp_uri and queues:
        from kombu import Connection

        with Connection(amqp_uri) as conn:
            channel = conn.channel()
            for queue in queues:
                channel.queue_delete(queue)  # RabbitMQ: deleting a missing queue is fine
    if kafka and (topics or groups):
        _remove_from_kafka(kafka, topics, groups, timeout)


def remove_service(env: dict[str, str], service: str) -> None:
    """What a service's distributed processes made under the names `env` gives them (the
    PARTYORG_<SERVICE>_* settings, partyorg.distributed): its schemas, RPC queue, topic and
    dead-letter topic, and consumer group."""
    def own(setting: str) -> str:
        return env[f"PARTYORG_{service.upper()}_{setting}"]

    remove(pg_dsn=env["PARTYORG_PG_DSN"], schemas=[own("STORE_SCHEMA"), own("READ_SCHEMA")],
           amqp_uri=env["PARTYORG_AMQP_URI"], queues=[f"rpc-{own('RPC_NAME')}"],
           kafka=env["PARTYORG_KAFKA_BOOTSTRAP"], topics=[own("TOPIC"), f"{own('TOPIC')}.dlq"],
           groups=[own("PROJECTION_GROUP")])


def _remove_from_kafka(bootstrap: str, topics: list[str], groups: list[str],
                       timeout: float) -> None:
    from kafka import KafkaAdminClient

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    try:
        existing = set(admin.list_topics())
        if gone := [t for t in topics if t in existing]:
            admin.delete_topics(gone, raise_errors=False)
        deadline = time.monotonic() + timeout
        while groups:
            errors = admin.delete_groups(groups)
            groups = [g for g, error in errors.items()
                      if error not in (None, "NoError", "GroupIdNotFoundError")]
            if groups and time.monotonic() > deadline:
                raise RuntimeError(f"consumer groups not removed: {errors}")
            if groups:
                time.sleep(1)
    finally:
        admin.close()


def leftovers(prefix: str | None = None, env: dict[str, str] | None = None) -> dict[str, list]:
    """What exists with the prefix (this run's by default), by kind, on the servers `env` (the
    environment's by default) names; a server not named is not looked at."""
    prefix = prefix or run_prefix()
    env = dict(os.environ if env is None else env)
    found: dict[str, list[str]] = {}
    if env.get("PARTYORG_KAFKA_BOOTSTRAP"):
        from kafka import KafkaAdminClient

        admin = KafkaAdminClient(bootstrap_servers=env["PARTYORG_KAFKA_BOOTSTRAP"],
                                 request_timeout_ms=10_000)
        try:
            found["topics"] = sorted(t for t in admin.list_topics() if prefix in t)
            found["groups"] = sorted(g["group_id"] for g in admin.list_groups()
                                     if prefix in g["group_id"])
        finally:
            admin.close()
    if env.get("PARTYORG_AMQP_URI") and shutil.which("rabbitmqctl"):
        # AMQP cannot list queues and no management plugin runs: ask the local node
        listing = subprocess.run(["rabbitmqctl", "-q", "list_queues", "name",
                                  "--no-table-headers"], capture_output=True, text=True,
                                 timeout=60)
        if listing.returncode == 0:
            found["queues"] = sorted(q for q in listing.stdout.split() if prefix in q)
    if env.get("PARTYORG_PG_DSN"):
        import psycopg

        with psycopg.connect(env["PARTYORG_PG_DSN"]) as conn:
            found["schemas"] = sorted(row[0] for row in conn.execute(
                "SELECT nspname FROM pg_namespace WHERE strpos(nspname, %s) > 0", (prefix,)))
    return {kind: names for kind, names in found.items() if names}


def check_the_run(settle: float = 10) -> dict[str, list]:
    """At the end of a run: what it left on the servers (looked at again for up to `settle`
    seconds, while a deletion just asked for completes), each then removed. {} when no server
    is configured."""
    if not any(os.environ.get(name) for name in SERVERS):
        return {}
    deadline = time.monotonic() + settle
    left = leftovers()
    while left and time.monotonic() < deadline:
        time.sleep(1)
        left = leftovers()
    if left:
        remove(kafka=os.environ.get("PARTYORG_KAFKA_BOOTSTRAP"), topics=left.get("topics", ()),
               groups=left.get("groups", ()), amqp_uri=os.environ.get("PARTYORG_AMQP_URI"),
               queues=left.get("queues", ()), pg_dsn=os.environ.get("PARTYORG_PG_DSN"),
               schemas=left.get("schemas", ()))
    return left
