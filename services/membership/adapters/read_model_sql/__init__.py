"""Membership's read-model statements, written out once per SQL dialect, by the dialect the
read-model database names (`db.dialect`)."""

from .postgres import POSTGRES
from .sqlite import SQLITE

SQL = {"sqlite": SQLITE, "postgres": POSTGRES}
