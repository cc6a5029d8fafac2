"""Every mutation of the gateway's schema, each with an input the gateway accepts and passes on
to its service: read from the schema itself, so a mutation added later is covered here without
a line changed. The values are well-formed, not meaningful (ids name nothing); they are for
checks that do not depend on what the service decides."""

from __future__ import annotations

import importlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    Undefined,
)

from gateway.schema import build_schema
from kit.clock import BUSINESS_TZ
from partyorg.services import SERVICES

# strings whose field has a format of its own; any other string gets a plain Vietnamese name
FORMATTED = {"citizenId": "037090000001", "cardNumber": "37.012345"}


@dataclass(frozen=True)
class Mutation:
    field: str  # e.g. createOrganisation
    service: str  # the declared service whose GraphQL part has it, e.g. membership
    input_type: str  # e.g. CreateOrganisationInput
    variables: dict[str, Any]

    @property
    def command_id(self) -> str:
        return self.variables["input"]["commandId"]

    def document(self, selection: str) -> str:
        return (f"mutation Probe($input: {self.input_type}!) "
                f"{{ {self.field}(input: $input) {{ {selection} }} }}")


def every_mutation() -> list[Mutation]:
    mutation_type = build_schema()._schema.mutation_type
    assert mutation_type is not None
    owners = _owners()
    found = []
    for name, field in mutation_type.fields.items():
        (arg_name, arg), = field.args.items()  # every mutation takes one `input`
        input_type = arg.type.of_type if isinstance(arg.type, GraphQLNonNull) else arg.type
        assert arg_name == "input" and isinstance(input_type, GraphQLInputObjectType), name
        found.append(Mutation(name, owners[name], input_type.name,
                              {"input": sample(input_type, arg_name)}))
    return found


def _owners() -> dict[str, str]:
    """Mutation field -> the declared service whose GraphQL part defines it."""
    owners = {}
    for declaration in SERVICES:
        if declaration.graphql:
            part = importlib.import_module(declaration.graphql)
            for f in part.MUTATION.__strawberry_definition__.fields:
                name = f.graphql_name or re.sub(r"_(\w)", lambda m: m.group(1).upper(),
                                                f.python_name)
                owners[name] = declaration.name
    return owners


def sample(graphql_type: Any, name: str) -> Any:
    """A well-formed value of the type: required fields only, one item per list."""
    if isinstance(graphql_type, GraphQLNonNull):
        return sample(graphql_type.of_type, name)
    if isinstance(graphql_type, GraphQLList):
        return [sample(graphql_type.of_type, name)]
    if isinstance(graphql_type, GraphQLInputObjectType):
        return {n: sample(f.type, n) for n, f in graphql_type.fields.items()
                if isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined}
    if isinstance(graphql_type, GraphQLEnumType):
        return next(iter(graphql_type.values))
    assert isinstance(graphql_type, GraphQLScalarType), graphql_type
    now = datetime.now(BUSINESS_TZ).replace(microsecond=0) - timedelta(hours=1)
    return {"ID": lambda: str(uuid.uuid4()),
            "String": lambda: FORMATTED.get(name, "Nguyễn Văn An"),
            "Int": lambda: 1, "Float": lambda: 1.0, "Boolean": lambda: False,
            "Date": lambda: (now.date() - timedelta(days=1)).isoformat(),
            "DateTime": now.isoformat}[graphql_type.name]()
