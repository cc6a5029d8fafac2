"""What `partyorg serve` prints: ready-made tokens for the demo's data, and queries to try."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from demo import DEMO_TODAY, MEETINGS_FROM
from gateway.auth import KeySet, issue_token
from partyorg.demo_data import DEFAULT_KEY, PROVINCE, root_id, sample_branch
from partyorg.embedded import EmbeddedService


@dataclass(frozen=True)
class DemoAccess:
    """Ready-made tokens: the province's organisation commission, and one branch's."""

    root_id: str
    branch_id: str
    branch_name: str
    province_token: str
    branch_token: str


def demo_access(membership: EmbeddedService, key: KeySet) -> DemoAccess:
    root = root_id(membership)
    branch_id, branch_name = sample_branch(membership, root)
    return DemoAccess(
        root, branch_id, branch_name,
        issue_token(key, user="demo-ban-to-chuc-tinh-uy", roles=["organisation_commission"],
                    org=root, province=PROVINCE, organ="organisation_board"),
        issue_token(key, user="demo-bi-thu-chi-bo", roles=["organisation_commission"],
                    org=branch_id, province=PROVINCE, organ="assembly"))


def meetings_query(organisation_id: str) -> str:
    """A JSON request body: a branch's attendance over the year and its latest meetings."""
    query = (f'{{ meetingStatistics(organisationId: "{organisation_id}", from: '
             f'"{MEETINGS_FROM}", to: "{DEMO_TODAY}") {{ attendance {{ rate meetings }} }} '
             f'meetings(organisationId: "{organisation_id}", first: 3) {{ edges {{ node {{ '
             'scheduledStart kind status present summoned } } } }')
    return json.dumps({"query": query}, ensure_ascii=False)


def personnel_query(committee_id: str) -> str:
    """The committee's personnel work queue (a term's expiry notice) and its plans'
    structure: what the province's token sees of the seeded cadre work."""
    return (f'{{ personnelWorkQueue(committeeId: "{committee_id}") {{ kind cadre {{ fullName }} '
            'post { title } dueOn detail } '
            f'planStructure(committeeId: "{committee_id}", cycle: "2030-2035") '
            '{ cadres young women warnings } }')


def token_command(data: Path, key: Path) -> str:
    """`partyorg token` as this process was started (`.venv/bin/partyorg` by `make demo`), on
    this data and key: a line that runs as printed."""
    program = sys.argv[0] if Path(sys.argv[0]).name == "partyorg" else \
        f"{sys.executable} -m partyorg.cli"
    options = f" --data {data}" + (f" --key {key}" if key != Path(DEFAULT_KEY) else "")
    return f"{program} token{options}"


def banner(access: DemoAccess, host: str, port: int, token: str = "partyorg token") -> str:
    """What `partyorg serve` prints; `token`: the command that makes more tokens for its data."""
    base = f"http://{host}:{port}"
    query = '{"query":"{ organisationTree { organisation { name } subtreeCounts { onRolls } } }"}'
    lines = [
        "",
        f"GraphQL (GraphiQL in a browser): {base}/graphql",
        f"Metrics:                         {base}/metrics",
        f"Health:                          {base}/healthz",
        "",
        "Token for the province (Ban Tổ chức Tỉnh ủy, organisation_commission, "
        "organisation_board), 12 h:",
        f"  {access.province_token}",
        f"Token for one branch ({access.branch_name}, organisation_commission, assembly), "
        "12 h:",
        f"  {access.branch_token}",
        "",
        "Try:",
        f"  curl -s {base}/graphql -H 'Content-Type: application/json' \\",
        f"    -H 'Authorization: Bearer {access.province_token}' \\",
        f"    -d '{query}'",
        "",
        f"A year of meetings ({MEETINGS_FROM:%m/%Y} – {DEMO_TODAY:%m/%Y}) as the branch sees it:",
        f"  curl -s {base}/graphql -H 'Content-Type: application/json' \\",
        f"    -H 'Authorization: Bearer {access.branch_token}' \\",
        f"    -d '{meetings_query(access.branch_id)}'",
        "and the province's compliance lists (in GraphiQL, with the province's token):",
        f"  {{ meetingCompliance(organisationId: \"{access.root_id}\", from: "
        f"\"{MEETINGS_FROM}\", to: \"{DEMO_TODAY}\") {{ removalGrounds {{ fullName ground months "
        "organisation { name } } missedThematicMeetings { period organisation { name } } } }",
        "the province's cadre work (personnel; the Tỉnh ủy's organisation commission only), "
        "with the same token:",
        f"  {personnel_query(access.root_id)}",
        "",
        "More tokens (--role organisation_commission reads and writes, viewer only reads):",
        f"  {token} --org root --role viewer",
        f"  {token} --org {access.branch_id} --role organisation_commission",
    ]
    if datetime.now(UTC).date() < DEMO_TODAY:
        lines.append(f"note: the demo's history runs to {DEMO_TODAY:%d/%m/%Y}, after today's date")
    return "\n".join(lines)
