"""The benchmark suite (issue 5): `python -m bench` writes docs/benchmarks.md and .json."""
