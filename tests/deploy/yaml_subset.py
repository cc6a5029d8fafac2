"""A strict loader for the YAML subset the deploy files use (PyYAML is not a project dependency).

Block mappings and sequences, one-line flow collections, quoted and plain scalars, `|` block
scalars, `>` folded paragraphs, comments and `---` documents. Anything else (anchors, tags,
multi-line plain scalars) raises, and so do plain scalars that YAML 1.1 readers (PyYAML, go-yaml v2) and
YAML 1.2 readers resolve differently: `yes`/`no`/`on`/`off`, `22:22`, `0755`, dates. Such
values must be quoted, which is what keeps compose, kubectl and Prometheus reading the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any


class YamlSubsetError(ValueError):
    pass


@dataclass
class _Line:
    number: int
    indent: int
    text: str  # without indentation, comment and trailing blanks


_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)([eE][-+]?[0-9]+)?")
_AMBIGUOUS = re.compile(
    r"(?i:y|n|yes|no|on|off)|[-+]?0[0-9_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+|[0-9_]+_[0-9_]*"
    r"|\d{4}-\d\d?-\d\d?([Tt ].*)?|[-+]?[0-9]+[eE][-+]?[0-9]+"
)


def load_all(text: str) -> list[Any]:
    docs: list[list[str]] = [[]]
    for raw in text.splitlines():
        if raw.rstrip() == "---" or raw.startswith("--- "):
            docs.append([])
        else:
            docs[-1].append(raw)
    loaded = [_Parser(lines).document() for lines in docs]
    return [doc for doc, lines in zip(loaded, docs, strict=True)
            if doc is not None or any(_strip_comment(x).strip() for x in lines)]


def load(text: str) -> Any:
    docs = load_all(text)
    if len(docs) != 1:
        raise YamlSubsetError(f"expected one document, found {len(docs)}")
    return docs[0]


def _strip_comment(raw: str) -> str:
    quote = ""
    for i, ch in enumerate(raw):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and (i == 0 or raw[i - 1] in " [{,:-"):
            quote = ch
        elif ch == "#" and (i == 0 or raw[i - 1] in " \t"):
            return raw[:i].rstrip()
    return raw.rstrip()


class _Parser:
    def __init__(self, raw: list[str]) -> None:
        self.raw = raw
        self.lines: list[_Line | None] = []
        for number, text in enumerate(raw, 1):
            body = _strip_comment(text)
            if not body.strip():
                self.lines.append(None)
                continue
            stripped = body.lstrip(" ")
            if stripped.startswith("\t"):
                raise YamlSubsetError(f"line {number}: tab in indentation")
            self.lines.append(_Line(number, len(body) - len(stripped), stripped))
        self.i = 0

    def document(self) -> Any:
        line = self._peek()
        if line is None:
            return None
        value = self._node(line.indent)
        if (rest := self._peek()) is not None:
            raise YamlSubsetError(f"line {rest.number}: unexpected indentation")
        return value

    def _peek(self) -> _Line | None:
        while self.i < len(self.lines) and self.lines[self.i] is None:
            self.i += 1
        return self.lines[self.i] if self.i < len(self.lines) else None

    def _node(self, indent: int) -> Any:
        line = self._peek()
        if line is None or line.indent < indent:
            return None
        if _is_item(line.text):
            return self._sequence(line.indent)
        if _split_key(line.text, line.number) is not None:
            return self._mapping(line.indent)
        raise YamlSubsetError(f"line {line.number}: a multi-line plain scalar is not supported")

    def _mapping(self, indent: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while (line := self._peek()) is not None and line.indent == indent:
            if _is_item(line.text):
                raise YamlSubsetError(f"line {line.number}: sequence item inside a mapping")
            split = _split_key(line.text, line.number)
            if split is None:
                raise YamlSubsetError(f"line {line.number}: expected 'key: value'")
            key, rest = split
            if key in out:
                raise YamlSubsetError(f"line {line.number}: duplicate key {key!r}")
            self.i += 1
            out[key] = self._value_after(rest, indent, line.number, allow_same_indent_seq=True)
        if line is not None and line.indent > indent:
            raise YamlSubsetError(f"line {line.number}: unexpected indentation")
        return out

    def _sequence(self, indent: int) -> list[Any]:
        out: list[Any] = []
        while (line := self._peek()) is not None and line.indent == indent and _is_item(line.text):
            rest = line.text[1:]
            body = rest.lstrip(" ")
            if body and body[0] not in "[{|>" and _split_key(body, line.number) is not None:
                # "- key: value": the item is a mapping whose keys align with this first one
                self.lines[self.i] = _Line(line.number, indent + 1 + len(rest) - len(body), body)
                out.append(self._mapping(indent + 1 + len(rest) - len(body)))
            else:
                self.i += 1
                out.append(self._value_after(body, indent, line.number, False))
        if line is not None and line.indent > indent:
            raise YamlSubsetError(f"line {line.number}: unexpected indentation")
        return out

    def _value_after(self, rest: str, indent: int, number: int, allow_same_indent_seq: bool) -> Any:
        if rest.startswith(("|", ">")):
            return self._block_scalar(rest, indent, number)
        if rest:
            return _inline(rest, number)
        nxt = self._peek()
        if nxt is None or nxt.indent < indent:
            return None
        if nxt.indent == indent:
            return self._sequence(indent) if allow_same_indent_seq and _is_item(nxt.text) else None
        return self._node(nxt.indent)

    def _block_scalar(self, header: str, indent: int, number: int) -> str:
        if header not in ("|", "|-", "|+", ">", ">-", ">+"):
            raise YamlSubsetError(f"line {number}: block scalar header {header!r} not supported")
        body: list[str] = []
        content_indent = None
        j = self.i
        while j < len(self.raw):
            raw = self.raw[j]
            if raw.strip():
                lead = len(raw) - len(raw.lstrip(" "))
                if content_indent is None:
                    if lead <= indent:
                        break
                    content_indent = lead
                if lead < content_indent:
                    break
                body.append(raw[content_indent:])
            else:
                body.append("")
            j += 1
        self.i = j
        kept = 0
        while body and body[-1] == "":
            body.pop()
            kept += 1
        text = "\n".join(body) if header[0] == "|" else _fold(body, number)
        if not text:
            return text
        return text + {"-": "", "+": "\n" * (kept + 1)}.get(header[1:], "\n")


def _fold(body: list[str], number: int) -> str:
    """'>' folding: a line break between two text lines is a space, a blank line a newline."""
    out = ""
    previous = ""
    for line in body:
        if line.startswith((" ", "\t")):
            raise YamlSubsetError(f"line {number}: more-indented lines in '>' are not supported")
        if not line:
            out += "\n"
        else:
            out += (" " if previous else "") + line
        previous = line
    return out


def _is_item(text: str) -> bool:
    return text == "-" or text.startswith("- ")


def _split_key(text: str, number: int) -> tuple[str, str] | None:
    """('key', 'rest') for 'key: rest' / 'key:', else None. Quoted keys are unquoted."""
    if text[0] in "\"'":
        value, end = _quoted(text, 0, number)
        after = text[end:]
        if after == ":" or after.startswith(": "):
            return value, after[1:].strip()
        return None
    if text[0] in "[{?&*!%@`":
        return None
    for match in re.finditer(r":( |$)", text):
        key = text[: match.start()]
        if not key.strip() or key != key.strip():
            raise YamlSubsetError(f"line {number}: malformed key {key!r}")
        return _plain_key(key, number), text[match.end():].strip()
    return None


def _plain_key(text: str, number: int) -> str:
    key = _plain(text, number)
    if not isinstance(key, str):
        raise YamlSubsetError(f"line {number}: key {text!r} is not a string: quote it")
    return key


def _inline(text: str, number: int) -> Any:
    if text[0] in "[{":
        value, end = _flow(text, 0, number)
        if text[end:].strip():
            raise YamlSubsetError(f"line {number}: text after a flow collection")
        return value
    if text[0] in "\"'":
        value, end = _quoted(text, 0, number)
        if text[end:].strip():
            raise YamlSubsetError(f"line {number}: text after a quoted scalar")
        return value
    return _plain(text, number)


def _plain(text: str, number: int) -> Any:
    if text[0] in "&*!%@`>|" or text.startswith(("- ", "? ", ": ")):
        raise YamlSubsetError(f"line {number}: {text[0]!r} at the start of a value is not supported")
    if ": " in text or text.endswith(":"):
        raise YamlSubsetError(f"line {number}: ': ' inside a plain scalar: quote it")
    if text in ("null", "Null", "NULL", "~"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _AMBIGUOUS.fullmatch(text):
        raise YamlSubsetError(f"line {number}: {text!r} reads differently in YAML 1.1: quote it")
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    if text.lower() in (".inf", "+.inf", "-.inf", ".nan"):
        return float(text.replace(".", ""))
    return text


def _quoted(text: str, start: int, number: int) -> tuple[str, int]:
    quote = text[start]
    i = start + 1
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == quote:
            if quote == "'" and text[i + 1 : i + 2] == "'":
                i += 2
                continue
            raw = text[start : i + 1]
            if quote == "'":
                return raw[1:-1].replace("''", "'"), i + 1
            try:
                return json.loads(raw), i + 1
            except ValueError as exc:
                raise YamlSubsetError(f"line {number}: escape in {raw} not supported") from exc
        i += 1
    raise YamlSubsetError(f"line {number}: unterminated quoted scalar")


def _flow(text: str, i: int, number: int) -> tuple[Any, int]:
    """Parse a one-line flow collection or scalar starting at text[i]; return (value, end)."""
    while text[i] == " ":
        i += 1
    if text[i] in "[{":
        close = "]" if text[i] == "[" else "}"
        items: list[Any] = []
        pairs: dict[str, Any] = {}
        i += 1
        while True:
            while i < len(text) and text[i] == " ":
                i += 1
            if i >= len(text):
                raise YamlSubsetError(f"line {number}: unterminated flow collection")
            if text[i] == close:
                return (items if close == "]" else pairs), i + 1
            if close == "}":
                key, i = _flow(text, i, number)
                if not isinstance(key, str):
                    raise YamlSubsetError(f"line {number}: flow key {key!r} is not a string")
                if text[i : i + 2] != ": ":
                    raise YamlSubsetError(f"line {number}: expected ': ' in a flow mapping")
                if key in pairs:
                    raise YamlSubsetError(f"line {number}: duplicate key {key!r}")
                pairs[key], i = _flow(text, i + 2, number)
            else:
                value, i = _flow(text, i, number)
                items.append(value)
            while i < len(text) and text[i] == " ":
                i += 1
            if text[i : i + 1] == ",":
                i += 1
            elif text[i : i + 1] != close:
                raise YamlSubsetError(f"line {number}: expected ',' or {close!r}")
    if text[i] in "\"'":
        return _quoted(text, i, number)
    end = i
    while end < len(text) and text[end] not in ",]}" and text[end : end + 2] != ": ":
        end += 1
    return _plain(text[i:end].rstrip(), number), end
