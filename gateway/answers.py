"""Answers to queries, kept while the read models they were read from stay where they were.

Clients ask the same few questions over and over (a branch's member page, a commune's statistics)
and most of the time nothing was written in between: executing the query again would rebuild the
same bytes. An answer is kept under the exact request body and the caller's claims (scope and
roles decide what an answer holds), together with the read models' version when it was computed:
every embedded service's catch-up generation, after waiting for the writes made before the
request (as every query does), and today's date (for any field that reads the clock). A kept answer
is served only while that version is still current, so a caller never sees less than an
executed query would show. Only queries that answered without errors are kept; the LRU is
bounded by entries and bytes.

Caching needs versions this process can see: the embedded services (their catch-up threads).
Behind RPC (the distributed gateway) the read models move in other processes, so it is off.
"""

from __future__ import annotations

import functools
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from graphql import OperationDefinitionNode, OperationType, get_operation_ast, parse

from kit.metrics import GRAPHQL_ANSWERS

from .input_size import MAX_DOCUMENT_CHARS, MAX_TOKENS

DEFAULT_ENTRIES = 1024
DEFAULT_BYTES = 64 * 1024 * 1024
MAX_ANSWER_BYTES = 1024 * 1024  # a bigger answer is rare and would evict many small ones

Version = Hashable
Versions = Callable[[bool], Version | None]


def read_model_versions(*services: Any) -> Versions | None:
    """The version function for services with catch-up threads in this process, else None."""
    threads = [getattr(s, "catch_up", None) for s in services if s is not None]
    clocks = [getattr(s, "clock", None) for s in services if s is not None]
    if not threads or any(t is None for t in threads) or clocks[0] is None:
        return None
    clock = clocks[0]

    def version(wait: bool = True) -> Version | None:
        """`wait=False`: None instead of blocking when a write is still being applied (the
        event loop then asks again from a worker thread)."""
        for thread in threads:  # the writes made before this request, applied
            if thread.behind:
                if not wait:
                    return None
                thread.wait()
        return (*(t.applied for t in threads), clock.today())

    return version


class _Answer:
    __slots__ = ("version", "body")

    def __init__(self, version: Version, body: bytes) -> None:
        self.version = version
        self.body = body


class AnswerCache:
    def __init__(self, versions: Versions, entries: int = DEFAULT_ENTRIES,
                 max_bytes: int = DEFAULT_BYTES) -> None:
        self.versions = versions
        self.entries = entries
        self.max_bytes = max_bytes
        self._answers: OrderedDict[Hashable, _Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def lookup(self, key: Hashable, version: Version) -> _Answer | None:
        """The answer kept for `key` if it was computed at `version` (the current one)."""
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                if answer.version == version:
                    self._answers.move_to_end(key)
                    GRAPHQL_ANSWERS.labels("hit").inc()
                    return answer
                self._drop(key)
        GRAPHQL_ANSWERS.labels("miss").inc()
        return None

    def keep(self, key: Hashable, version: Version, body: bytes) -> None:
        """Keep an answer computed at `version`, unless the read models moved (or are moving)
        meanwhile: it may then hold part of the newer state, and the next request computes it."""
        if len(body) > MAX_ANSWER_BYTES or self.versions(False) != version:
            return
        with self._lock:
            if key in self._answers:
                self._drop(key)
            self._answers[key] = _Answer(version, body)
            self._bytes += len(body)
            while len(self._answers) > self.entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._answers)))

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0

    def _drop(self, key: Hashable) -> None:
        self._bytes -= len(self._answers.pop(key).body)


class QueryNames:
    """Which request bodies are one GraphQL query, remembered: clients send the same few."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        self.entries = entries
        self._queries: OrderedDict[bytes, str | None] = OrderedDict()  # body -> query's name
        self._lock = threading.Lock()

    def __call__(self, body: bytes) -> str | None:
        """The operation's name (or '' when anonymous) when the body is one GraphQL query that
        may be kept; None for mutations, batches, or anything that does not parse."""
        with self._lock:
            if body in self._queries:
                self._queries.move_to_end(body)
                return self._queries[body]
        name = _query_name(body)
        with self._lock:
            self._queries[body] = name
            while len(self._queries) > self.entries:
                self._queries.popitem(last=False)
        return name


def _query_name(body: bytes) -> str | None:
    try:
        request = json.loads(body)
    except ValueError:  # not ours to report: the executed request answers the error
        return None
    if not isinstance(request, dict) or not isinstance(request.get("query"), str):
        return None
    name = request.get("operationName")
    return query_operation(request["query"], name if isinstance(name, str) else None)


@functools.lru_cache(maxsize=256)  # bodies differ by their variables, query texts are few
def query_operation(text: str, name: str | None) -> str | None:
    """The name of the query operation `name` picks in `text` ('' when anonymous); None for a
    mutation, or a text too long or not parsing."""
    if len(text) > MAX_DOCUMENT_CHARS:  # refused as it is executed, without parsing it here
        return None
    try:
        operation = get_operation_ast(parse(text, max_tokens=MAX_TOKENS), name)
    except Exception:  # not ours to report: the executed request answers the error
        return None
    if not isinstance(operation, OperationDefinitionNode) \
            or operation.operation is not OperationType.QUERY:
        return None
    return operation.name.value if operation.name else ""
