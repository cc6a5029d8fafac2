"""Plain fields (an attribute of the object, no resolver of their own) are read in one call;
fields with a resolver keep strawberry's, and the answers are the ones strawberry gives."""

from __future__ import annotations

import asyncio
import enum
import functools
from types import SimpleNamespace
from typing import NewType

import strawberry
from graphql import GraphQLObjectType, Undefined
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from gateway.plain_fields import PlainLeaves, read_plain_fields
from gateway.schema import build_schema


@strawberry.type
class Thing:
    full_name: str
    count: int

    @strawberry.field
    def shout(self) -> str:
        return self.full_name.upper()


@strawberry.type
class Query:
    @strawberry.field
    def thing(self) -> Thing:
        return Thing(full_name="Nguyễn Thị Hà", count=3)


QUERY = "{ thing { fullName count shout } }"


def test_plain_fields_read_their_attribute_and_the_answer_is_strawberrys():
    plain, as_is = strawberry.Schema(query=Query), strawberry.Schema(query=Query)

    assert read_plain_fields(plain._schema, plain.config.default_resolver) == 2
    fields = plain._schema.type_map["Thing"].fields
    assert fields["fullName"].resolve.plain_attribute == "full_name"
    assert not hasattr(fields["shout"].resolve, "plain_attribute")  # its own resolver
    assert plain.execute_sync(QUERY).data == as_is.execute_sync(QUERY).data == {
        "thing": {"fullName": "Nguyễn Thị Hà", "count": 3, "shout": "NGUYỄN THỊ HÀ"}}


def test_a_schema_with_another_default_resolver_keeps_strawberrys_resolvers():
    by_key = strawberry.Schema(query=Query, config=strawberry.schema.config.StrawberryConfig(
        default_resolver=lambda source, name: source[name]))

    assert read_plain_fields(by_key._schema, by_key.config.default_resolver) == 0


def test_the_gateway_schema_reads_its_plain_fields_in_one_call():
    schema = build_schema()._schema
    member = schema.type_map["Member"].fields
    assert member["fullName"].resolve(SimpleNamespace(full_name="Lê Văn An"), None) == "Lê Văn An"
    assert not hasattr(member["history"].resolve, "plain_attribute")
    plain = [f for t in schema.type_map.values() if isinstance(t, GraphQLObjectType)
             for f in t.fields.values() if hasattr(f.resolve, "plain_attribute")]
    assert len(plain) > 100


# -- plain leaves completed without graphql-core's per-field resolve info ------------------------

@strawberry.enum
class Colour(enum.Enum):
    RED = "red"


@strawberry.type
class Leafy:
    name: str
    nickname: str | None
    colour: Colour
    size: int


class Raising:
    """A source whose read of one attribute fails; its other attributes as given."""

    def __init__(self, failing: str, **values: object) -> None:
        self.failing = failing
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> object:  # only what the instance does not hold
        if name == self.failing:
            raise RuntimeError(f"no {name} on file")
        raise AttributeError(name)


@strawberry.type
class LeafQuery:
    @strawberry.field
    def leaves(self) -> list[Leafy | None]:  # a failing item nulls itself only
        return [Leafy(name="Hà", nickname=None, colour=Colour.RED, size=2),
                SimpleNamespace(name=None, nickname="Út", colour=Colour.RED, size=3),  # null
                SimpleNamespace(name="Lan", nickname=5, colour="blue", size=4),  # not its enum
                SimpleNamespace(name="Mai", nickname="x", colour=Colour.RED, size="many"),
                Raising("name", nickname=None, colour=Colour.RED, size=1)]


LEAVES = "{ leaves { name nickname colour size } }"


def _reading_plainly(query: type, **options: object) -> strawberry.Schema:
    """A schema executed as the gateway's is: plain fields read, plain leaves and objects
    completed by PlainLeaves."""
    schema = strawberry.Schema(query=query, execution_context_class=PlainLeaves, **options)
    read_plain_fields(schema._schema, schema.config.default_resolver)
    return schema


def _leaf_schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    fast = _reading_plainly(LeafQuery)
    return fast, strawberry.Schema(query=LeafQuery)


def _fields_the_engine_executes(monkeypatch) -> list[str]:
    """The name of each field graphql-core's own execute_field is given from now on."""
    engine = StrawberryGraphQLCoreExecutionContext.execute_field
    by_engine: list[str] = []

    def counted(self, parent_type, source, field_details_list, *rest):
        by_engine.append(field_details_list[0].node.name.value)
        return engine(self, parent_type, source, field_details_list, *rest)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", counted)
    return by_engine


