"""Two province deployments in this process, linked both ways (partyorg/tests/provinces_pair.py):
a member sent from one appears in the other, and the answer goes back."""

from __future__ import annotations

import pytest

from partyorg.tests.provinces_pair import build_pair


@pytest.fixture
def pair(tmp_path):
    p = build_pair(tmp_path)
    yield p
    for links in p.links:
        links.close()
    p.nb.platform.close()
    p.hue.platform.close()
