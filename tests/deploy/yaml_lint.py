"""Deploy YAML read with PyYAML, once a lint finds nothing other readers would read differently.

PyYAML and go-yaml v2 read YAML 1.1, newer readers YAML 1.2, and a plain (unquoted) scalar such as
`yes`, `22:22`, `0755`, `2026-01-15`, `1_000` or `1e3` gets another type or value from each: it
must be quoted, so that compose, kubectl, Prometheus and these tests read the same file. Anchors,
aliases, tags and duplicate keys (PyYAML keeps the last, stricter readers refuse) are refused too.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
# The YAML 1.2 core schema (spec 1.2.2, 10.3.2): the type a 1.2 reader gives a plain scalar.
_CORE_12 = [
    ("null", r"null|Null|NULL|~|"),
    ("bool", r"true|True|TRUE|false|False|FALSE"),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"),
    ("float", r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
              r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"),
]
# Same type, other value: a leading zero is octal to YAML 1.1; y/n are booleans to go-yaml v2.
_SAME_TYPE_OTHER_VALUE = re.compile(r"[-+]?0[0-9]+|[yYnN]")


class YamlLintError(ValueError):
    pass


def _core_12(value: str) -> str:
    return next((_TAG + t for t, p in _CORE_12 if re.fullmatch(p, value)), _STR)


def _nodes(node: yaml.Node):
    yield node
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nodes(key)
            yield from _nodes(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nodes(item)


def problems(text: str) -> list[tuple[int, str]]:
    """(line, what) for everything the lint refuses in text; yaml.YAMLError if it is not YAML."""
    found = []
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            found.append((line, f"alias *{event.anchor}"))
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            found.append((line, f"anchor &{event.anchor}"))
        if getattr(event, "tag", None) is not None:
            found.append((line, f"tag {event.tag}"))
    if found:  # composing would follow the aliases
        return found
    for document in yaml.compose_all(text, Loader=yaml.SafeLoader):
        for node in _nodes(document):
            if isinstance(node, yaml.ScalarNode) and node.style is None and (
                    node.tag != _core_12(node.value)
                    or _SAME_TYPE_OTHER_VALUE.fullmatch(node.value)):
                found.append((node.start_mark.line + 1,
                              f"{node.value!r} reads differently in YAML 1.1 and 1.2: quote it"))
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for key in (k for k, _ in node.value if isinstance(k, yaml.ScalarNode)):
                    if (key.tag, key.value) in seen:
                        found.append((key.start_mark.line + 1, f"duplicate key {key.value!r}"))
                    seen.add((key.tag, key.value))
    return sorted(found)


def load_all(text: str, name: str) -> list[Any]:
    """The documents in text but empty ones (kubectl skips them too), once the lint passes."""
    try:
        found = problems(text)
    except yaml.YAMLError as exc:
        raise YamlLintError(f"{name}: {exc}") from exc
    if found:
        raise YamlLintError("\n".join(f"{name}:{line}: {what}" for line, what in found))
    return [doc for doc in yaml.safe_load_all(text) if doc is not None]


def load(text: str, name: str) -> Any:
    docs = load_all(text, name)
    if len(docs) != 1:
        raise YamlLintError(f"{name}: expected one document, found {len(docs)}")
    return docs[0]
