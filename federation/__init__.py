"""The federation gateway: one GraphQL layer over independent province deployments.

Each province keeps its own store, read models, topics, keys and gateway; the federation holds
none of their data. It serves the province gateways' published schema (contracts/graphql/) plus
what only a federation answers (schema.py), sends each province the part of a document meant
for it (planning.py, documents.py, ids.py), concurrently, each with a timeout and a circuit
breaker (provinces.py, breaker.py), and merges the answers (merge.py, gateway.py); its own
fields run over those answers (native.py, health.py, audit.py). Tokens: access.py. It imports
no service and no part of the province gateway: it speaks to provinces over HTTP, or
in-process to their ASGI apps (partyorg/federated.py composes it, and serves it alone:
`python -m partyorg.federated`).
"""
