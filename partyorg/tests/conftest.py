"""A small demo province (scale 0.05: every commune, one village each), seeded once per session
through the real embedded path, exactly as `partyorg seed` does it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from partyorg import demo_data
from partyorg.embedded import EmbeddedService, build_service
from services.membership.application.queries import MembershipQueries
from services.membership.declaration import DECLARATION as MEMBERSHIP

SMALL = 0.05


@dataclass
class SeededDemo:
    data: Path
    marker: dict
    membership: EmbeddedService

    @property
    def queries(self) -> MembershipQueries:
        return self.membership.queries


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("demo")
    marker = demo_data.seed(data, scale=SMALL)
    membership = build_service(MEMBERSHIP, data, demo_data.PROVINCE)
    yield SeededDemo(data, marker, membership)
    membership.close()
