"""Personnel's read models for PostgreSQL: SQLite's statements with its placeholder."""

from __future__ import annotations

from ...application.read_model_sql import with_placeholder
from .sqlite import SQLITE

POSTGRES = with_placeholder(SQLITE, "%s")
