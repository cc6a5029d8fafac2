"""What only the federation answers (provinces, federatedCounts, federatedAttendance,
federatedLevelDistribution, citizenIdSearch, citizenIdSearches, transferReconciliation): the fields each adds to every province's document, and
their resolvers over the provinces' answers, executed by graphql-core against the federation's
schema (so aliases, fragments, __typename and introspection come for free)."""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    default_field_resolver,
)

from . import reconciliation as rec
from .audit import CitizenIdAudit, CitizenIdSearchRecord
from .documents import literal

VIEWER = "_fed_viewer"
VIEWER_FIELD = f"{VIEWER}: viewer {{ userId province }}"
SCOPE = "_scope"  # beside a reconciliation's alias: is the token's organisation the root?


class Shaped(dict):
    """A province's answer, keyed by the client's response keys (aliases), not field names."""


def shaped(value: Any) -> Any:
    if isinstance(value, dict):
        return Shaped(value)
    if isinstance(value, list):
        return [shaped(v) for v in value]
    return value


def field_resolver(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
    if isinstance(source, Shaped):
        return shaped(source.get(info.path.key))
    return default_field_resolver(source, info, **args)


def int_fields(schema: GraphQLSchema, type_name: str) -> list[str]:
    type_ = schema.get_type(type_name)
    assert isinstance(type_, GraphQLObjectType)
    return [name for name, f in type_.fields.items() if str(f.type) in ("Int!", "Int")]


def member_selections(node: FieldNode) -> list[Any]:
    """The client's selection of `matches { member { … } }` in a citizenIdSearch."""
    found: list[Any] = []

    def walk(selections: Any, want: str, then: Any) -> None:
        for s in selections:
            if isinstance(s, FieldNode) and s.name.value == want and s.selection_set:
                then(s.selection_set.selections)
            elif isinstance(s, InlineFragmentNode):
                walk(s.selection_set.selections, want, then)

    if node.selection_set:
        walk(node.selection_set.selections, "matches",
             lambda sel: walk(sel, "member", found.extend))
    return found


def internal_field(schema: GraphQLSchema, name: str, alias: str, args: dict[str, Any],
                   org: str | None, central: bool = False) -> str | None:
    """The field(s) a province answers for one federation field (the citizen search's member
    selection is added by the caller); None when this province has nothing to answer.
    `central`: asked with a central token, which names no organisation (the province counts
    under its root)."""
    if name == "federatedCounts":
        counts = " ".join(int_fields(schema, "StatusCounts"))
        return (f"{alias}: organisationTree(asOf: {literal(args.get('asOf'))}) "
                f"{{ organisation {{ id }} subtreeCounts {{ {counts} }} }}")
    if name in ("federatedAttendance", "federatedLevelDistribution") and org is None \
            and not central:
        return None
    where = "" if central else f"organisationId: {literal(org)}, "
    if name == "federatedAttendance":
        rates = " ".join(int_fields(schema, "AttendanceRate"))
        return (f"{alias}: meetingStatistics({where}"
                f"from: {literal(args['from'])}, to: {literal(args['to'])}) "
                f"{{ organisation {{ id }} attendance {{ {rates} }} }}")
    if name == "federatedLevelDistribution":
        kind = args.get("subjectKind")
        return (f"{alias}: levelDistribution({where}fromYear: {literal(args['fromYear'])}, "
                f"toYear: {literal(args['toYear'])}, on: {literal(args.get('on'))}"
                f"{', subjectKind: ' + str(kind) if kind is not None else ''}) "
                f"{{ {' '.join(LEVEL_FIELDS)} }}")
    if name == "transferReconciliation":
        # every side, open or not: a side closed here may still be open there
        return (f"{alias}: transfersBetweenProvinces(organisationId: {literal(org)}) "
                f"{{ {rec.SIDE_FIELDS} }} {alias}{SCOPE}: organisation(id: {literal(org)}) "
                "{ id parentId }")
    if name == "citizenIdSearch":
        return f"{alias}: membersByCitizenId(citizenId: {literal(args['citizenId'])}) {{ id }}"
    return None


class NativeRoot:
    """The root value the federation's own fields resolve from, for one request."""

    def __init__(self, answers: dict[str, dict[str, Any]], aliases: dict[str, str],
                 provinces: list[dict[str, Any]], audit: CitizenIdAudit,
                 order: list[str], errors: list[dict[str, Any]] | None = None,
                 today: Any = None) -> None:
        self._answers = answers  # province -> its data (ids global)
        self._aliases = aliases  # the client's response key -> the internal alias
        self._provinces = provinces
        self._audit = audit
        self._order = order
        self._errors = errors or []  # the provinces' so far: why one did not answer
        self._today = today  # () -> date, the federation's clock

    def _per_province(self, info: GraphQLResolveInfo) -> list[tuple[str, Any]]:
        alias = self._aliases.get(info.path.key)
        return [(code, self._answers[code].get(alias)) for code in self._order
                if code in self._answers and self._answers[code].get(alias) is not None]

    def provinces(self, info: GraphQLResolveInfo) -> list[dict[str, Any]]:
        return self._provinces

    def federatedCounts(self, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:  # noqa: N802
        return _summed(self._per_province(info), "subtreeCounts", "counts",
                       int_fields(info.schema, "StatusCounts"))

    def federatedAttendance(self, info: GraphQLResolveInfo, **args: Any) -> dict[str, Any]:  # noqa: N802
        summed = _summed(self._per_province(info), "attendance", "attendance",
                         int_fields(info.schema, "AttendanceRate"))
        total = summed["total"]
        total["rate"] = total["present"] / total["expected"] if total.get("expected") else None
        for entry in summed["byProvince"]:
            a = entry["attendance"]
            a["rate"] = a["present"] / a["expected"] if a.get("expected") else None
        return summed

    def federatedLevelDistribution(self, info: GraphQLResolveInfo, **args: Any) -> dict:  # noqa: N802
        by_province = [{"province": code, "years": years}
                       for code, years in self._per_province(info)]
        return {"total": summed_years([p["years"] for p in by_province]),
                "byProvince": by_province}

    def citizenIdSearch(self, info: GraphQLResolveInfo, citizenId: str) -> dict[str, Any]:  # noqa: N802, N803
        found = self._per_province(info)
        searched = [code for code in self._order if code in self._answers
                    and self._aliases.get(info.path.key) in self._answers[code]]
        matches = [{"province": code, "member": Shaped(m)} for code, members in found
                   for m in members]
        entry = self._audit.record("".join(citizenId.split()), self.verified_users(),
                                   searched, len(matches))
        return {**_record(entry), "matches": matches}

    def citizenIdSearches(self, info: GraphQLResolveInfo, first: int = 50) -> list[dict]:  # noqa: N802
        users = set(self.verified_users())
        return [_record(e) for e in self._audit.searches_by(users, first)] if users else []

    def transferReconciliation(self, info: GraphQLResolveInfo, openOnly: bool = False,  # noqa: N802, N803
                               overdueOnly: bool = False) -> dict[str, Any]:  # noqa: N803
        key, alias = info.path.key, self._aliases.get(info.path.key)
        answered, missing = [], {}
        for code in self._order:
            data = self._answers.get(code) or {}
            value = data.get(alias) if alias else None
            if value is None:
                missing[code] = self._why(code, key)
                continue
            scope = data.get(f"{alias}{SCOPE}")
            answered.append(rec.ProvinceSide(code, tuple(rec.side(t) for t in value),
                                             scope is not None and scope["parentId"] is None))
        pairs = rec.reconcile(answered, missing, self._order, self._today())
        return rec.answer(pairs, [p.code for p in answered], self._order, openOnly,
                          overdueOnly)

    def _why(self, code: str, key: str) -> str:
        for e in self._errors:
            path = e.get("path") or [None]
            if (e.get("extensions") or {}).get("province") == code and path[0] == key:
                return str(e.get("message"))
        return "no answer"

    def verified_users(self) -> list[str]:
        """The caller as each province verified its token (its viewer)."""
        users = []
        for code in self._order:
            viewer = self._answers.get(code, {}).get(VIEWER)
            if viewer:
                users.append(f"{code}:{viewer['userId']}")
        return users


def _summed(found: list[tuple[str, Any]], inner: str, as_: str,
            names: list[str]) -> dict[str, Any]:
    total: dict[str, Any] = dict.fromkeys(names, 0)
    by_province = []
    for code, value in found:
        figures = dict(value[inner])
        for k, v in figures.items():
            if isinstance(v, int):
                total[k] = total.get(k, 0) + v
        by_province.append({"province": code, "organisationId": value["organisation"]["id"],
                            as_: figures})
    return {"total": total, "byProvince": by_province}


LEVELS = ("excellent", "good", "completed", "failed")
LEVEL_FIELDS = ("year", *LEVELS, "total", "goodOrBetterPercent", "changeInPoints")


def summed_years(provinces: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Each year's levels summed over the provinces; the share at HTT or better and its change
    from the year before computed from the sums as a province computes its own."""
    years: dict[int, dict[str, Any]] = {}
    for rows in provinces:
        for row in rows:
            year = years.setdefault(row["year"], {"year": row["year"], "total": 0,
                                                  **dict.fromkeys(LEVELS, 0)})
            for figure in (*LEVELS, "total"):
                year[figure] += row[figure]
    before = None
    for _, year in sorted(years.items()):
        good = year["excellent"] + year["good"]
        share = round(100 * good / year["total"], 1) if year["total"] else None
        year["goodOrBetterPercent"] = share
        year["changeInPoints"] = (None if share is None or before is None
                                  else round(share - before, 1))
        before = share
    return [years[y] for y in sorted(years)]


def _record(entry: CitizenIdSearchRecord) -> dict[str, Any]:
    return {"id": entry.id, "citizenId": entry.citizen_id,
            "searchedAt": entry.searched_at.isoformat(), "searchedBy": list(entry.searched_by),
            "provincesSearched": list(entry.provinces_searched), "matchCount": entry.match_count,
            "matches": []}
