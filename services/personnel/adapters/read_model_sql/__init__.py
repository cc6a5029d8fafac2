"""Personnel's read-model SQL by dialect (`db.dialect`)."""

from .postgres import POSTGRES
from .sqlite import SQLITE

SQL = {"sqlite": SQLITE, "postgres": POSTGRES}
