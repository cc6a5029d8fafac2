"""Versioned rule sets with effective dates: every threshold is data, and decisions name the version."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from kit.errors import RuleViolated


@dataclass(frozen=True)
class RuleSet:
    """One version of the rules, in force from `effective_from` until the next version starts."""

    version: str
    effective_from: date
    source: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def refuse(self, rule: str, message: str) -> RuleViolated:
        return RuleViolated(rule=rule, rule_version=self.version, message=message)

    def require(self, condition: bool, rule: str, message: str) -> None:
        if not condition:
            raise self.refuse(rule, message)


class RuleBook:
    def __init__(self, versions: Sequence[RuleSet]) -> None:
        if not versions:
            raise ValueError("a rule book needs at least one version")
        self.versions = sorted(versions, key=lambda v: v.effective_from)

    def in_force(self, on: date) -> RuleSet:
        """The version in force on a date; before the first version, the first one applies."""
        current = self.versions[0]
        for version in self.versions:
            if version.effective_from <= on:
                current = version
        return current
