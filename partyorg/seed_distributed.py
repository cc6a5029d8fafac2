"""`partyorg seed --distributed` (`make seed-up`): the demo province loaded into the province
`make up` runs, through its commands over RPC — the plan, command ids and meetings of
`partyorg seed`, so a second run appends nothing (every command answers as a duplicate).

The demo is planned under the province's root organisation (the one `make up` creates), so the
root token `make up` printed sees all of it. Membership's commands run one after another, each
reply waiting for membership's read models (a dissolution checks who is left); before each day of
meetings, the meetings service's own view of the rolls has caught up with membership's events
(its RPC health reports the positions it applied); the meetings of one day run side by side.
Into HUE (PARTYORG_PROVINCE=HUE, `make seed-up PROVINCE=HUE`) it is the ward city of `make demo`'s
second province instead (demo/ward_city.py), under the city committee `make up` created.

Settings as the processes take them (partyorg.distributed): PARTYORG_AMQP_URI, PARTYORG_PROVINCE,
PARTYORG_<SERVICE>_RPC_NAME, PARTYORG_<SERVICE>_TOPIC.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

from demo import DEMO_TODAY, SeedError
from demo.meetings_plan import MeetingsPlanner, PlannedMeeting
from demo.meetings_seeder import (
    MeetingsReport,
    MeetingsSeeder,
    MeetingsSeedError,
    quiet_meetings_log,
)
from demo.plan import Numbers
from demo.seeder import SeedReport, build_plan, run_steps
from demo.ward_city import PROVINCE_CODE as WARD_CITY
from demo.ward_city import CityReport, seed_ward_city
from gateway.clients.rpc import RpcClient, ServiceUnavailable
from kit.clock import FixedClock
from kit.errors import DomainError
from partyorg.distributed import Settings
from services.meetings.api import SummonedMember
from services.meetings.declaration import DECLARATION as MEETINGS
from services.membership.declaration import DECLARATION as MEMBERSHIP

SIDE_BY_SIDE = 4  # meetings of one day held at once
ROSTER_WAIT_S = 60.0  # how long a day waits for meetings' view of membership's events
ATTEMPTS = 20  # a command whose answer was lost is sent again (by its id, it applies once),
# for about two minutes: a server restarting (PostgreSQL, RabbitMQ) comes back within that


class _Retrying:
    """A service's execute, sent again (same command id) when no answer came back: a broker
    or database hiccup must not end an hour of seeding. Refusals are answers: never retried."""

    def __init__(self, service: Any, progress: Callable[[str], None]) -> None:
        self._service = service
        self._progress = progress

    def execute(self, command: object, context: Any, acting_for: str | None = None) -> Any:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._service.execute(command, context, acting_for)
            except DomainError:
                raise
            except Exception as exc:  # no answer, or the service failed to run it
                if attempt == ATTEMPTS:
                    raise
                self._progress(f"{type(command).__name__} {context.command_id}: no answer "
                               f"({exc}); sending it again")
                time.sleep(min(attempt, 8))
        raise AssertionError("unreachable")


class _NoBatch:
    """Over RPC every command commits on its own: nothing to group."""

    @staticmethod
    def batch() -> contextlib.AbstractContextManager:
        return contextlib.nullcontext()


@dataclass
class _Caught:
    catch_up: Callable[[], None]


class _Membership:
    """What the demo's seeder uses of a service (demo.seeder.run_steps), over RPC: each reply has
    waited for the service's read models, so there is nothing to catch up here. It keeps the
    highest position membership answered with, which meetings' view must reach."""

    def __init__(self, client: RpcClient, today: date,
                 progress: Callable[[str], None]) -> None:
        self.client = client
        self.commands = _Retrying(client.service, progress)
        self.province = client.province
        self.clock = FixedClock()
        self.clock.set_today(today)
        self.store = _NoBatch()
        self.runner = _Caught(lambda: None)
        self.service = self
        self.position = 0

    def execute(self, command: object, context: Any, acting_for: str | None = None) -> Any:
        result = self.commands.execute(command, context, acting_for)
        self.position = max(self.position, *result.positions, 0)
        return result


class _RpcMeetings:
    def __init__(self, client: RpcClient, progress: Callable[[str], None]) -> None:
        self.client = client
        self.service = _Retrying(client.service, progress)


