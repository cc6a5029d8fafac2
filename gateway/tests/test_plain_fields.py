"""Plain fields (an attribute of the object, no resolver of their own) are read in one call;
fields with a resolver keep strawberry's, and the answers are the ones strawberry gives."""

from __future__ import annotations

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


class Raises:
    """A source whose attribute read fails."""

    nickname = None
    colour = Colour.RED
    size = 1

    @property
    def name(self) -> str:
        raise RuntimeError("no name on file")


@strawberry.type
class LeafQuery:
    @strawberry.field
    def leaves(self) -> list[Leafy | None]:  # a failing item nulls itself only
        return [Leafy(name="Hà", nickname=None, colour=Colour.RED, size=2),
                SimpleNamespace(name=None, nickname="Út", colour=Colour.RED, size=3),  # null
                SimpleNamespace(name="Lan", nickname=5, colour="blue", size=4),  # not its enum
                SimpleNamespace(name="Mai", nickname="x", colour=Colour.RED, size="many"),
                Raises()]


LEAVES = "{ leaves { name nickname colour size } }"


def _leaf_schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    fast = strawberry.Schema(query=LeafQuery, execution_context_class=PlainLeaves)
    read_plain_fields(fast._schema, fast.config.default_resolver)
    return fast, strawberry.Schema(query=LeafQuery)


def test_plain_leaves_answer_what_strawberry_answers_and_fail_as_it_fails(monkeypatch):
    fast, as_is = _leaf_schemas()
    engine = StrawberryGraphQLCoreExecutionContext.execute_field
    by_engine: list[str] = []

    def counted(self, parent_type, source, field_details_list, *rest):
        by_engine.append(field_details_list[0].node.name.value)
        return engine(self, parent_type, source, field_details_list, *rest)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", counted)
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

    class Watch(strawberry.extensions.SchemaExtension):
        def resolve(self, _next, root, info, *args, **kwargs):
            seen.append(info.field_name)
            return _next(root, info, *args, **kwargs)

    fast = strawberry.Schema(query=LeafQuery, execution_context_class=PlainLeaves,
                             extensions=[Watch])
    read_plain_fields(fast._schema, fast.config.default_resolver)
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
    fast = strawberry.Schema(query=OddQuery, execution_context_class=PlainLeaves,
                             config=ODD_SCALARS)
    read_plain_fields(fast._schema, fast.config.default_resolver)
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
