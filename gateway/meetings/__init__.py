"""The meetings part of the schema: types, queries, mutations."""
