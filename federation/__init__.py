"""The federation gateway: one GraphQL layer over independent province deployments.

Each province keeps its own store, read models, topics, keys and gateway; the federation holds
none of their data. It serves the province gateways' published schema (contracts/graphql/) plus
what only a federation answers (schema.py), sends each province the part of a document meant
for it, concurrently, and merges the answers (gateway.py). It imports no service and no part of
the province gateway: it speaks to provinces over HTTP, or in-process to their ASGI apps.
"""
