"""The SQLite adapters: event store, read-model database, checkpoints."""
