"""Every published question crosses the RPC wire (kit.nameko.wire, typed by the api's
protocol) and arrives as the value it left as: arguments and answers, views, pages, dates."""

from __future__ import annotations

from datetime import date

from kit.json_encode import to_jsonable
from kit.nameko.wire import wire_of
from services.evaluations.declaration import DECLARATION, QUERY_NAMES

from .conftest import Campaigns

ON = date(2026, 12, 9)
CALLS = [
    ("is_within", ("B1", "P"), {}),
    ("period", ("p25",), {}),
    ("periods", ("P",), {"year": 2026}),
    ("campaign_progress", ("C1", "p26"), {"on": ON}),
    ("awaiting", ("P", "p26", "decision"), {"on": ON, "first": 3}),
    ("quota_headroom", ("P", "p25"), {}),
    ("level_distribution", ("P", 2024, 2026), {"subject_kind": "organisation"}),
    ("running_years", ("P", 2026, ("kht",)), {}),
    ("unsatisfactory_two_years_running", ("P", 2026), {"on": ON}),
    ("tsvm_list", ("P",), {"year": 2025}),
    ("evaluation_history", ("m7",), {}),
    ("classification_snapshot", ("m7", 2025), {"on": date(2026, 1, 1)}),
]


def test_every_published_question_is_probed() -> None:
    assert {name for name, _, _ in CALLS} == set(QUERY_NAMES)


def test_each_answer_and_its_arguments_cross_the_wire_unchanged(history: Campaigns) -> None:
    wire = wire_of(DECLARATION)
    for name, args, kwargs in CALLS:
        sent = wire.query_args_to_wire(name, args, kwargs)
        arrived = wire.query_args_from_wire(name, sent)
        answer = getattr(history.queries, name)(**arrived)
        assert answer == getattr(history.queries, name)(*args, **kwargs), name
        assert wire.query_result_from_wire(name, to_jsonable(answer)) == answer, name
