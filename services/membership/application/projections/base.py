"""Membership's projections decode through the kit's DecodingProjection."""

from kit.projections.decoding import DecodingProjection, decode, decode_batch

__all__ = ["DecodingProjection", "decode", "decode_batch"]