class RpcMeetingsSeeder(MeetingsSeeder):
    """demo.meetings_seeder's meetings, held over RPC."""

    def __init__(self, meetings: RpcClient, membership: _Membership, followed_source: str,
                 planned: list[PlannedMeeting], seed: int, progress: Callable[[str], None],
                 started: float) -> None:
        super().__init__(_RpcMeetings(meetings, progress), planned, seed, progress,  # type: ignore[arg-type]
                         started)
        self.client = meetings
        self.membership = membership
        self.followed_source = followed_source

    def batch(self) -> contextlib.AbstractContextManager:
        return contextlib.nullcontext()

    def hold(self, meetings: list[PlannedMeeting]) -> None:
        with ThreadPoolExecutor(SIDE_BY_SIDE, thread_name_prefix="meetings") as pool:
            for done in [pool.submit(self._meeting, m) for m in meetings]:
                done.result()

    def catch_up_roster(self) -> None:
        wanted, deadline = self.membership.position, time.monotonic() + ROSTER_WAIT_S
        while self.client.applied_positions().get(self.followed_source, 0) < wanted:
            if time.monotonic() > deadline:
                raise MeetingsSeedError(
                    f"the meetings service's view of membership did not reach position {wanted} "
                    f"in {ROSTER_WAIT_S:g} s: is its projection worker running?")
            time.sleep(0.05)

    def frozen(self, opened: Any, meeting_id: str) -> list[SummonedMember]:
        """The summoned list the meeting froze when it opened, as its record shows it."""
        deadline = time.monotonic() + ROSTER_WAIT_S
        while True:
            detail = self.client.queries.meeting(meeting_id)
            if detail is not None and detail.summary.status != "scheduled":
                return [SummonedMember(a.member_id, a.full_name, a.official, a.exempt,
                                       a.temporarily_transferred_out, a.temporary_member,
                                       a.suspended) for a in detail.attendance]
            if time.monotonic() > deadline:
                raise MeetingsSeedError(f"meeting {meeting_id} opened but its record did not "
                                        "show it: is the meetings projection worker running?")
            time.sleep(0.05)

    def start(self) -> None:  # the service's own projection worker applies its events
        pass

    def stop(self) -> None:
        pass

    def catch_up_all(self) -> None:
        pass


def province_root(membership: RpcClient, demo_root: str) -> str | None:
    """The root to plan the demo under: None when the demo's own root is there (resuming) or
    there is none (the demo creates it); else the province's one active root."""
    roots = membership.queries.roots()
    if not roots or any(r.id == demo_root for r in roots):
        return None
    active = [r for r in roots if r.status == "active"]
    if len(active) != 1:
        raise SeedError(f"the province has {len(active)} active root organisations "
                        f"({', '.join(r.name for r in active)}): seed into a province with one")
    return active[0].id


def seed_up(seed_value: int, scale: float, say: Callable[[str], None]) -> None:
    """`partyorg seed --distributed`, on the environment's settings: the ward city
    (demo/ward_city.py) into HUE, the demo province into any other."""
    if os.environ.get("PARTYORG_PROVINCE") == WARD_CITY:
        seed_ward_city_up(os.environ, seed_value, scale, say)
        return
    say("seeding the demo province into the distributed province over RPC (Yên Mô, Ninh Bình; "
        f"today = {DEMO_TODAY:%d/%m/%Y})")
    report = seed_distributed(os.environ, seed_value=seed_value, scale=scale, progress=say)
    held = report.meetings or MeetingsReport()
    say(f"seeded: {report.commands} commands ({report.duplicates} already there), "
        f"{report.events} events; {held.held} meetings held ({held.commands} commands, "
        f"{held.duplicates} already there) in {report.seconds:.1f} s, under the province's "
        f"root {report.root_id}")


