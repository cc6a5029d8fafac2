"""The relay's partitioner places a key where kafka-python's would, hashing only when it must."""

from kafka.partitioner.default import DefaultPartitioner

from kit.kafka.publisher import KeyHashPartitioner


class Cluster:
    def __init__(self, partitions: set[int]) -> None:
        self.partitions = partitions

    def topics(self):
        return {"t"}

    def partitions_for_topic(self, topic):
        return set(self.partitions)

    def available_partitions_for_topic(self, topic):
        return set(self.partitions)


def test_a_key_goes_to_the_partition_kafka_python_would_choose():
    ours, theirs = KeyHashPartitioner(), DefaultPartitioner()
    for partitions in ({0}, {3}, {0, 1, 2}, set(range(12))):
        cluster = Cluster(partitions)
        for i in range(200):
            key = f"member-{i}".encode()
            assert ours.partition("t", key, key, b"v", b"v", cluster) == \
                theirs.partition("t", key, key, b"v", b"v", cluster)
