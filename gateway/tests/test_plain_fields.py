"""Plain fields (an attribute of the object, no resolver of their own) are read in one call;
fields with a resolver keep strawberry's, and the answers are the ones strawberry gives."""

from __future__ import annotations

from types import SimpleNamespace

import strawberry
from graphql import GraphQLObjectType

from gateway.plain_fields import read_plain_fields
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