def seed_ward_city_up(env: Mapping[str, str], seed_value: int, scale: float,
                      say: Callable[[str], None], timeout: float = 30) -> CityReport:
    """The second demo province's wards, through HUE's membership service over RPC, under the
    city committee `make up` created; a second run appends nothing."""
    amqp = env.get("PARTYORG_AMQP_URI")
    if not amqp:
        raise SeedError("the distributed mode needs PARTYORG_AMQP_URI: `make up` writes it to "
                        "var/local-env.sh (set -a; . var/local-env.sh; set +a)")
    settings = Settings.for_service(MEMBERSHIP, env)
    client = RpcClient.of(MEMBERSHIP, amqp, settings.province, timeout=timeout,
                          service_name=settings.rpc_name)
    try:
        roots = [r for r in client.queries.roots() if r.status == "active"]
        if len(roots) != 1:
            raise SeedError(f"province {settings.province} has {len(roots)} active root "
                            "organisations: seed into the one `make up` started")
        say(f"seeding the ward city into province {settings.province} over RPC, under "
            f"{roots[0].name}")
        started = time.perf_counter()
        membership = SimpleNamespace(service=_Retrying(client.service, say),
                                     province=client.province)
        report = seed_ward_city(membership, seed=seed_value, scale=scale,  # type: ignore[arg-type]
                                progress=say, root_id=roots[0].id)
    except ServiceUnavailable as exc:
        raise SeedError(f"the membership service did not answer ({exc}): is `make up` "
                        "running?") from exc
    finally:
        client.close()
    say(f"seeded: {report.members} members, {report.commands} commands in "
        f"{time.perf_counter() - started:.1f} s (a second run answers them as duplicates)")
    return report


def seed_distributed(env: Mapping[str, str], *, seed_value: int = 2025, scale: float = 1.0,
                     progress: Callable[[str], None] = lambda line: None,
                     timeout: float = 30) -> SeedReport:
    amqp = env.get("PARTYORG_AMQP_URI")
    if not amqp:
        raise SeedError("the distributed mode needs PARTYORG_AMQP_URI: `make up` writes it to "
                        "var/local-env.sh (set -a; . var/local-env.sh; set +a)")
    if date.today() < DEMO_TODAY:  # the services judge dates by the system clock
        raise SeedError(f"the demo's history runs to {DEMO_TODAY:%d/%m/%Y}, after today's date: "
                        "the services would refuse its last commands as in the future")
    membership_settings = Settings.for_service(MEMBERSHIP, env)
    meetings_settings = Settings.for_service(MEETINGS, env)
    membership_client = RpcClient.of(MEMBERSHIP, amqp, membership_settings.province,
                                     timeout=timeout, service_name=membership_settings.rpc_name)
    meetings_client = RpcClient.of(MEETINGS, amqp, meetings_settings.province, timeout=timeout,
                                   service_name=meetings_settings.rpc_name)
    try:
        return _seed(membership_client, meetings_client,
                     meetings_settings.followed_topics[MEMBERSHIP.name], seed_value, scale,
                     progress)
    except ServiceUnavailable as exc:
        raise SeedError(f"{exc.service or 'a'} service did not answer ({exc}): is `make up` "
                        "running?") from exc
    except MeetingsSeedError as exc:
        raise SeedError(str(exc)) from exc
    finally:
        membership_client.close()
        meetings_client.close()


def _seed(membership_client: RpcClient, meetings_client: RpcClient, followed: str,
          seed_value: int, scale: float, progress: Callable[[str], None]) -> SeedReport:
    started = time.perf_counter()
    for client in (membership_client, meetings_client):
        client.health()  # both answer, or ServiceUnavailable says which does not
    demo_root = build_plan(seed_value, scale, DEMO_TODAY)[1].root.id
    root = province_root(membership_client, demo_root)
    steps, province = build_plan(seed_value, scale, DEMO_TODAY, root_id=root)
    progress(f"planned {len(steps)} commands ({len(province.branches)} branches, seed "
             f"{seed_value}, scale {scale}) under {'the province root ' + root if root else 'its own root'}")
    report = SeedReport(seed_value, scale, DEMO_TODAY, root_id=province.root.id,
                        district_id=province.district.id)
    membership = _Membership(membership_client, DEMO_TODAY, progress)
    planned = MeetingsPlanner(seed_value, DEMO_TODAY).plan(province)
    progress(f"planned {len(planned)} meetings")
    meetings = RpcMeetingsSeeder(meetings_client, membership, followed, planned, seed_value,
                                 progress, started)
    log, quiet = quiet_meetings_log()
    try:
        run_steps(membership, steps, Numbers(seed_value), report, 2000, progress, started,  # type: ignore[arg-type]
             meetings.interludes())
        report.meetings = meetings.finish()
    finally:
        log.setLevel(quiet)
    report.seconds = time.perf_counter() - started
    return report

