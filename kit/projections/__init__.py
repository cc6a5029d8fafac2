"""Projections: the checkpointed runner, decoding projections, the embedded catch-up thread and the distributed worker."""
