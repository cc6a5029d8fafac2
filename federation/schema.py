"""The federation's schema: the province gateways' published SDL (contracts/graphql/, the same
file every province serves) extended with what only a federation can answer. Documents are
parsed and validated once here, against it; the provinces receive the parts meant for them."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from graphql import GraphQLSchema, build_schema

PROVINCE_SDL = Path(__file__).resolve().parent.parent / "contracts" / "graphql" / "schema.graphql"

FEDERATION_SDL = '''
"""How a province deployment answers the federation."""
enum ProvinceHealth {
  """Its gateway answered its health check."""
  UP
  """It answered but reports itself unavailable, or serves another schema."""
  DEGRADED
  """No answer, or its circuit breaker is open."""
  DOWN
}

"""A province deployment this federation serves."""
type Province {
  """The prefix of its global ids (NB:<id>)."""
  code: String!
  name: String!
  health: ProvinceHealth!
  """Its circuit breaker: closed, open or half_open."""
  breaker: String!
  """The version (hash) of the schema it serves; null when it did not answer."""
  schemaVersion: String
  """True when it serves the schema the federation merges."""
  schemaMatches: Boolean!
  """Events its most lagging read model is behind its store; null when unknown."""
  readModelLag: Int
}

type ProvinceStatusCounts {
  province: String!
  """The root of the tree counted there (the organisation the token acts for)."""
  organisationId: ID!
  counts: StatusCounts!
}

"""Member counts summed across provinces, each province's beside the sum."""
type FederatedCounts {
  total: StatusCounts!
  byProvince: [ProvinceStatusCounts!]!
}

type ProvinceAttendance {
  province: String!
  organisationId: ID!
  attendance: AttendanceRate!
}

"""Meeting attendance summed across provinces (rate = present / expected of the sums)."""
type FederatedAttendance {
  total: AttendanceRate!
  byProvince: [ProvinceAttendance!]!
}

type ProvinceLevelDistribution {
  province: String!
  """Each year's classifications there, as the province answers levelDistribution."""
  years: [LevelDistributionYear!]!
}

"""Annual classifications by level summed across provinces, year by year (the share at HTT or
better and its change recomputed from the sums), each province's beside them."""
type FederatedLevelDistribution {
  total: [LevelDistributionYear!]!
  byProvince: [ProvinceLevelDistribution!]!
}

type CitizenIdMatch {
  province: String!
  member: Member!
}

"""One search by citizen ID across every province, as the audit keeps it."""
type CitizenIdSearch {
  id: ID!
  citizenId: String!
  searchedAt: DateTime!
  """Who searched, as each province verified the token it was sent (NB:user)."""
  searchedBy: [String!]!
  """The provinces that answered; those that did not are named in errors."""
  provincesSearched: [String!]!
  matchCount: Int!
  """The files found (only in the answer to the search itself; the audit keeps the count)."""
  matches: [CitizenIdMatch!]!
}

"""How the two sides of a transfer between provinces compare (federation/reconciliation.py)."""
enum TransferReconciliationStatus {
  """Both sides closed alike: completed and arrived, or returned and refused."""
  MATCHED
  """Both open within presentBy, or one side's answer still on its way (within 3 days)."""
  IN_TRANSIT
  """Both open, either past presentBy (as that province counts days)."""
  OVERDUE
  """One side only though the other province answered for its whole tree (a letter never
  received, a receipt the sender does not know), or sides that disagree past the grace."""
  ORPHANED
  """One side only, and the other province did not answer (see errors, extensions.province),
  is not in this federation, or answered for a part of its tree only."""
  UNKNOWN
}

"""A transfer between provinces as both record it. Ids as the sending province names them
(fromProvince:<id>; the receiving province's record has the same id after its own prefix)."""
type ReconciledTransfer {
  transferId: ID!
  fromProvince: String!
  toProvince: String!
  memberId: ID!
  fromOrganisationId: ID!
  """As the receiving province names it (toProvince:<id>)."""
  toOrganisationId: ID!
  letterNumber: String!
  issuedOn: Date!
  presentBy: Date!
  """The sending side's state (in_transit, completed, returned); null when not reported."""
  sendingState: String
  sendingClosedOn: Date
  """The receiving side's state (awaiting, arrived, refused); null when not reported."""
  receivingState: String
  receivingClosedOn: Date
  """Open on either side past presentBy."""
  overdue: Boolean!
  status: TransferReconciliationStatus!
  """Why it is ORPHANED or UNKNOWN; null otherwise."""
  problem: String
}

type TransferStatusCounts {
  matched: Int!
  inTransit: Int!
  overdue: Int!
  orphaned: Int!
  unknown: Int!
  total: Int!
}

type ProvincePairTransfers {
  fromProvince: String!
  toProvince: String!
  counts: TransferStatusCounts!
}

"""Every province's side of the transfers between provinces, matched by transfer id."""
type TransferReconciliation {
  """The provinces whose side is included; the others are named in errors."""
  provincesAnswered: [String!]!
  """The pairs the filters keep, oldest letter first."""
  transfers: [ReconciledTransfer!]!
  """Every pair counted by status, whatever the filters."""
  totals: TransferStatusCounts!
  byProvincePair: [ProvincePairTransfers!]!
}

extend type Query {
  """The province deployments this federation serves, with their health."""
  provinces: [Province!]!
  """Each province's tree under the organisation its token acts for, counted by status and summed."""
  federatedCounts(asOf: Date = null): FederatedCounts!
  """Each province's meeting attendance over [from, to] under its token's organisation, summed."""
  federatedAttendance(from: Date!, to: Date!): FederatedAttendance!
  """Each province's annual classifications by level (members by default) under its token's
  organisation (a central token: the whole province), year by year, summed."""
  federatedLevelDistribution(fromYear: Int!, toYear: Int!, on: Date = null, subjectKind: EvaluationSubjectKind = null): FederatedLevelDistribution!
  """Every province's files recording this citizen ID (CCCD): the duplicate check across
  provinces. Each search is recorded in the audit (citizenIdSearches)."""
  citizenIdSearch(citizenId: String!): CitizenIdSearch!
  """The audit of citizen-ID searches made by the users the caller's tokens verify as, newest first."""
  citizenIdSearches(first: Int! = 50): [CitizenIdSearch!]!
  """Each province's transfers to and from other provinces (transfersBetweenProvinces under
  its token's organisation: a root token sees the whole province) matched by transfer id,
  each pair given a status. openOnly: all but MATCHED; overdueOnly: open past presentBy on
  either side. Needs each province's own token (a central token is refused FORBIDDEN)."""
  transferReconciliation(openOnly: Boolean! = false, overdueOnly: Boolean! = false): TransferReconciliation!
}
'''

FEDERATION_FIELDS = frozenset({"provinces", "federatedCounts", "federatedAttendance",
                               "citizenIdSearch", "citizenIdSearches",
                               "federatedLevelDistribution", "transferReconciliation"})
# the statistics (no person): what a central token is sent to a province for
STATISTICS = frozenset({"federatedCounts", "federatedAttendance", "federatedLevelDistribution"})


@functools.cache
def province_sdl() -> str:
    return PROVINCE_SDL.read_text(encoding="utf-8")


def schema_version(sdl: str) -> str:
    """As a province gateway reports it on /healthz."""
    return hashlib.sha256(sdl.rstrip("\n").encode()).hexdigest()[:16]


@functools.cache
def federation_schema() -> GraphQLSchema:
    return build_schema(province_sdl() + FEDERATION_SDL)
