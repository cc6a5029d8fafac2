import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kit.codec import EventCodec
from kit.envelope import Actor, Envelope


class Colour(enum.StrEnum):
    RED = "red"


@dataclass(frozen=True)
class Inner:
    on: date
    note: str | None


@dataclass(frozen=True)
class Happened:
    thing_id: str
    colour: Colour
    inner: Inner
    items: tuple[Inner, ...]
    maybe: date | None = None


def codec() -> EventCodec:
    c = EventCodec()
    c.register("test.Happened", 2)(Happened)

    @c.upcaster("test.Happened", from_version=1)
    def _v1(data):
        data["colour"] = data.pop("color")
        return data

    return c


def test_an_event_round_trips_through_its_wire_form():
    c = codec()
    ev = Happened("t-1", Colour.RED, Inner(date(2025, 7, 1), "Đảng bộ"),
                  (Inner(date(2020, 1, 2), None),))
    name, version, data = c.encode(ev)
    assert (name, version) == ("test.Happened", 2)
    assert data["inner"] == {"on": "2025-07-01", "note": "Đảng bộ"}
    assert c.decode(name, version, data) == ev


def test_an_old_version_is_upcast_on_the_way_in():
    c = codec()
    old = {"thing_id": "t", "color": "red", "inner": {"on": "2020-01-01", "note": None},
           "items": []}
    assert c.decode("test.Happened", 1, old).colour is Colour.RED
    assert c.history() == {"test.Happened": [1, 2]}


def test_an_unknown_wire_name_is_not_guessed_from_python_paths():
    with pytest.raises(KeyError):
        codec().decode("tests.test_codec.Happened", 1, {})


def test_the_wire_name_is_the_literal_in_the_table_not_the_class_name():
    c = EventCodec([("test.SomethingHappened", 2, Happened)])
    assert c.encode(Happened("t", Colour.RED, Inner(date(2025, 1, 1), None), ()))[:2] == \
        ("test.SomethingHappened", 2)


def test_a_table_naming_one_wire_name_twice_is_refused():
    with pytest.raises(ValueError, match="wire name test.Happened is taken"):
        EventCodec([("test.Happened", 2, Happened), ("test.Happened", 1, Inner)])


def test_a_table_giving_one_class_two_wire_names_is_refused():
    with pytest.raises(ValueError, match="already has the wire name test.Happened"):
        EventCodec([("test.Happened", 2, Happened), ("test.AlsoHappened", 1, Happened)])


def test_the_envelope_round_trips_through_json():
    env = Envelope("e", "test.Happened", 1, "s-1", 3, 42, datetime(2026, 1, 1, tzinfo=UTC),
                   datetime(2026, 1, 1, 0, 0, 1, tzinfo=UTC), "NB", Actor("u", "viewer"), "c", "k",
                   "cmd", {"name": "Nguyễn Thị Ánh"})
    import json

    assert Envelope.from_wire(json.loads(env.to_json())) == env
    assert "Nguyễn" in env.to_json().decode()


@pytest.mark.parametrize("data", [{"name": "Nguyễn Thị Ánh", "n": [1, 2.5, None]},
                                  {"big": 2**70}],  # past 64 bits: orjson refuses it
                         ids=["plain", "big-int"])
@pytest.mark.parametrize("microsecond", [0, 1000, 123456])
def test_the_published_bytes_are_the_compact_wire_document(data, microsecond):
    """to_json is what integrators receive: exactly to_wire() as compact UTF-8 JSON, whichever
    constructor made the envelope and whatever the clock's fraction of a second."""
    import json

    from kit.envelope import actor_of, envelope

    occurred = datetime(2026, 1, 1, 7, 0, 0, microsecond, tzinfo=UTC)
    recorded = datetime(2026, 1, 1, 7, 0, 1, microsecond,
                        tzinfo=timezone(timedelta(hours=7)))
    made = [Envelope("e", "test.Happened", 1, "s-1", 3, 42, occurred, recorded, "NB",
                     Actor("u", "viewer"), "c", "k", "cmd", data),
            envelope(42, "e", "s-1", 3, "test.Happened", 1, occurred, recorded, "NB",
                     actor_of("u", "viewer"), "c", "k", "cmd", data)]
    expected = json.dumps(made[0].to_wire(), ensure_ascii=False, separators=(",", ":")).encode()
    assert [env.to_json() for env in made] == [expected, expected]


def test_generic_and_positional_results_round_trip_for_rpc():
    from typing import Generic, TypeVar

    T = TypeVar("T")

    @dataclass(frozen=True)
    class Box(Generic[T]):
        items: list[T]
        pairs: list[tuple[Inner, str]]

    box = Box([Inner(date(2025, 1, 1), "a")], [(Inner(date(2024, 1, 1), None), "official")])
    from kit.json_decode import from_jsonable
    from kit.json_encode import to_jsonable

    assert from_jsonable(Box[Inner], to_jsonable(box)) == box


@dataclass(frozen=True)
class Node:
    name: str
    children: tuple["Node", ...] = ()  # a class that contains itself
    colour: Colour | None = None


def test_a_recursive_class_with_defaults_and_nones_round_trips():
    from kit.json_decode import from_jsonable
    from kit.json_encode import to_jsonable

    tree = Node("root", (Node("a", (Node("b"),), Colour.RED), Node("c")))
    data = to_jsonable(tree)
    assert data["children"][0] == {"name": "a", "children": [{"name": "b", "children": [],
                                                             "colour": None}], "colour": "red"}
    assert from_jsonable(Node, data) == tree
    assert from_jsonable(Node, {"name": "leaf"}) == Node("leaf")  # missing: the default
    assert from_jsonable(Happened, {"thing_id": "t", "colour": "red", "inner": None,
                                    "items": [None]}).items == (None,)


def test_unreadable_input_fails_as_the_class_itself_would():
    from kit.json_decode import from_jsonable

    with pytest.raises(ValueError, match="is not a valid Colour"):
        from_jsonable(Colour, "blue")
    with pytest.raises(TypeError, match="expected a list, got str"):
        from_jsonable(tuple[Inner, ...], "abc")
    with pytest.raises(TypeError, match="thing_id"):
        from_jsonable(Happened, {"colour": "red", "inner": None, "items": []})
    with pytest.raises(ValueError, match="Invalid isoformat"):
        from_jsonable(Inner, {"on": "1/7/2025", "note": None})


@dataclass(frozen=True)
class Normalised:
    code: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", self.code.upper())


def test_a_class_with_post_init_is_still_built_through_its_init():
    from kit.json_decode import from_jsonable

    assert from_jsonable(Normalised, {"code": "nb"}).code == "NB"
    assert from_jsonable(Inner, {"on": "2025-07-01", "note": "x"}) == Inner(date(2025, 7, 1), "x")
    assert hash(from_jsonable(Inner, {"on": "2025-07-01", "note": "x"})) == \
        hash(Inner(date(2025, 7, 1), "x"))
