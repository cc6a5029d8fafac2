"""The benchmark suite (issue 5): `python -m partyorg.bench` writes docs/benchmarks.md and .json."""
