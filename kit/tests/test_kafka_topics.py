"""Topics are made with one partition, and one found with more is refused before anything is
relayed or consumed: order and positions hold within one partition only."""

from __future__ import annotations

import pytest

from kit.kafka.clients import ensure_topics, one_partition_each
from kit.testing.leftovers import new_tag, remove


def test_a_topic_found_with_more_than_one_partition_is_refused(kafka_bootstrap):
    from kafka import KafkaAdminClient
    from kafka.admin import NewTopic

    one, two = f"{new_tag()}.events", f"{new_tag()}.events"
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    try:
        admin.create_topics([NewTopic(two, num_partitions=2, replication_factor=1)])
        ensure_topics(kafka_bootstrap, [one])  # made here: one partition
        assert len(admin.describe_topics([one])[0]["partitions"]) == 1
        with pytest.raises(ValueError, match=f"topic {two} has 2 partitions"):
            ensure_topics(kafka_bootstrap, [one, two])
    finally:
        admin.close()
        remove(kafka=kafka_bootstrap, topics=[one, two])


def test_new_topics_take_the_replication_factor_asked_for_and_the_cluster_refuses_too_many(
        kafka_bootstrap):
    """The local cluster has one broker: two copies cannot be placed, and asking for them is
    refused rather than quietly made with one (the factor was fixed at 1 before)."""
    from kafka import KafkaAdminClient
    from kafka.errors import InvalidReplicationFactorError

    default, two = f"{new_tag()}.events", f"{new_tag()}.events"
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    try:
        ensure_topics(kafka_bootstrap, [default])  # the cluster's default.replication.factor
        [found] = admin.describe_topics([default])
        assert [len(p["replica_nodes"]) for p in found["partitions"]] == [1]
        with pytest.raises(InvalidReplicationFactorError):
            ensure_topics(kafka_bootstrap, [two], replication_factor=2)
        assert two not in admin.list_topics()
    finally:
        admin.close()
        remove(kafka=kafka_bootstrap, topics=[default, two])


def described(*answers):
    """describe_topics as a broker answers while a new topic's metadata spreads: each call the
    next answer."""
    calls = iter(answers)
    return lambda: next(calls)


def topic(name, partitions, error_code=0):
    return {"name": name, "error_code": error_code, "partitions": [{}] * partitions}


def test_a_topic_described_without_its_partition_yet_is_asked_for_again():
    naps = []
    one_partition_each(described([topic("a", 1), topic("b", 0, error_code=3)],
                                 [topic("a", 1), topic("b", 0)],
                                 [topic("a", 1), topic("b", 1)]),
                       ["a", "b"], sleep=naps.append)
    assert len(naps) == 2


def test_a_topic_still_without_a_partition_after_the_timeout_is_a_typed_error():
    from kafka.errors import KafkaTimeoutError

    with pytest.raises(KafkaTimeoutError, match="topics b still have no partition"):
        one_partition_each(lambda: [topic("a", 1), topic("b", 0)], ["a", "b"], timeout_s=0,
                           sleep=lambda _: None)


def test_more_than_one_partition_is_refused_at_once_even_beside_a_topic_not_ready():
    with pytest.raises(ValueError, match="topic c has 3 partitions"):
        one_partition_each(lambda: [topic("b", 0), topic("c", 3)], ["b", "c"],
                           sleep=lambda _: pytest.fail("refused without waiting"))


def test_a_topic_left_out_of_the_answer_is_asked_for_again():
    naps = []
    one_partition_each(described([topic("a", 1)], [topic("a", 1), topic("b", 1)]), ["a", "b"],
                       sleep=naps.append)
    assert len(naps) == 1


def test_an_error_other_than_not_there_yet_is_raised_at_once():
    from kafka.errors import TopicAuthorizationFailedError

    with pytest.raises(TopicAuthorizationFailedError, match="describing topic b"):
        one_partition_each(lambda: [topic("a", 1), topic("b", 0, error_code=29)], ["a", "b"],
                           sleep=lambda _: pytest.fail("raised without waiting"))
