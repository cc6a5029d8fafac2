"""What the SQL adapters (SQLite, PostgreSQL) share: group commit, bulk read-model rows and the
projection runner's tables."""
