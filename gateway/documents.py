"""Parse and validate each query text once, and check the limits on every request.

Clients send the same few query texts over and over; graphql-core's validation of a page of members
costs more than resolving it. A bounded LRU keeps, per query text, the parsed document and what
validating it found (the specified rules, strawberry's own, the depth limit: all depend only on the
document). The estimated cost depends on the request's variables, so it is checked every time.
Errors come out in the order one validation pass gave them: depth, then cost, then the others.
Sizes (input_size.py): an oversized document is refused before it is parsed, long strings at
validation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, validate
from strawberry.extensions import SchemaExtension
from strawberry.extensions.query_depth_limiter import create_validator
from strawberry.schema.schema import validate_document

from .input_size import DocumentStrings, document_too_large, too_large
from .limits import ReadVariables, cost_errors, fragments_defined

DEFAULT_CACHED_TEXTS = 256
MAX_RULE_SETS = 4  # per text: the schema's rules, with or without introspection
MAX_COSTS = 64  # per text: costs by operation and the values of the variables it reads
_MISSING = object()


class _Checked:
    """One query text: its document and, by the set of validation rules, what they found."""

    __slots__ = ("document", "found", "_strings", "_cost_reads", "_costs")

    def __init__(self, document: DocumentNode) -> None:
        self.document = document
        self.found: dict[tuple[Any, ...], tuple[list[GraphQLError], list[GraphQLError]]] = {}
        self._strings: DocumentStrings | None = None
        self._cost_reads: dict[str | None, tuple[str, ...]] = {}  # operation -> variables read
        self._costs: dict[tuple[Any, ...], list[GraphQLError]] = {}

    def cost_errors(self, schema: GraphQLSchema, operation_name: str | None,
                    variables: dict[str, Any] | None, max_cost: int) -> list[GraphQLError]:
        """limits.cost_errors, kept by operation and the values of the variables the estimate
        read (a walk of the whole document: ~10 % of executing a member's history)."""
        reads = self._cost_reads.get(operation_name)
        key = None if reads is None else _cost_key(operation_name, reads, variables)
        found = None if key is None else self._costs.get(key)
        if found is not None:
            return found
        recorded = ReadVariables(variables)
        errors = cost_errors(schema, self.document, operation_name, recorded, max_cost)
        if reads is None:
            reads = self._cost_reads[operation_name] = tuple(sorted(recorded.read))
            key = _cost_key(operation_name, reads, variables)
        if key is not None:  # two threads may both estimate it: same answer
            if len(self._costs) >= MAX_COSTS:
                self._costs.clear()
            self._costs[key] = errors
        return errors

    @property
    def strings(self) -> DocumentStrings:
        """Its literals' sizes and the fields its variables fill (a walk of the document:
        ~20 % of executing a member's history, when it was made on every request)."""
        if self._strings is None:  # two threads may both make it: same answer
            self._strings = DocumentStrings(self.document)
        return self._strings


def _cost_key(operation_name: str | None, reads: tuple[str, ...],
              variables: dict[str, Any] | None) -> tuple[Any, ...] | None:
    """The operation and the values of the variables its cost reads; None when a value cannot
    be a key (a list): that request is estimated on its own."""
    key = (operation_name, *((v, (variables or {}).get(v, _MISSING)) for v in reads))
    try:
        hash(key)
    except TypeError:
        return None
    return key


class DocumentCache:
    """Bounded (least recently used out) so that unique query texts cannot grow memory."""

    def __init__(self, max_depth: int, max_cost: int, size: int = DEFAULT_CACHED_TEXTS) -> None:
        self.max_cost = max_cost
        self.depth_rule = create_validator(max_depth, None, None)
        self.size = size
        self._texts: OrderedDict[tuple[str, tuple[Any, ...]], _Checked] = OrderedDict()
        self._lock = threading.Lock()

    def parsed(self, query: str, options: dict[str, Any]) -> _Checked:
        """Raises GraphQLError for a text that does not parse (not kept)."""
        key = (query, tuple(sorted(options.items())))
        with self._lock:
            entry = self._texts.get(key)
            if entry is not None:
                self._texts.move_to_end(key)
                return entry
        entry = _Checked(parse(query, **options))  # outside the lock: parsing takes a while
        with self._lock:
            self._texts[key] = entry
            while len(self._texts) > self.size:
                self._texts.popitem(last=False)
        return entry

    def validated(self, schema: GraphQLSchema, entry: _Checked, document: DocumentNode,
                  rules: tuple[Any, ...]) -> tuple[list[GraphQLError], list[GraphQLError]]:
        """(depth errors, other validation errors) of a document; kept with its text."""
        found = entry.found.get(rules)
        if found is None:
            # strawberry's depth rule raises KeyError on an undefined fragment, which
            # graphql-core's own rules report: it runs only on documents whose fragments exist
            depth = (validate(schema, document, [self.depth_rule])
                     if fragments_defined(document) else [])
            found = (depth, validate_document(schema, document, rules))
            if len(entry.found) >= MAX_RULE_SETS:  # two threads may both compute it: same
                entry.found.clear()  # answer; rule classes made per request would never hit
            entry.found[rules] = found
        return found


class CheckedDocuments(SchemaExtension):
    """The parse and validation steps through a DocumentCache, plus the cost limit."""

    def __init__(self, cache: DocumentCache) -> None:
        self.cache = cache
        self._entry: _Checked | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query:
            oversized = document_too_large(context.query)
            if oversized is not None:
                raise oversized  # before parsing: a long text takes long to parse
            try:
                self._entry = self.cache.parsed(context.query, context.parse_options)
                context.graphql_document = self._entry.document
            except GraphQLError as error:
                if "Document contains more than" in error.message:
                    raise too_large(error.message,
                                    maxTokens=context.parse_options["max_tokens"]) from None
                # otherwise strawberry parses it again and reports the error its usual way
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            schema = context.schema._schema
            entry = self._entry
            if entry is None or entry.document is not document:
                entry = _Checked(document)  # a document strawberry parsed itself: not kept
            depth, others = self.cache.validated(schema, entry, document,
                                                 tuple(context.validation_rules))
            cost = entry.cost_errors(schema, context.operation_name, context.variables,
                                     self.cache.max_cost)
            long = entry.strings.errors_with(context.variables)
            context.pre_execution_errors = [*depth, *cost, *long, *others]
        yield
