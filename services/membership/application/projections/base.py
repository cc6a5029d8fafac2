"""Membership's projections decode through the kit's DecodingProjection."""

from partyorg.kit.projection import DecodingProjection, decode, decode_batch

__all__ = ["DecodingProjection", "decode", "decode_batch"]
