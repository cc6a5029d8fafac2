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
}
'''

FEDERATION_FIELDS = frozenset({"provinces", "federatedCounts", "federatedAttendance",
                               "citizenIdSearch", "citizenIdSearches",
                               "federatedLevelDistribution"})
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
