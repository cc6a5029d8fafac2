"""The people read model's SQL, written out once per dialect."""

from .application import PeopleSql

DDL = ("CREATE TABLE IF NOT EXISTS people (id TEXT PRIMARY KEY, full_name TEXT, "
       "birth_date TEXT, branch TEXT NOT NULL, forgotten INTEGER NOT NULL DEFAULT 0)")
SQLITE = PeopleSql(
    ddl=DDL,
    register="INSERT INTO people (id, full_name, birth_date, branch) VALUES (?, ?, ?, ?)",
    rename="UPDATE people SET full_name = ? WHERE id = ?",
    forget="UPDATE people SET full_name = NULL, birth_date = NULL, forgotten = 1 WHERE id = ?",
    person="SELECT full_name, birth_date, branch, forgotten FROM people WHERE id = ?",
)
POSTGRES = PeopleSql(**{k: v.replace("?", "%s") for k, v in SQLITE.__dict__.items()})
SQL = {"sqlite": SQLITE, "postgres": POSTGRES}
