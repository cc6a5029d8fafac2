"""The KurrentDB event-store adapter (kurrentdbclient)."""
