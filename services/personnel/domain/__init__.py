"""Personnel's domain: pure, no I/O."""
