"""Pure membership domain: no I/O, no clock, no framework."""
