"""What the SQL adapters (SQLite, PostgreSQL) share: group commit and bulk read-model rows."""
