"""Idempotency by command id, and optimistic concurrency: of two conflicting decisions, one wins."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from kit.envelope import CommandContext
from kit.errors import (
    CommandIdReused,
    ConcurrencyConflict,
    DomainError,
    InvalidInput,
    InvalidState,
    RuleViolated,
)
from partyorg.embedded import build_service
from services.membership.application.deps import CommandScope
from services.membership.application.handlers import HANDLERS
from services.membership.declaration import DECLARATION as MEMBERSHIP
from services.membership.domain import commands as c

from .conftest import by


def test_the_same_command_id_twice_returns_the_first_result_and_appends_nothing(membership,
                                                                                 tree):
    create = c.CreateOrganisation("Chi bộ thôn Khánh Ninh", "grassroots_branch", tree["commune"],
                                  date(2020, 1, 1))
    first = membership.run(create, command_id="create-khanh-ninh")
    head = membership.head()

    again = membership.run(create, command_id="create-khanh-ninh")

    assert (again.duplicate, first.duplicate) == (True, False)
    assert again.ids == first.ids
    assert again.positions == first.positions
    assert membership.head() == head
    assert len(membership.queries.organisation_tree(tree["commune"]).children) == 3


def test_a_retried_application_names_the_same_applicant(membership, tree):
    sponsors = membership.sponsors(tree["branch"])
    apply = c.SubmitApplication(tree["branch"], membership.profile(),
                                tuple(membership.sponsor(s) for s in sponsors), date(2026, 6, 1))

    first = membership.run(apply, command_id="apply-1")
    again = membership.run(apply, command_id="apply-1")

    assert again.ids == first.ids
    assert membership.queries.members(tree["branch"], statuses=["applicant"]).total == 1


def test_a_retried_merge_changes_nothing(membership, tree):
    member = membership.official(tree["branch"])
    merge = c.MergeOrganisation(tree["branch"], tree["other_branch"], date(2025, 7, 1))
    membership.run(merge, command_id="merge-1")
    head = membership.head()

    assert membership.run(merge, command_id="merge-1").duplicate
    assert membership.head() == head
    assert [h.event for h in membership.queries.member_history(member)] == [
        "ExistingMemberRecorded", "MovedByOrganisationMerge"]


def test_the_same_command_id_with_a_different_payload_is_refused(membership, tree):
    member = membership.official(tree["branch"])
    membership.exempt(member, date(2026, 1, 5), "weak_health", command_id="exempt-1")

    error = membership.refuse(c.ExemptMember(member, date(2026, 1, 6), "weak_health",
                                             decision=by(tree["branch"], "assembly")),
                              CommandIdReused, command_id="exempt-1")
    assert error.to_dict() == {"code": "command_id_reused", "message": error.message,
                               "command_id": "exempt-1"}
    membership.refuse(c.RecordMemberDeath(member, date(2026, 2, 1)), CommandIdReused,
                      command_id="exempt-1")


def test_a_refused_command_leaves_its_id_free_for_a_corrected_command(membership, tree):
    member = membership.official(tree["branch"])
    membership.refuse(c.ExemptMember(member, date(2027, 1, 5), "weak_health",
                                     decision=by(tree["branch"], "assembly")), InvalidInput,
                      command_id="exempt-2")

    result = membership.exempt(member, date(2026, 1, 5), "weak_health",
                            command_id="exempt-2")

    assert not result.duplicate
    assert membership.queries.member(member).exempt


def _decide(app, command) -> CommandScope:
    """Load and decide as the service does, without appending yet."""
    service = app.service
    scope = CommandScope(service.repo, service.rules, app.clock.today(), service.occupancy, None)
    HANDLERS[type(command)](command, scope, "decided-not-saved")
    return scope


def _save(app, scope: CommandScope, command_id: str) -> None:
    changed = {a.stream_id for a in scope.changed}
    app.service.repo.save(scope.changed, CommandContext(command_id, "NB"), "",
                          unchanged=[a for a in scope.read if a.stream_id not in changed])


def test_of_two_decisions_on_the_same_member_the_first_appended_wins(app, membership, tree):
    member = membership.official(tree["branch"])
    exempt = _decide(app, c.ExemptMember(member, date(2026, 1, 5), "weak_health",
                                         decision=by(tree["branch"], "assembly")))
    transfer = _decide(app, c.TransferMember(member, tree["other_branch"], date(2026, 1, 5),
                                             decision=by(tree["commune"], "committee")))

    _save(app, exempt, "exempt")
    head = membership.head()
    with pytest.raises(ConcurrencyConflict) as caught:
        _save(app, transfer, "transfer")

    assert caught.value.stream_id == f"member-{member}"
    assert membership.head() == head
    assert membership.events_of(f"member-{member}") == ["ExistingMemberRecorded",
                                                        "MemberExempted"]


def test_an_application_conflicts_when_a_sponsors_standing_changes_meanwhile(app, membership,
                                                                            tree):
    sponsors = membership.sponsors(tree["branch"])
    apply = c.SubmitApplication(tree["branch"], membership.profile(),
                                tuple(membership.sponsor(s) for s in sponsors), date(2026, 6, 1))
    decided = _decide(app, apply)
    # expelled before the application's date: the sponsor's standing then changed
    membership.discipline(sponsors[1], "expulsion", date(2026, 5, 30), "Vi phạm")

    with pytest.raises(ConcurrencyConflict) as caught:
        _save(app, decided, "apply")
    assert caught.value.stream_id == f"member-{sponsors[1]}"

    # decided again on the new facts, the application is refused by the rule
    error = membership.refuse(apply, RuleViolated)
    assert error.rule == "admission.sponsor_official"


def test_two_service_instances_racing_on_one_member_let_exactly_one_win(tmp_path, clock, app,
                                                                        membership, tree):
    members = [membership.official(tree["branch"], f"Nguyễn Văn {name}")
               for name in ("An", "Bình", "Chiến", "Dũng", "Đức", "Giang", "Hải", "Khánh")]
    other = build_service(MEMBERSHIP, tmp_path, clock=clock)
    outcomes: dict[str, list] = {m: [] for m in members}

    def race(instance, member, command_id, barrier):
        barrier.wait()
        try:
            instance.service.execute(c.ExemptMember(member, date(2026, 1, 5), "weak_health",
                                                    decision=by(tree["branch"], "assembly")),
                                     CommandContext(command_id, "NB"))
            outcomes[member].append("won")
        except DomainError as error:
            outcomes[member].append(error)

    try:
        for member in members:
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=race, args=(inst, member, f"{member}-{i}", barrier))
                       for i, inst in enumerate((app, other))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=30)
    finally:
        other.close()

    for member, results in outcomes.items():
        assert results.count("won") == 1, results
        [lost] = [r for r in results if r != "won"]
        # overlapping, the loser's append conflicts; otherwise it sees the member already exempt
        assert isinstance(lost, ConcurrencyConflict | InvalidState), lost
        assert membership.events_of(f"member-{member}").count("MemberExempted") == 1
    app.runner.catch_up()
    assert app.queries.members(tree["branch"], exempt=True).total == len(members)
    assert app.runner.dead_letters() == []
