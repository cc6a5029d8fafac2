"""A plain selection's plan (plain_fields.py) made into one Python function that reads and
completes each of its fields, as dataclasses makes its `__init__`: the loop over the plan, a
call for each field and graphql-core's coercion of each leaf were most of what a commune's
subtree or a branch's member page spent completing its objects.

A plan is a tuple of (response key, attribute, non-null, kind, how) with `how` a leaf type's
`coerce_output_value`, an object's walk (the function made here) or a list item's completion.
What the function does is what `complete` does field by field: a value that is not plainly its
type's raises, and the caller completes the object graphql-core's way instead.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from graphql import GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLString, Undefined

LEAF, OBJECT, LIST, TYPENAME = range(4)

Walk = Callable[[Any], dict[str, Any]]


class NotPlain(Exception):  # noqa: N818 - a signal, caught by the caller: graphql-core's way
    pass


def complete(value: Any, non_null: bool, kind: int, how: Any) -> Any:
    """One value of a plain selection completed, or NotPlain."""
    if value is None:
        if non_null:
            raise NotPlain
        return None
    if value is Undefined or isinstance(value, Exception):
        raise NotPlain
    if kind == LEAF:
        coerced = how(value)
        if coerced is None or coerced is Undefined:
            raise NotPlain
        return coerced
    if kind == OBJECT:
        return how(value)
    if not isinstance(value, list | tuple):  # graphql-core's own way takes any iterable
        raise NotPlain
    return [complete(item, *how) for item in value]


# a leaf value these built-in scalars give back as it is, checked without a call: a str for
# String and ID, a bool for Boolean, an int within 32 bits for Int (what their coercion returns
# unchanged); any other value goes through the scalar's own coercion
_AS_IS = {GraphQLString.coerce_output_value: "type({v}) is str",
          GraphQLID.coerce_output_value: "type({v}) is str",
          GraphQLBoolean.coerce_output_value: "type({v}) is bool",
          GraphQLInt.coerce_output_value: "type({v}) is int and -2147483648 <= {v} <= 2147483647"}


def walk_of(plan: tuple[Any, ...]) -> Walk:
    """The function completing an object of this plan: {response key: completed value}. Made
    once for equal plans (a document with directives is planned at each execution), unless a
    scalar's coercion cannot be a key (not hashable): then made each time."""
    try:
        return _kept_walk(plan)
    except TypeError:  # unhashable: nothing in the plan is called while the walk is made
        return _made_walk(plan)


def _as_is(coerce: Any) -> str | None:
    try:
        return _AS_IS.get(coerce)
    except TypeError:  # not hashable: none of the built-in scalars'
        return None


@lru_cache(maxsize=4096)
def _kept_walk(plan: tuple[Any, ...]) -> Walk:
    return _made_walk(plan)


def _made_walk(plan: tuple[Any, ...]) -> Walk:
    names: dict[str, Any] = {"complete": complete}
    lines, entries = [], []
    for i, (key, attribute, non_null, kind, how) in enumerate(plan):
        names[f"K{i}"] = key  # response keys and attributes are data, never code
        if kind == TYPENAME:
            names[f"T{i}"] = how
            entries.append(f"K{i}: T{i}")
            continue
        entries.append(f"K{i}: v{i}")
        read = (f"src.{attribute}" if attribute.isidentifier() and not keyword.iskeyword(attribute)
                else f"getattr(src, A{i})")
        names[f"A{i}"], names[f"H{i}"] = attribute, how
        lines.append(f"    v{i} = {read}")
        as_is = _as_is(how) if kind == LEAF else None
        slow = f"complete(v{i}, {non_null!r}, {kind}, H{i})"
        lines.append(f"    if not ({as_is.format(v=f'v{i}')}): v{i} = {slow}" if as_is
                     else f"    v{i} = {slow}")
    source = "def walk(src):\n" + "".join(f"{line}\n" for line in lines) + \
        "    return {" + ", ".join(entries) + "}\n"
    exec(compile(source, "<plain walk>", "exec"), names)  # noqa: S102 - made from the plan alone
    return names["walk"]
