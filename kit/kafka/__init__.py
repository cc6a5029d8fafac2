"""The Kafka adapters: publisher, event source, dead letters, topics."""
