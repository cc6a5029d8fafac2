"""Membership's projections decode through the kit's DecodingProjection."""

from partyorg.kit.projection import DecodingProjection, decode

__all__ = ["DecodingProjection", "decode"]
