"""What the scope guard asks the scope service: an organisation a request names is found and
placed against the caller's subtree in one question (over RPC one round trip, not two), and
what the guard learnt is not asked again within the request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from gateway.auth import ORGANISATION_COMMISSION, Claims
from gateway.context import ForbiddenError, GatewayContext


class _Counted:
    """The scope service's queries, each question it is asked recorded by name."""

    def __init__(self, queries: Any) -> None:
        self._queries = queries
        self.asked: list[str] = []

    def __getattr__(self, name: str) -> Any:
        answer = getattr(self._queries, name)

        def asked(*args: Any, **kwargs: Any) -> Any:
            self.asked.append(name)
            return answer(*args, **kwargs)

        return asked


@dataclass
class _Service:
    queries: _Counted
    province: str = "NB"


@pytest.fixture
def guard(province):
    counted = _Counted(province.membership.queries)
    claims = Claims("tester", (ORGANISATION_COMMISSION,), province.commune_a, "NB")
    return GatewayContext({"membership": _Service(counted)}, claims, "cid"), counted


def test_an_organisation_inside_the_subtree_is_one_question(guard, province):
    ctx, counted = guard
    assert ctx.organisation(province.branch_a).name == "Chi bộ thôn Bình Hải"
    assert ctx.in_scope(province.branch_a)
    assert ctx.organisation(province.branch_a).id == province.branch_a
    assert counted.asked == ["organisation_in_scope"]


def test_an_organisation_outside_the_subtree_is_refused_after_one_question(guard, province):
    ctx, counted = guard
    with pytest.raises(ForbiddenError):
        ctx.organisation(province.branch_b)
    assert not ctx.in_scope(province.branch_b)
    assert counted.asked == ["organisation_in_scope"]


def test_an_unknown_organisation_is_none_and_outside(guard):
    ctx, counted = guard
    unknown = "00000000-0000-7000-8000-000000000000"
    assert ctx.organisation(unknown) is None
    assert not ctx.in_scope(unknown)
    assert counted.asked == ["organisation_in_scope", "is_within"]
