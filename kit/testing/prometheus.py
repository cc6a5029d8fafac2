"""What a test sees of a process's /metrics over time, and whether an alert rule fires on it.

`Recording` scrapes an endpoint (or reads this process's registry) again and again; `fires`
replays what was recorded through the real promtool's rule unit tests, one scrape per minute of
rule time (so a rule's "5 minutes" is five scrapes), and says whether the alert was firing at
the last scrape."""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

Series = tuple[str, tuple[tuple[str, str], ...]]  # name, sorted labels


def parse(text: str) -> dict[Series, float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def scrape(url: str, timeout: float = 10.0) -> dict[Series, float]:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - a test's own
        return parse(response.read().decode())


def scrape_registry() -> dict[Series, float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in REGISTRY.collect() for s in family.samples}


def values(metrics: dict[Series, float], name: str) -> dict[tuple[tuple[str, str], ...], float]:
    """One metric's samples by label set."""
    return {labels: value for (n, labels), value in metrics.items() if n == name}


@dataclass
class Recording:
    """Scrapes, in order: each a {series: value}."""

    read: Callable[[], dict[Series, float]]
    scrapes: list[dict[Series, float]] = field(default_factory=list)

    @classmethod
    def of(cls, url: str) -> Recording:
        return cls(lambda: scrape(url))

    def take(self, times: int = 1, every_s: float = 1.0,
             between: Callable[[], object] = lambda: None) -> dict[Series, float]:
        """Scrape `times` times, `every_s` apart, calling `between` before each; the last."""
        for _ in range(times):
            between()
            time.sleep(every_s)
            self.scrapes.append(self.read())
        return self.scrapes[-1]

    def series(self, name: str) -> dict[tuple[tuple[str, str], ...], list[float | None]]:
        """Every label set of `name` seen, with its value at each scrape (None: absent)."""
        seen = sorted({labels for s in self.scrapes for (n, labels) in s if n == name})
        return {labels: [s.get((name, labels)) for s in self.scrapes] for labels in seen}


def _promql_series(name: str, labels: Iterable[tuple[str, str]]) -> str:
    inner = ", ".join(f"{k}={json.dumps(v)}" for k, v in labels)
    return f"{name}{{{inner}}}"


def fires(promtool: str, rules: Path, alert: str, recording: Recording, names: Iterable[str],
          times: int | None = None) -> tuple[bool, str]:
    """Whether `alert` of the rule file is firing at the last scrape (for `times` label sets
    exactly, if given), on the recorded series of the metrics `names` (one scrape a minute).
    Also returns promtool's output."""
    input_series = []
    for name in names:
        for labels, vals in recording.series(name).items():
            text = " ".join("_" if v is None else repr(v) for v in vals)
            input_series.append({"series": _promql_series(name, labels), "values": text})
    last = len(recording.scrapes) - 1
    case = {"rule_files": [str(rules.resolve())], "evaluation_interval": "1m",
            "tests": [{"interval": "1m", "input_series": input_series,
                       "promql_expr_test": [{
                           "expr": f'count(ALERTS{{alertname="{alert}", alertstate="firing"}})'
                                   + (" > bool 0" if times is None else ""),
                           "eval_time": f"{last}m",
                           "exp_samples": [{"labels": "{}", "value": times or 1}]}]}]}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "recorded.test.yml"
        path.write_text(json.dumps(case), encoding="utf-8")  # JSON is YAML
        done = subprocess.run([promtool, "test", "rules", str(path)], capture_output=True,
                              text=True, timeout=60, check=False)
    return done.returncode == 0, done.stdout + done.stderr
