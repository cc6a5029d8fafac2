"""Plain fields (an attribute of the object, no resolver of their own) are read in one call;
fields with a resolver keep strawberry's, and the answers are the ones strawberry gives."""

from __future__ import annotations

import enum
from types import SimpleNamespace

import strawberry
from graphql import GraphQLObjectType
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
