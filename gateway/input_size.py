"""Size limits on a query document and on the strings it (or its variables) carries.

A document longer than MAX_DOCUMENT_CHARS, or of more than MAX_TOKENS tokens, is refused before
it is parsed in full (QUERY_TOO_LARGE). Every string argument is capped by the input field it
fills: free texts (a reason, note, topic, title or agenda item) at MAX_TEXT characters, anything
else (a name, a number, a cursor, a filter) at MAX_SHORT; longer is INPUT_TOO_LONG. Checked at
validation, before anything runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    GraphQLError,
    ObjectFieldNode,
    StringValueNode,
    VariableNode,
    Visitor,
    visit,
)

MAX_DOCUMENT_CHARS = 32_000
MAX_TOKENS = 5_000
MAX_TEXT = 2_000
MAX_SHORT = 500
TEXT_FIELDS = frozenset({"reason", "note", "topic", "title", "agenda"})


def document_too_large(query: str) -> GraphQLError | None:
    if len(query) <= MAX_DOCUMENT_CHARS:
        return None
    return too_large(f"the query document exceeds {MAX_DOCUMENT_CHARS} characters",
                     maxChars=MAX_DOCUMENT_CHARS)


def too_large(message: str, **limit: int) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "QUERY_TOO_LARGE", **limit})


def max_length(field: str) -> int:
    return MAX_TEXT if field in TEXT_FIELDS else MAX_SHORT


class DocumentStrings:
    """What a document's own text says about string sizes: an error for each literal longer than
    its field's cap, and the field each variable fills. Depends on the document alone, so a
    document seen before keeps it (documents.py); the variables are checked per request."""

    __slots__ = ("errors", "variable_fields")

    def __init__(self, document: Any) -> None:
        strings = _Strings()
        visit(document, strings)
        self.errors: tuple[GraphQLError, ...] = tuple(strings.errors)
        self.variable_fields: dict[str, str] = strings.variable_fields

    def errors_with(self, variables: Mapping[str, Any] | None) -> list[GraphQLError]:
        """The literals' errors, then one for each long string among the variables."""
        errors = list(self.errors)
        for var, value in (variables or {}).items():
            field = self.variable_fields.get(var, var)
            errors.extend(_too_long(name) for name in _long_in(field, value))
        return errors


class _Strings(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.errors: list[GraphQLError] = []
        self.variable_fields: dict[str, str] = {}

    def _value(self, name: str, value: Any) -> None:
        if isinstance(value, StringValueNode):
            if len(value.value) > max_length(name):
                self.errors.append(_too_long(name, [value]))
        elif isinstance(value, VariableNode):
            self.variable_fields[value.name.value] = name

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self._value(node.name.value, node.value)

    def enter_object_field(self, node: ObjectFieldNode, *_: Any) -> None:
        self._value(node.name.value, node.value)

    def enter_list_value(self, node: Any, _key: Any, parent: Any, *_: Any) -> None:
        name = getattr(getattr(parent, "name", None), "value", None)
        for item in node.values if name else ():
            self._value(name, item)


def _long_in(field: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [field] if len(value) > max_length(field) else []
    if isinstance(value, Mapping):
        return [n for k, v in value.items() for n in _long_in(str(k), v)]
    if isinstance(value, list):
        return [n for v in value for n in _long_in(field, v)]
    return []


def _too_long(field: str, nodes: list[Any] | None = None) -> GraphQLError:
    limit = max_length(field)
    return GraphQLError(f"{field}: longer than {limit} characters", nodes=nodes,
                        extensions={"code": "INPUT_TOO_LONG", "field": field,
                                    "maxLength": limit})
