"""A plain selection is completed by one function made from its plan, and a list of plain items a
resolver returns in one pass: the answers, errors and all, are the ones strawberry gives."""

from __future__ import annotations

import enum
from types import SimpleNamespace

import pytest
import strawberry
from graphql.execution.executor import Executor

from gateway.plain_walk import LEAF, OBJECT, TYPENAME, NotPlain, walk_of
from gateway.tests.test_plain_fields import UNITS, UnitQuery, _reading_plainly


class Name(str):
    """Text that is not exactly a str: its scalar's own coercion decides."""


@strawberry.enum
class Level(enum.IntEnum):
    LOW = 1


@strawberry.type
class Scalars:
    text: str | None
    number: int | None
    flag: bool | None
    key: strawberry.ID | None
    rank: float | None


@strawberry.type
class ScalarQuery:
    @strawberry.field
    def rows(self) -> list[Scalars | None]:  # a failing row nulls itself only
        return [SimpleNamespace(text="Đảng bộ xã", number=7, flag=True, key="a-1", rank=1.5),
                SimpleNamespace(text=Name("Chi bộ"), number=True, flag=1, key=42, rank=2),
                SimpleNamespace(text=3, number=Level.LOW, flag=0.0, key="b", rank=None),
                SimpleNamespace(text=None, number=2**31, flag=None, key=None, rank=None),
                SimpleNamespace(text="x", number=-(2**31) - 1, flag=False, key="c", rank=0.0),
                SimpleNamespace(text="y", number=1.0, flag=True, key=1.5, rank=1.0),
                SimpleNamespace(text="z", number="12", flag=True, key="d", rank=1.0),
                SimpleNamespace(text=[1], number=1, flag="yes", key=None, rank=None)]

    @strawberry.field
    def names(self) -> list[str]:
        return ["An", Name("Bình"), "Chi"]


SCALARS = "{ rows { __typename text number flag key rank } names }"


def test_values_the_built_in_scalars_coerce_are_answered_as_strawberry_answers_them():
    fast = _reading_plainly(ScalarQuery)
    as_is = strawberry.Schema(query=ScalarQuery)

    ours, theirs = fast.execute_sync(SCALARS), as_is.execute_sync(SCALARS)

    assert ours.data == theirs.data
    assert [(e.message, e.path) for e in ours.errors] == \
        [(e.message, e.path) for e in theirs.errors]
    assert ours.data["rows"][0] == {"__typename": "Scalars", "text": "Đảng bộ xã", "number": 7,
                                    "flag": True, "key": "a-1", "rank": 1.5}
    assert ours.data["rows"][1] == {"__typename": "Scalars", "text": "Chi bộ", "number": 1,
                                    "flag": True, "key": "42", "rank": 2.0}
    assert ours.data["rows"][3]["number"] is None and ours.data["rows"][4]["number"] is None
    assert len(ours.errors) == 5  # the values the scalars refuse: each nulls its own field
    assert ours.data["names"] == ["An", "Bình", "Chi"]


def _list_items_the_engine_completes(monkeypatch) -> list[object]:
    engine = Executor.complete_list_item_value
    items: list[object] = []

    def counted(self, item, *rest):
        items.append(item)
        return engine(self, item, *rest)

    monkeypatch.setattr(Executor, "complete_list_item_value", counted)
    return items


def test_a_list_of_plain_items_is_completed_in_one_pass_and_a_failing_one_goes_the_engines_way(
        monkeypatch):
    fast = _reading_plainly(UnitQuery)
    by_engine = _list_items_the_engine_completes(monkeypatch)

    fine = fast.execute_sync("{ units { name } }")  # every unit has a name: no item fails
    assert not fine.errors and len(fine.data["units"]) == 9 and by_engine == []

    failing = fast.execute_sync(UNITS, variable_values={"skip": False})
    assert failing.errors and len(by_engine) >= 9  # the whole list, item by item


def test_a_streamed_list_goes_graphql_cores_way(monkeypatch):
    fast = _reading_plainly(UnitQuery, config=strawberry.schema.config.StrawberryConfig(
        enable_experimental_incremental_execution=True))
    by_engine = _list_items_the_engine_completes(monkeypatch)

    fast.execute_sync("{ units { name } }")
    assert by_engine == []
    fast.execute_sync("{ units @stream(initialCount: 20) { name } }")
    assert len(by_engine) == 9


def test_a_walk_reads_attributes_that_are_not_python_names_and_keeps_keys_as_data():
    coerce = strawberry.Schema(query=ScalarQuery)._schema.type_map["String"].coerce_output_value
    plan = (("a", "class", True, LEAF, coerce),  # a keyword: read with getattr
            ("b\"}; import os #", "odd name", False, LEAF, coerce),
            ("kind", "", False, TYPENAME, "Thing"))
    walk = walk_of(plan)

    source = SimpleNamespace(**{"class": "lớp", "odd name": None})
    assert walk(source) == {"a": "lớp", "b\"}; import os #": None, "kind": "Thing"}
    with pytest.raises(NotPlain):  # a null in a non-null field
        walk(SimpleNamespace(**{"class": None, "odd name": "x"}))


def test_the_same_plan_makes_the_same_walk_once():
    coerce = strawberry.Schema(query=ScalarQuery)._schema.type_map["Int"].coerce_output_value
    inner = walk_of((("n", "n", True, LEAF, coerce),))
    plan = (("inner", "inner", False, OBJECT, inner),)

    assert walk_of(plan) is walk_of(tuple(plan))
    assert walk_of(plan)(SimpleNamespace(inner=SimpleNamespace(n=3))) == {"inner": {"n": 3}}


class _Coercion:
    """A scalar's coercion that cannot be a dict key (no hash), as a custom scalar's may be."""

    __hash__ = None  # type: ignore[assignment]

    def __call__(self, value: object) -> str:
        return f"<{value}>"


def test_a_plan_whose_coercion_cannot_be_a_key_still_makes_its_walk():
    walk = walk_of((("n", "n", True, LEAF, _Coercion()),))

    assert walk(SimpleNamespace(n=3)) == {"n": "<3>"}
