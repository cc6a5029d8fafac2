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
from datetime import date, datetime
from typing import Any

from kit.clock import SystemClock
from kit.dates import DateSpan
from kit.errors import InvalidInput
from kit.text import NameRule, name_problem, nfc

_NAMES = {date: "a date (YYYY-MM-DD)", str: "text", bool: "true or false", int: "a whole number"}


def _matches(tp: Any, value: Any, field: str, today: date | None) -> None:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        inner, *rules = typing.get_args(tp)
        _matches(inner, value, field, today)
        for rule in rules:
            problem = None
            if isinstance(rule, NameRule):
                problem = name_problem(" ".join(nfc(value).split()), numbered=rule.numbered)
            elif isinstance(rule, DateSpan):
                problem = rule.problem(value, today or SystemClock().today())
            if problem:
                raise InvalidInput(field, problem)
        return
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if value is None and type(None) in args:
            return
        errors = []
        for arg in (a for a in args if a is not type(None)):
            try:
                _matches(arg, value, field, today)
                return
            except InvalidInput as exc:
                errors.append(exc)
        raise errors[0] if errors else InvalidInput(field, "is required")
    if origin in (tuple, list):
        if not isinstance(value, tuple | list):
            raise InvalidInput(field, "must be a list")
        inner = (typing.get_args(tp) or (Any,))[0]
        for i, item in enumerate(value):
            _matches(inner, item, f"{field}[{i}]", today)
        return
    if dataclasses.is_dataclass(tp):
        if not isinstance(value, tp):
            raise InvalidInput(field, f"must be {tp.__name__}")
        # a nested record's fields are named as the domain names them (e.g. date_of_birth)
        check_fields(value, prefix=field.rpartition("[")[0] + "." if "[" in field else "",
                     today=today)
        return
    if tp is Any:
        return
    if tp is date:
        ok = isinstance(value, date) and not isinstance(value, datetime)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, tp)
    if not ok:
        raise InvalidInput(field, f"must be {_NAMES.get(tp, tp.__name__)}")


@functools.cache
def _hints(tp: type) -> dict[str, Any]:
    """A command class's resolved annotations (with their rules, e.g. a name's): costly to
    resolve, and they never change."""
    return typing.get_type_hints(tp, include_extras=True)


def check_fields(instance: Any, prefix: str = "", today: date | None = None) -> None:
    """`today` (the service's clock; the system's when not given) anchors spans of dates."""
    hints = _hints(type(instance))
    for f in dataclasses.fields(instance):
        _matches(hints[f.name], getattr(instance, f.name), prefix + f.name, today)
