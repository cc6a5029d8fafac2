"""The PostgreSQL adapters: event store, read-model database, checkpoints, NOTIFY wake-ups."""
