"""The notes read model's SQL, written out once per dialect."""

from .application import NotesSql

SQLITE = NotesSql(
    ddl="CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, text TEXT NOT NULL)",
    insert="INSERT INTO notes (id, text) VALUES (?, ?)",
    text_of="SELECT text FROM notes WHERE id = ?",
    applied_position="SELECT position FROM projection_checkpoints WHERE source = ?",
)
POSTGRES = NotesSql(
    ddl="CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, text TEXT NOT NULL)",
    insert="INSERT INTO notes (id, text) VALUES (%s, %s)",
    text_of="SELECT text FROM notes WHERE id = %s",
    applied_position="SELECT position FROM projection_checkpoints WHERE source = %s",
)
SQL = {"sqlite": SQLITE, "postgres": POSTGRES}
