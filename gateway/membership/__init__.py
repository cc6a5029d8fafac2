"""The membership part of the schema: types, queries, mutations."""
