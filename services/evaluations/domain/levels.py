"""The four levels of quality (mức chất lượng), best first. The level's rules live in the rule
book (domain/rules.py); this module only names them."""

from __future__ import annotations

import enum


class Level(enum.StrEnum):
    EXCELLENT = "htxs"  # hoàn thành xuất sắc nhiệm vụ
    GOOD = "htt"  # hoàn thành tốt nhiệm vụ
    COMPLETED = "ht"  # hoàn thành nhiệm vụ
    FAILED = "kht"  # không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        """3 for HTXS down to 0 for KHT: a higher rank is a better level."""
        return 3 - list(Level).index(self)

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank
