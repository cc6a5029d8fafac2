"""The shared kit: envelope, aggregate base, event-store port and adapters, projections, metrics.

Nothing here knows about parties, members or meetings; services bring their own words.
"""