def _watching(seen: list[str]) -> type[strawberry.extensions.SchemaExtension]:
    """An extension that notes each field it is asked to resolve in `seen`."""

    class Watch(strawberry.extensions.SchemaExtension):
        def resolve(self, _next, root, info, *args, **kwargs):
            seen.append(info.field_name)
            return _next(root, info, *args, **kwargs)

    return Watch


def test_plain_leaves_answer_what_strawberry_answers_and_fail_as_it_fails(monkeypatch):
    fast, as_is = _leaf_schemas()
    by_engine = _fields_the_engine_executes(monkeypatch)
    ours = fast.execute_sync(LEAVES)
    assert by_engine == ["leaves", "name", "colour", "size", "name"]  # the rest completed here
    theirs = as_is.execute_sync(LEAVES)

    assert ours.data == theirs.data
    assert [(e.message, e.path) for e in ours.errors] == \
        [(e.message, e.path) for e in theirs.errors]
    assert len(ours.errors) == 4  # a null name, an unknown colour, a size not a number, a raise
    assert ours.data["leaves"][0] == {"name": "Hà", "nickname": None, "colour": "RED", "size": 2}


def test_plain_leaves_go_graphql_cores_way_when_an_extension_resolves_fields():
    seen: list[str] = []
    Watch = _watching(seen)  # noqa: N806 - an extension class

    fast = _reading_plainly(LeafQuery, extensions=[Watch])
    fast.execute_sync(LEAVES)
    through_fast, seen[:] = list(seen), []
    strawberry.Schema(query=LeafQuery, extensions=[Watch]).execute_sync(LEAVES)

    assert through_fast == seen and through_fast.count("nickname") == 3  # every field it reached


def test_the_gateway_schema_completes_plain_leaves_itself():
    assert build_schema().execution_context_class is PlainLeaves


Blank = NewType("Blank", str)  # "" coerced to nothing
Text = NewType("Text", str)
ODD_SCALARS = StrawberryConfig(scalar_map={
    Blank: strawberry.scalar(name="Blank", serialize=lambda value: value or None,
                             parse_value=str),
    Text: strawberry.scalar(name="Text", serialize=str, parse_value=str)})


@strawberry.type
class Odd:
    label: Blank
    maybe: Blank | None
    note: Text | None


@strawberry.type
class OddQuery:
    @strawberry.field
    def odds(self) -> list[Odd | None]:
        return [SimpleNamespace(label="a", maybe="", note="x"),  # a nullable one coerced to None
                SimpleNamespace(label="", maybe="b", note="y"),  # a non-null one coerced to None
                SimpleNamespace(label="c", maybe="d", note=Undefined)]  # graphql-core's Undefined


def test_values_a_scalar_coerces_to_nothing_and_undefined_go_graphql_cores_way():
    fast = _reading_plainly(OddQuery, config=ODD_SCALARS)
    as_is = strawberry.Schema(query=OddQuery, config=ODD_SCALARS)
    query = "{ odds { label maybe note } }"

    ours, theirs = fast.execute_sync(query), as_is.execute_sync(query)

    assert ours.data == theirs.data and ours.data["odds"][2] == {"label": "c", "maybe": "d",
                                                                 "note": None}
    assert [(e.message, e.path) for e in ours.errors] == \
        [(e.message, e.path) for e in theirs.errors] and len(ours.errors) == 2


def test_a_resolver_wrapped_after_the_schema_was_built_is_not_read_past():
    fast, _ = _leaf_schemas()
    fast.execute_sync(LEAVES)  # once before the wrapping
    field = fast._schema.type_map["Leafy"].fields["size"]
    plain = field.resolve

    @functools.wraps(plain)  # carries plain_attribute over, but is another function
    def doubled(source, info):
        return plain(source, info) * 2

    field.resolve = doubled
    assert fast.execute_sync("{ leaves { size } }").data["leaves"][0] == {"size": 4}


# -- objects plain all the way down completed in one walk of their selection --------------------

@strawberry.type
class Counts:
    official: int
    probationary: int | None


@strawberry.type
class Unit:
    name: str
    colour: Colour | None
    counts: Counts
    parts: list[Counts | None] | None
    tags: list[str]

    @strawberry.field
    def shout(self) -> str:
        return self.name.upper()


def _unit(name, counts, parts=None, tags=("a",), colour=Colour.RED):
    return SimpleNamespace(name=name, colour=colour, counts=counts, parts=parts, tags=tags)


