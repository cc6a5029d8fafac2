"""Adapters that keep everything in memory: for fast tests, never for data that must last."""
