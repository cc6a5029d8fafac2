"""Where the real servers are: deploy/local/up.sh writes their addresses to var/local-env.sh.

A missing address skips the test locally, naming the script that starts the server; under CI
it fails, because there a server that did not start is an error, not a reason to skip.
"""

import os
import warnings

import pytest

# kafka-python 3.0.12 loads its protocol schemas with the legacy importlib.resources API: at
# import (during collection, which this covers) and again at run time (the ini lines below).
LEGACY_RESOURCE_WARNINGS = ("read_text is deprecated", "open_text is deprecated")
for message in LEGACY_RESOURCE_WARNINGS:
    warnings.filterwarnings("ignore", message=message, category=DeprecationWarning)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "infra: needs a real server started by deploy/local/ (PostgreSQL, Kafka, ...)"
    )
    for message in LEGACY_RESOURCE_WARNINGS:
        config.addinivalue_line("filterwarnings", f"ignore:{message}:DeprecationWarning")


def server_address(variable: str, script: str) -> str:
    value = os.environ.get(variable, "").strip()
    if value:
        return value
    reason = (
        f"{variable} is not set: start the server with `deploy/local/{script} up` "
        f"(or `deploy/local/up.sh`) and `source var/local-env.sh`"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def pg_dsn() -> str:
    return server_address("PARTYORG_PG_DSN", "postgres.sh")


@pytest.fixture
def amqp_uri() -> str:
    return server_address("PARTYORG_AMQP_URI", "rabbitmq.sh")


@pytest.fixture
def kafka_bootstrap() -> str:
    return server_address("PARTYORG_KAFKA_BOOTSTRAP", "kafka.sh")


@pytest.fixture
def prometheus_url() -> str:
    return server_address("PARTYORG_PROMETHEUS_URL", "prometheus.sh")
