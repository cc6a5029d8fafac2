"""Merging one root field's answers from several provinces, at the JSON level, by its type:

- a connection (edges, pageInfo, totalCount): the provinces' edges one after another in the
  federation's province order, cut to `first`, each cursor a federated one (the position in
  every province), totalCount summed;
- a list: the provinces' lists one after another, in province order;
- an object: field by field: integers summed, lists concatenated, objects merged the same way,
  any other value the first answering province's (the per-province figures are asked for with
  federatedCounts / federatedAttendance).
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, get_named_type

from .ids import Shape, federated_cursor

# internal aliases added to a connection field's selection in each province's document
EDGES, PAGE, TOTAL = "_fed_edges", "_fed_page", "_fed_total"
CONNECTION_EXTRA = (f"{EDGES}: edges {{ cursor }} {PAGE}: pageInfo {{ hasNextPage }} "
                    f"{TOTAL}: totalCount")


def is_connection(type_: Any) -> bool:
    named = get_named_type(type_)
    return (isinstance(named, GraphQLObjectType) and "edges" in named.fields
            and "pageInfo" in named.fields)


def _is_list(type_: Any) -> bool:
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def merge_values(answers: list[tuple[str, Any]], shape: Shape) -> Any:
    """`answers`: (province, value) in province order, provinces that answered the field."""
    values = [v for _, v in answers if v is not None]
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    if _is_list(shape.type):
        return [item for v in values for item in v]
    if shape.children and all(isinstance(v, dict) for v in values):
        merged: dict[str, Any] = {}
        for key in values[0]:
            child = shape.children.get(key)
            if child is None:
                merged[key] = values[0][key]
            else:
                merged[key] = merge_values([("", v.get(key)) for v in values], child)
        return merged
    if get_named_type(shape.type) is GraphQLInt and all(isinstance(v, int) for v in values):
        return sum(values)
    return values[0]


def merge_connection(answers: list[tuple[str, Any]], shape: Shape, first: int,
                     done: set[str]) -> Any:
    """`done`: provinces wholly before the page's cursor (counted, their edges not shown)."""
    answered = [(p, v) for p, v in answers if isinstance(v, dict)]
    if not answered:
        return None
    children = shape.children or {}
    edges: list[tuple[str, dict[str, Any], str]] = []  # (province, client's edge, own cursor)
    more = False
    for province, value in answered:
        if province in done:
            continue
        own = [e["cursor"] for e in value.get(EDGES) or []]
        client_edges = _first_key(value, children, "edges") or [{} for _ in own]
        edges.extend((province, edge, c) for edge, c in zip(client_edges, own, strict=False))
        more = more or bool((value.get(PAGE) or {}).get("hasNextPage"))
    more = more or len(edges) > first
    edges = edges[:first]
    total = sum(v.get(TOTAL) or 0 for _, v in answered)
    merged: dict[str, Any] = {}
    for key, child in children.items():
        if child.name == "totalCount":
            merged[key] = total
        elif child.name == "edges":
            merged[key] = [_edge(e, p, c, child) for p, e, c in edges]
        elif child.name == "pageInfo":
            end = federated_cursor(edges[-1][0], edges[-1][2]) if edges else None
            merged[key] = {k: (more if s.name == "hasNextPage" else end)
                           for k, s in (child.children or {}).items()}
        else:
            merged[key] = merge_values([(p, v.get(key)) for p, v in answered], child)
    return merged


def _first_key(value: dict[str, Any], children: dict[str, Shape], name: str) -> Any:
    for key, child in children.items():
        if child.name == name and key in value:
            return value[key]
    return None


def _edge(edge: dict[str, Any], province: str, own: str, shape: Shape) -> dict[str, Any]:
    out = dict(edge)
    for key, child in (shape.children or {}).items():
        if child.name == "cursor":
            out[key] = federated_cursor(province, own)
    return out

