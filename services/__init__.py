"""The services of a province deployment, one folder each."""
