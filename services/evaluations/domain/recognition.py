"""TSVM: "trong sạch, vững mạnh" tiêu biểu, only for an organisation rated HTXS in the year, and
"TSVM 5 năm liền" when its run of HTXS years, computed from its history, reaches the rule
book's length [S32]."""

from __future__ import annotations

from collections.abc import Mapping

from kit.rules import RuleSet

from .levels import Level

__all__ = ["TSVM_RULE", "check_may_recognise", "five_years_running", "may_recognise", "tsvm_run"]

TSVM_RULE = "tsvm.requires_level"


def tsvm_run(history: Mapping[int, Level], year: int, rules: RuleSet | None = None) -> int:
    """How many years running, ending with `year`, the organisation was rated at the level TSVM
    requires (HTXS): 0 when `year` itself is not; a year with no decided level breaks the run."""
    required = Level(rules[TSVM_RULE]) if rules is not None else Level.EXCELLENT
    run = 0
    while history.get(year - run) is not None and history[year - run] >= required:
        run += 1
    return run


def may_recognise(level: Level | None, rules: RuleSet) -> bool:
    """Whether an organisation decided at `level` for the year may be named TSVM tiêu biểu."""
    return level is not None and level >= Level(rules[TSVM_RULE])


def check_may_recognise(level: Level | None, rules: RuleSet) -> None:
    """Refuse recognising an organisation not rated HTXS for the year (RuleViolated)."""
    if not may_recognise(level, rules):
        rated = level.label if level is not None else "not classified"
        raise rules.refuse(TSVM_RULE, f"only an organisation rated "
                                      f"{Level(rules[TSVM_RULE]).label} for the year may be "
                                      f"recognised TSVM; it is {rated}")


def five_years_running(run: int, rules: RuleSet) -> bool:
    """Whether a run of HTXS years earns "TSVM 5 năm liền"."""
    return run >= rules["tsvm.years_running"]
