"""A transfer between two province deployments over the real Kafka: each province's membership
events published on its own topic by its relay, each province's link consuming the other's.
The receiving province is down (closed, its link stopped) while the letter is sent; the
transfer completes when it comes back, and a link that reads the topic again from the start
(its offsets lost) changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from kit.kafka.clients import ensure_topics
from kit.kafka.feed import TopicFeed
from kit.kafka.publisher import KafkaPublisher
from kit.links import PeerLink
from kit.relay import OutboxRelay
from kit.sqlite.checkpoints import SqliteCheckpoints
from kit.testing.leftovers import new_tag, remove
from kit.testing.services import require_env
from partyorg.links import applying
from partyorg.tests.provinces_pair import build_pair, open_province
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain.province_transfer_commands import (
    AcceptIncomingTransfer,
    SendMemberToProvince,
)


@pytest.fixture
def kafka():
    bootstrap = require_env("PARTYORG_KAFKA_BOOTSTRAP", "deploy/local/up.sh kafka")
    tag = new_tag()
    topics = {code: f"it{tag}.{code}.membership.events" for code in ("NB", "HUE")}
    ensure_topics(bootstrap, list(topics.values()))
    groups: list[str] = []
    yield bootstrap, topics, tag, groups
    remove(kafka=bootstrap, topics=list(topics.values()), groups=groups)


def relay(province, topic: str, bootstrap: str, folder) -> OutboxRelay:
    return OutboxRelay(province.platform.membership.store,
                       SqliteCheckpoints(folder / f"{province.code}-relay.db"),
                       KafkaPublisher(bootstrap, lambda e: topic), name=province.code)


def publish(r: OutboxRelay) -> None:
    while r.run_once():
        pass


def link(platform, peer: str, topic: str, bootstrap: str, group: str, groups) -> PeerLink:
    groups.append(group)
    service = platform.membership
    return PeerLink(peer, TopicFeed(bootstrap, topic, group),
                    applying(MEMBERSHIP, service.service, service.province))


def drain(link_: PeerLink, until, platform, rounds: int = 40) -> None:
    for _ in range(rounds):
        link_.run_once()
        platform.settle()
        if until():
            return
    pytest.fail("the link did not deliver in time")


def test_a_province_down_while_a_member_is_sent_to_it_receives_them_when_back(tmp_path, kafka):
    bootstrap, topics, tag, groups = kafka
    pair = build_pair(tmp_path, linked=False)
    nb, hue = pair.nb, pair.hue
    member = nb.a_member()
    hue_branch = hue.a_branch()
    hue_folder, hue_clock = tmp_path / "HUE", hue.clock
    hue_peers = hue.platform.membership.service.peers
    hue.platform.close()  # HUE is down: nothing of it runs

    transfer = nb.run(SendMemberToProvince(member.id, "HUE", hue_branch, date(2026, 11, 16),
                                           "40-GGT/TU"))["transfer_id"]
    nb_relay = relay(nb, topics["NB"], bootstrap, tmp_path)
    publish(nb_relay)

    # HUE comes back: its store as it was, its link reading NB's topic from where it stood
    hue.platform = open_province(hue_folder, "HUE", hue_peers, hue_clock)
    hue_link = link(hue.platform, "NB", topics["NB"], bootstrap, f"g{tag}hue", groups)
    opened = lambda: any(t.transfer_id == transfer  # noqa: E731
                         for t in hue.platform.membership.queries.transfers_between_provinces(
                             hue.root))
    drain(hue_link, opened, hue.platform)
    hue.run(AcceptIncomingTransfer(transfer, date(2026, 11, 19)))
    hue_relay = relay(hue, topics["HUE"], bootstrap, tmp_path)
    publish(hue_relay)

    nb_link = link(nb.platform, "HUE", topics["HUE"], bootstrap, f"g{tag}nb", groups)
    gone = lambda: nb.platform.membership.queries.member(member.id).status == \
        "transferred_out"  # noqa: E731
    drain(nb_link, gone, nb.platform)

    arrived = hue.platform.membership.queries.member(member.id)
    assert arrived.full_name == member.full_name and arrived.status == member.status
    [out] = nb.platform.membership.queries.transfers_between_provinces(nb.root)
    [in_] = hue.platform.membership.queries.transfers_between_provinces(hue.root)
    assert (out.transfer_id, out.state, in_.transfer_id, in_.state) == (
        transfer, "completed", transfer, "arrived")

    # offsets lost: a new group reads NB's topic from the start; the command ids hold
    head = hue.platform.membership.store.head_position()
    again = link(hue.platform, "NB", topics["NB"], bootstrap, f"g{tag}hue2", groups)
    for _ in range(5):
        again.run_once()
    hue.platform.settle()
    assert hue.platform.membership.store.head_position() == head
    for closing in (hue_link, nb_link, again):
        closing.close()
    hue.platform.close()
    nb.platform.close()
