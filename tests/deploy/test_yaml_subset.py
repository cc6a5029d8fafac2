"""The YAML reader the deploy tests rely on reads what it supports as any YAML reader would, and
refuses the rest rather than guessing."""

from __future__ import annotations

import pytest

SAMPLE = """\
# a comment
services:
  web:
    image: "nginx:1.27"   # quoted: a colon inside
    ports:
      - "8000:8000"
    command: ["python", "-m", "x"]
    labels: {a: b, 'c d': "e"}
    enabled: true
    replicas: 2
    ratio: 0.5
    empty:
    script: |
      line one
        indented
    note: >-
      folded
      paragraph
  list:
  - name: first
    value: 1
  - second
"""


def test_the_reader_parses_mappings_sequences_flow_collections_and_block_scalars(yaml_subset):
    doc = yaml_subset.load(SAMPLE)
    web = doc["services"]["web"]
    assert web["image"] == "nginx:1.27"
    assert web["ports"] == ["8000:8000"]
    assert web["command"] == ["python", "-m", "x"]
    assert web["labels"] == {"a": "b", "c d": "e"}
    assert (web["enabled"], web["replicas"], web["ratio"], web["empty"]) == (True, 2, 0.5, None)
    assert web["script"] == "line one\n  indented\n"
    assert web["note"] == "folded paragraph"
    assert doc["services"]["list"] == [{"name": "first", "value": 1}, "second"]


def test_the_reader_splits_documents(yaml_subset):
    assert yaml_subset.load_all("a: 1\n---\nb: 2\n---\n# only a comment\n") == [{"a": 1}, {"b": 2}]


@pytest.mark.parametrize("text", [
    "enabled: yes",          # a bool to YAML 1.1, a string to YAML 1.2
    "on: push",              # the same, as a key
    "ports: [22:22]",        # base 60 to YAML 1.1
    "mode: 0755",            # octal to YAML 1.1
    "day: 2026-01-15",       # a date to YAML 1.1 readers
    "base: &b {a: 1}",       # anchors
    "a: b: c",               # a colon inside a plain scalar
    "a: 1\na: 2",            # a duplicate key
    "a:\n  b: 1\n c: 2",     # stray indentation
    "a: first line\n  continued",  # multi-line plain scalar
])
def test_the_reader_refuses_what_it_would_risk_reading_differently(yaml_subset, text):
    with pytest.raises(yaml_subset.YamlSubsetError):
        yaml_subset.load(text)
