"""The evaluations read models' SQL, written out once per dialect: a read-model database names
its dialect (`db.dialect`), the declaration hands the projections and queries its set."""

from .postgres import POSTGRES
from .sqlite import SQLITE

SQL = {"sqlite": SQLITE, "postgres": POSTGRES}