@strawberry.type
class UnitQuery:
    @strawberry.field
    def units(self) -> list[Unit | None]:  # a failing unit nulls itself only
        fine = SimpleNamespace(official=3, probationary=None)
        return [_unit("Chi bộ 1", fine, parts=[fine, None], tags=["x", "y"]),
                _unit("Chi bộ 2", SimpleNamespace(official=None, probationary=1)),  # null official
                # a read that raises, two levels down
                _unit("Chi bộ 3", Raising("probationary", official=1)),
                _unit("Chi bộ 4", fine, parts=(p for p in [fine])),  # an iterable, not a list
                _unit("Chi bộ 5", fine, colour="blue"),  # not its enum
                _unit("Chi bộ 6", fine, tags=["ok", None]),  # null in a list of non-null
                _unit("Chi bộ 7", fine, parts=()),
                _unit("Chi bộ 8", fine, tags="xyz"),  # a string is no list
                None]


UNITS = """query($skip: Boolean!) { units { __typename label: name colour
  counts { official probationary } ...More parts { official } tags } more: units { name
  counts { official @skip(if: $skip) probationary } } }
  fragment More on Unit { counts { __typename official } }"""


def _unit_schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    fast = _reading_plainly(UnitQuery)
    return fast, strawberry.Schema(query=UnitQuery)


def test_a_plain_selection_is_answered_as_strawberry_answers_it_errors_and_all():
    fast, as_is = _unit_schemas()

    for skip in (True, False):
        ours = fast.execute_sync(UNITS, variable_values={"skip": skip})
        theirs = as_is.execute_sync(UNITS, variable_values={"skip": skip})

        assert ours.data == theirs.data
        assert [(e.message, e.path) for e in ours.errors] == \
            [(e.message, e.path) for e in theirs.errors]
    assert len(ours.errors) == 7  # five units' failures in `units`, two of them in `more`
    assert ours.data["units"][0] == {
        "__typename": "Unit", "label": "Chi bộ 1", "colour": "RED",
        "counts": {"official": 3, "probationary": None, "__typename": "Counts"},
        "parts": [{"official": 3}, None], "tags": ["x", "y"]}
    assert ours.data["units"][3]["parts"] == [{"official": 3}]  # graphql-core's way: iterable
    assert ours.data["units"][6]["parts"] == [] and ours.data["units"][8] is None


def test_a_plain_object_is_completed_without_the_engine_and_any_other_goes_its_way(monkeypatch):
    fast, _ = _unit_schemas()
    by_engine = _fields_the_engine_executes(monkeypatch)
    fast.execute_sync("{ units { name counts { official } } }")
    walked, by_engine[:] = list(by_engine), []
    fast.execute_sync("{ units { shout counts { official } } }")  # a resolver: not plain

    # only the unit whose official count is null went the engine's way (its raising read is
    # not selected), from its own object down
    assert walked == ["units", "counts", "official"]
    assert by_engine.count("shout") == 8 and by_engine.count("counts") == 8
    assert by_engine.count("official") == 1  # every other unit's counts still walked


def test_an_extension_that_resolves_fields_sees_every_field_of_a_plain_selection():
    seen: list[str] = []
    Watch = _watching(seen)  # noqa: N806 - an extension class

    fast = _reading_plainly(UnitQuery, extensions=[Watch])
    fast.execute_sync("{ units { name counts { official } } }")

    assert seen.count("official") == 8 and seen.count("counts") == 8


def test_deferred_and_streamed_parts_of_a_plain_selection_go_graphql_cores_way():
    incremental = StrawberryConfig(enable_experimental_incremental_execution=True)
    fast = _reading_plainly(UnitQuery, config=incremental)
    as_is = strawberry.Schema(query=UnitQuery, config=incremental)

    async def answers(schema: strawberry.Schema, query: str) -> list[str]:
        result = await schema.execute(query)
        out = [repr(result.initial_result.formatted)]
        out += [repr(later.formatted) async for later in result.subsequent_results]
        return out

    for query, first in (("{ units { name ... @defer { counts { official } } } }", "official"),
                         ("{ units { name tags @stream(initialCount: 1) } }", "'y'")):
        ours, theirs = asyncio.run(answers(fast, query)), asyncio.run(answers(as_is, query))
        assert ours == theirs and len(ours) >= 2
        assert first not in ours[0] and first in "".join(ours[1:])  # it comes later


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Branch(Named):
    size: int


@strawberry.type
class BranchQuery:
    @strawberry.field
    def branches(self) -> list[Branch | None]:  # the second is no Branch: its type refuses it
        return [Branch(name="Chi bộ 1", size=3), SimpleNamespace(name="Chi bộ 2", size=4)]


def test_an_object_type_that_checks_its_values_checks_them_as_strawberry_does():
    fast = _reading_plainly(BranchQuery)
    as_is = strawberry.Schema(query=BranchQuery)

    ours, theirs = (s.execute_sync("{ branches { name size } }") for s in (fast, as_is))

    assert ours.data == theirs.data == {"branches": [{"name": "Chi bộ 1", "size": 3}, None]}
    assert [e.message for e in ours.errors] == [e.message for e in theirs.errors] and ours.errors
