"""Entry points: one module per process of the distributed topology (`python -m ...`)."""
