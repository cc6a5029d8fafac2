"""The distributed processes' settings: how many copies of each topic they ask Kafka for."""

from __future__ import annotations

import pytest

from partyorg.distributed import Settings
from partyorg.services import MEMBERSHIP


def test_unset_the_topics_take_the_kafka_clusters_own_replication_factor():
    assert Settings.for_service(MEMBERSHIP, {}).kafka_replication_factor == -1


def test_a_replication_factor_given_is_the_one_asked_for():
    env = {"PARTYORG_KAFKA_REPLICATION_FACTOR": " 3 "}
    assert Settings.for_service(MEMBERSHIP, env).kafka_replication_factor == 3


@pytest.mark.parametrize("bad", ["0", "-1", "three", "2.5"])
def test_a_replication_factor_that_is_not_a_count_is_refused_by_name(bad):
    with pytest.raises(ValueError, match=f"PARTYORG_KAFKA_REPLICATION_FACTOR .*'{bad}'"):
        Settings.for_service(MEMBERSHIP, {"PARTYORG_KAFKA_REPLICATION_FACTOR": bad})
