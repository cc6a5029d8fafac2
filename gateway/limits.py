"""Refuse abusive queries before they run: depth, estimated cost, and (optionally) introspection.

Cost: every field costs 1. A field with a `first` argument multiplies the cost of what it selects
by `first` (or its default); a list without one multiplies by an estimate of its length (the
edges of a connection are already counted by the connection's `first`). A list with a row per
month (or per day) of a period, under a field taking a `from`/`to` date range, is estimated per
month and multiplied by the range's months, read from the arguments (or variables) as asked:
a range of centuries is refused here, before anything runs. Nesting multiplies.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
    Visitor,
    get_named_type,
    get_nullable_type,
    visit,
)

from kit.paging import MAX_PAGE

DEFAULT_MAX_DEPTH = 8
DEFAULT_MAX_COST = 20_000
# lists without a page size: how long they usually are
LIST_ESTIMATES = {"children": 10, "descendants": 400, "history": 20,
                  # meetings: a summoned list; lists with a row per branch (and month) of a subtree
                  "attendance": 40, "byBranch": 400, "missedMonthlyMeetings": 400,
                  "missedThematicMeetings": 400, "superiorCadreAttendance": 400,
                  "materialsIssues": 100, "shortMeetings": 100}
DEFAULT_LIST_ESTIMATE = 10
# lists with rows for each month (or assigned day) of their parent's date range: rows per month
PER_MONTH_ESTIMATES = {"missedMonthlyMeetings": 25, "missedThematicMeetings": 8,
                       "superiorCadreAttendance": 25, "materialsIssues": 8, "shortMeetings": 8}
RANGE_ARGS = ("from", "to")


class _Costing:
    def __init__(self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode],
                 variables: Mapping[str, Any], defaults: Mapping[str, Any]) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.defaults = defaults

    def selection_set(self, parent: GraphQLNamedType | None, node: SelectionSetNode | None,
                      seen: frozenset[str] = frozenset(), months: int = 1) -> int:
        """`months`: those of the nearest enclosing date range."""
        if node is None:
            return 0
        total = 0
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection, seen, months)
            elif isinstance(selection, InlineFragmentNode):
                cond = selection.type_condition
                target = self.schema.get_type(cond.name.value) if cond else parent
                total += self.selection_set(target, selection.selection_set, seen, months)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in seen:
                    continue  # graphql-core's own rules report these
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.selection_set(target, fragment.selection_set, seen | {name},
                                            months)
        return total

    def field(self, parent: GraphQLNamedType | None, node: FieldNode, seen: frozenset[str],
              months: int = 1) -> int:
        name = node.name.value
        definition = None
        if isinstance(parent, (GraphQLObjectType, GraphQLInterfaceType)):
            definition = parent.fields.get(name)
        if definition is None or name.startswith("__"):
            return 1
        if all(arg in definition.args for arg in RANGE_ARGS):
            months = self.range_months(node)
        inner = self.selection_set(get_named_type(definition.type), node.selection_set, seen,
                                   months)
        return 1 + self.multiplier(parent, definition, node, months) * inner

    def multiplier(self, parent: GraphQLNamedType, definition: GraphQLField,
                   node: FieldNode, months: int) -> int:
        if "first" in definition.args:
            return self.first(definition, node)
        if isinstance(get_nullable_type(definition.type), GraphQLList):
            if parent.name.endswith("Connection"):
                return 1  # edges: the connection's `first` already counted them
            if node.name.value in PER_MONTH_ESTIMATES:
                return PER_MONTH_ESTIMATES[node.name.value] * months
            return LIST_ESTIMATES.get(node.name.value, DEFAULT_LIST_ESTIMATE)
        return 1

    def argument(self, node: FieldNode, name: str) -> Any:
        """The argument's value as asked (a literal's text, or the variable's value); None when
        not given."""
        for arg in node.arguments or ():  # None when the field is asked without any
            if arg.name.value != name:
                continue
            if isinstance(arg.value, (IntValueNode, StringValueNode)):
                return arg.value.value
            if isinstance(arg.value, VariableNode):
                var = arg.value.name.value
                return self.variables.get(var, self.defaults.get(var))
        return None

    def range_months(self, node: FieldNode) -> int:
        """The calendar months [from, to] touches; 1 when either end is missing or not a date
        (a malformed one is refused by the argument's own type)."""
        ends = [_month_index(self.argument(node, arg)) for arg in RANGE_ARGS]
        if None in ends or ends[1] < ends[0]:
            return 1
        return ends[1] - ends[0] + 1

    def first(self, definition: GraphQLField, node: FieldNode) -> int:
        value = self.argument(node, "first")
        if value is None:
            value = definition.args["first"].default_value
        elif isinstance(value, str) and value.isdigit():
            value = int(value)
        # an unusable value is refused elsewhere; count it as the largest page
        return value if isinstance(value, int) and 0 <= value <= MAX_PAGE else MAX_PAGE


def _month_index(value: Any) -> int | None:
    """Months since year 0 of an ISO date (YYYY-MM-DD, any year length); None if not one."""
    if isinstance(value, date):
        return value.year * 12 + value.month - 1
    if not isinstance(value, str):
        return None
    year, _, rest = value.strip().partition("-")
    month = rest[:2]
    if not (year.isdigit() and month.isdigit()):
        return None
    return int(year) * 12 + int(month) - 1


def estimate_cost(schema: GraphQLSchema, document: Any, operation_name: str | None,
                  variables: Mapping[str, Any] | None) -> dict[str, int]:
    """The estimated cost of each operation in the document (by name, '' when unnamed)."""
    fragments = {d.name.value: d for d in document.definitions
                 if isinstance(d, FragmentDefinitionNode)}
    costs = {}
    for d in document.definitions:
        if not isinstance(d, OperationDefinitionNode):
            continue
        name = d.name.value if d.name else ""
        if operation_name and name != operation_name:
            continue
        root = schema.get_root_type(d.operation)
        defaults = {v.variable.name.value: getattr(v.default_value, "value", None)
                    for v in d.variable_definitions or ()}
        defaults = {k: int(x) for k, x in defaults.items() if isinstance(x, str) and x.isdigit()}
        costing = _Costing(schema, fragments, variables or {}, defaults)
        costs[name] = costing.selection_set(root, d.selection_set)
    return costs


def fragments_defined(document: Any) -> bool:
    """Whether every fragment the document spreads is defined in it."""
    defined = {d.name.value for d in document.definitions
               if isinstance(d, FragmentDefinitionNode)}
    return _spreads(document) <= defined


def _spreads(document: Any) -> set[str]:
    class Spreads(Visitor):
        names: set[str] = set()

        def enter_fragment_spread(self, node: FragmentSpreadNode, *_: Any) -> None:
            self.names.add(node.name.value)

    spreads = Spreads()
    spreads.names = set()
    visit(document, spreads)
    return spreads.names


def cost_errors(schema: GraphQLSchema, document: Any, operation_name: str | None,
                variables: Mapping[str, Any] | None, max_cost: int) -> list[GraphQLError]:
    """An error for each operation whose estimated cost (with these variables) is too high."""
    errors = []
    for name, cost in estimate_cost(schema, document, operation_name, variables).items():
        if cost > max_cost:
            label = f"'{name}'" if name else "the operation"
            errors.append(GraphQLError(
                f"{label} is too expensive: estimated cost {cost} exceeds "
                f"{max_cost}; ask for smaller pages (first), shorter periods (from, to) "
                f"or fewer nested lists",
                extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": max_cost}))
    return errors


class ReadVariables(Mapping[str, Any]):
    """A request's variables that notes which ones were read: the cost reads the same ones for a
    document and operation whatever their values (the walk follows the document, not them)."""

    def __init__(self, variables: Mapping[str, Any] | None) -> None:
        self.variables = variables or {}
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return self.variables[name]

    def __iter__(self):  # noqa: ANN204 - Mapping's
        return iter(self.variables)

    def __len__(self) -> int:
        return len(self.variables)
