"""Check a command's fields against its annotations before any handler sees it: their types, and
the rules annotated on them (`Annotated[str, kit.text.NAME]`: a name's characters;
`Annotated[date, kit.dates.PARTY_DATE]`: the span a date may lie in, counted from `today`).

Callers other than GraphQL (RPC, scripts) can send a string where a date belongs; that must be a
typed InvalidInput naming the field, never a TypeError deep in a decision.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from kit.clock import SystemClock
from kit.dates import DateSpan
from kit.errors import InvalidInput
from kit.text import NameRule, name_problem, nfc

_NAMES = {date: "a date (YYYY-MM-DD)", str: "text", bool: "true or false", int: "a whole number"}


Check = Callable[[Any, str, "date | None"], None]  # (value, field, today): raises InvalidInput


def _checker(tp: Any) -> Check:
    """The check of a value against annotation `tp`, worked out once per command class: asking
    `typing` what an annotation is on every command was ~5 % of a command's interpreter time."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        inner_type, *rules = typing.get_args(tp)
        inner = _checker(inner_type)

        def annotated(value: Any, field: str, today: date | None) -> None:
            inner(value, field, today)
            for rule in rules:
                problem = None
                if isinstance(rule, NameRule):
                    problem = name_problem(" ".join(nfc(value).split()), numbered=rule.numbered)
                elif isinstance(rule, DateSpan):
                    problem = rule.problem(value, today or SystemClock().today())
                if problem:
                    raise InvalidInput(field, problem)
        return annotated
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        optional = type(None) in args
        choices = [_checker(a) for a in args if a is not type(None)]

        def union(value: Any, field: str, today: date | None) -> None:
            if value is None and optional:
                return
            errors = []
            for choice in choices:
                try:
                    choice(value, field, today)
                    return
                except InvalidInput as exc:
                    errors.append(exc)
            raise errors[0] if errors else InvalidInput(field, "is required")
        return union
    if origin in (tuple, list):
        item = _checker((typing.get_args(tp) or (Any,))[0])

        def sequence(value: Any, field: str, today: date | None) -> None:
            if not isinstance(value, tuple | list):
                raise InvalidInput(field, "must be a list")
            for i, each in enumerate(value):
                item(each, f"{field}[{i}]", today)
        return sequence
    if dataclasses.is_dataclass(tp):
        def record(value: Any, field: str, today: date | None) -> None:
            if not isinstance(value, tp):
                raise InvalidInput(field, f"must be {tp.__name__}")
            # a nested record's fields are named as the domain names them (e.g. date_of_birth)
            check_fields(value, prefix=field.rpartition("[")[0] + "." if "[" in field else "",
                         today=today)
        return record
    if tp is Any:
        return _anything
    if tp is date:
        def is_a(value: Any) -> bool:
            return isinstance(value, date) and not isinstance(value, datetime)
    elif tp is int:
        def is_a(value: Any) -> bool:
            return isinstance(value, int) and not isinstance(value, bool)
    else:
        def is_a(value: Any) -> bool:
            return isinstance(value, tp)
    wanted = f"must be {_NAMES.get(tp, getattr(tp, '__name__', str(tp)))}"

    def plain(value: Any, field: str, today: date | None) -> None:
        if not is_a(value):
            raise InvalidInput(field, wanted)
    return plain


def _anything(value: Any, field: str, today: date | None) -> None:
    return None


@functools.cache
def _checks(cls: type) -> tuple[tuple[str, Check], ...]:
    """A record class's fields, each with the check of its resolved annotation (rules and all):
    costly to resolve, and they never change."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple((f.name, _checker(hints[f.name])) for f in dataclasses.fields(cls))


def check_fields(instance: Any, prefix: str = "", today: date | None = None) -> None:
    """`today` (the service's clock; the system's when not given) anchors spans of dates."""
    for name, check in _checks(type(instance)):
        check(getattr(instance, name), prefix + name, today)
