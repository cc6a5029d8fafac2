"""The deploy YAML lint refuses the plain scalars YAML 1.1 and YAML 1.2 readers read differently,
with the line to quote, and lets through what every reader reads alike."""

from __future__ import annotations

from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.parametrize(("text", "line", "value"), [
    ("a:\n  enabled: yes\n", 2, "yes"),        # a bool to YAML 1.1, a string to YAML 1.2
    ("a: 1\nb: Off\n", 2, "Off"),
    ("a: 1\non:\n  push: {}\n", 2, "on"),      # the same, as a key
    ("a: 1\nb: y\n", 2, "y"),                  # a bool to go-yaml v2
    ("a:\n  ports: [22:22]\n", 2, "22:22"),    # base 60 to YAML 1.1
    ("a:\n- x\n- 1:30.5\n", 3, "1:30.5"),
    ("a: 1\nmode: 0755\n", 2, "0755"),         # octal to YAML 1.1, decimal to YAML 1.2
    ("a: 1\nmode: 0o755\n", 2, "0o755"),       # octal to YAML 1.2, a string to PyYAML
    ("a: 1\nmask: 0b101\n", 2, "0b101"),       # binary to YAML 1.1 only
    ("a: 1\nday: 2026-01-15\n", 2, "2026-01-15"),  # a date to YAML 1.1
    ("a: 1\nat: 2026-01-15T10:00:00Z\n", 2, "2026-01-15T10:00:00Z"),
    ("a: 1\nn: 1_000\n", 2, "1_000"),          # 1000 to YAML 1.1, a string to YAML 1.2
    ("a: 1\nn: 1e3\n", 2, "1e3"),              # a float to YAML 1.2, a string to PyYAML
    ("a: 1\nn: 1.5e3\n", 2, "1.5e3"),
    ("a: 1\nn: -.5\n", 2, "-.5"),
    ("a: 1\n<<: {b: 2}\n", 2, "<<"),           # a merge key to YAML 1.1
    ("a: 1\n---\nb: no\n", 3, "no"),           # lines count across documents
])
def test_an_ambiguous_plain_scalar_is_refused_with_its_line(yaml_lint, text, line, value):
    with pytest.raises(yaml_lint.YamlLintError) as refused:
        yaml_lint.load_all(text, "f.yaml")
    assert f"f.yaml:{line}: {value!r} reads differently" in str(refused.value)


@pytest.mark.parametrize("value", ["yes", "on", "y", "22:22", "0755", "2026-01-15", "1_000",
                                   "1e3", "<<"])
def test_the_quoted_form_is_read_as_the_string(yaml_lint, value):
    assert yaml_lint.load(f"a: '{value}'\nb: \"{value}\"\nc: |-\n  {value}\n", "f.yaml") == {
        "a": value, "b": value, "c": value}


def test_plain_scalars_every_reader_reads_alike_pass(yaml_lint):
    text = ("t: true\nf: false\ni: 8000\nneg: -1\nx: 0x1F\nr: 0.5\ninf: .inf\nnothing: ~\n"
            "empty:\nports: [8000:8000]\nimage: nginx:1.27\nfor: 5m\nhost: 0.0.0.0\n")
    assert yaml_lint.load(text, "f.yaml") == {
        "t": True, "f": False, "i": 8000, "neg": -1, "x": 31, "r": 0.5, "inf": float("inf"),
        "nothing": None, "empty": None, "ports": ["8000:8000"], "image": "nginx:1.27",
        "for": "5m", "host": "0.0.0.0"}


@pytest.mark.parametrize(("text", "problem"), [
    ("a: &base {b: 1}\nc: 2\n", (1, "anchor &base")),
    ("a: &x 1\nb: *x\n", (2, "alias *x")),
    ("a: 1\nb: &x [*x]\n", (2, "alias *x")),  # a loop, for a lint that followed aliases
    ("a: 1\nb: !!str 0755\n", (2, "tag tag:yaml.org,2002:str")),
    ("a: 1\nb: 2\na: 3\n", (3, "duplicate key 'a'")),  # PyYAML would keep the 3
])
def test_anchors_aliases_tags_and_duplicate_keys_are_refused(yaml_lint, text, problem):
    with pytest.raises(yaml_lint.YamlLintError) as refused:
        yaml_lint.load(text, "f.yaml")
    assert f"f.yaml:{problem[0]}: {problem[1]}" in str(refused.value).splitlines()


def test_text_that_is_not_yaml_is_refused_under_its_name(yaml_lint):
    with pytest.raises(yaml_lint.YamlLintError, match=r"^f\.yaml: mapping values"):
        yaml_lint.load("a: b: c\n", "f.yaml")


def test_documents_are_split_and_empty_ones_dropped(yaml_lint):
    assert yaml_lint.load_all("a: 1\n---\nb: 2\n---\n# only a comment\n", "f.yaml") == [
        {"a": 1}, {"b": 2}]


@pytest.mark.parametrize("path", sorted(DEPLOY.rglob("*.y*ml")),
                         ids=lambda path: str(path.relative_to(DEPLOY)))
def test_every_deploy_yaml_file_passes_the_lint(yaml_lint, path):
    assert yaml_lint.problems(path.read_text("utf-8")) == []


def test_the_prometheus_config_inline_in_compose_passes_the_lint(yaml_lint, compose):
    assert yaml_lint.problems(compose["configs"]["prometheus-config"]["content"]) == []
