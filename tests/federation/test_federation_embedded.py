"""The federation over two embedded province deployments (in-process gateways): merged lists
with cursors spanning provinces, summed counts beside each province's, objects fetched by
global id, the citizen-ID search across provinces and its audit, and tokens kept to their
province."""

from __future__ import annotations

from .conftest import ask

MEMBERS = """query($o: ID!, $after: String) {
  members(organisationId: $o, first: 150, after: $after) {
    totalCount edges { cursor node { id fullName organisationId } }
    pageInfo { hasNextPage endCursor } } }"""


def test_a_list_across_provinces_pages_through_both_with_one_cursor(world, federation):
    token = world.tokens(world.nb, world.hue)
    ids, after, pages = [], None, 0
    while True:
        answer = ask(federation, MEMBERS, token, {"o": "*", "after": after})
        assert "errors" not in answer
        page = answer["data"]["members"]
        ids += [e["node"]["id"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    own = {code: ask(federation, MEMBERS, token, {"o": f"{code}:{root}"})["data"]["members"]
           for code, root in (("NB", world.nb_root), ("HUE", world.hue_root))}
    assert page["totalCount"] == own["NB"]["totalCount"] + own["HUE"]["totalCount"]
    assert len(ids) == len(set(ids)) == page["totalCount"] and pages >= 3
    # province order, then each province's own order: every NB member before any Huế one
    provinces = [i.split(":")[0] for i in ids]
    assert provinces == sorted(provinces, key=["NB", "HUE"].index)
    assert ids[:150] == [e["node"]["id"] for e in own["NB"]["edges"]]
    literal = ask(federation, MEMBERS.replace("$o: ID!, ", "").replace("$o", '"*"'), token,
                  {"after": after})["data"]["members"]  # "*" written in the document
    assert [e["node"]["id"] for e in literal["edges"]] == ids[-len(literal["edges"]):]


def test_counts_are_summed_with_each_provinces_figures_beside_them(world, federation):
    token = world.tokens(world.nb, world.hue)
    answer = ask(federation, """{ federatedCounts { total { onRolls official applicant }
        byProvince { province organisationId counts { onRolls official } } }
      hue: organisationTree(rootId: "HUE:HUE_ROOT") { subtreeCounts { onRolls } } }"""
                 .replace("HUE_ROOT", world.hue_root), token)
    assert "errors" not in answer
    counts = answer["data"]["federatedCounts"]
    by = {p["province"]: p for p in counts["byProvince"]}
    assert set(by) == {"NB", "HUE"}
    assert counts["total"]["onRolls"] == sum(p["counts"]["onRolls"] for p in by.values()) > 0
    assert by["HUE"]["counts"]["onRolls"] == answer["data"]["hue"]["subtreeCounts"]["onRolls"]
    assert by["NB"]["organisationId"] == f"NB:{world.nb_root}"


def test_an_object_is_fetched_from_the_province_its_id_names(world, federation):
    token = world.tokens(world.nb, world.hue)
    listed = ask(federation, MEMBERS, token, {"o": f"HUE:{world.hue_root}"})
    member = listed["data"]["members"]["edges"][0]["node"]
    answer = ask(federation, """query($id: ID!, $org: ID!) { member(id: $id) { id fullName
        organisationId } organisation(id: $org) { id name } }""", token,
                 {"id": member["id"], "org": member["organisationId"]})
    assert "errors" not in answer
    assert answer["data"]["member"] == member
    assert answer["data"]["organisation"]["id"] == member["organisationId"]
    assert member["id"].startswith("HUE:")


def test_a_citizen_id_is_searched_in_every_province_and_the_search_is_audited(world, federation):
    token = world.tokens(world.nb, world.hue, user="kiem-tra")
    answer = ask(federation, """query($c: String!) { citizenIdSearch(citizenId: $c) {
        id citizenId searchedBy provincesSearched matchCount
        matches { province member { id fullName citizenId } } } }""", token,
                 {"c": world.duplicate_cid})
    assert "errors" not in answer
    search = answer["data"]["citizenIdSearch"]
    assert sorted(m["province"] for m in search["matches"]) == ["HUE", "NB"]
    assert {m["member"]["citizenId"] for m in search["matches"]} == {world.duplicate_cid}
    assert search["searchedBy"] == ["HUE:kiem-tra", "NB:kiem-tra"]
    audit = ask(federation, "{ citizenIdSearches { id citizenId searchedBy matchCount } }",
                token)["data"]["citizenIdSearches"]
    assert audit[0] == {"id": search["id"], "citizenId": world.duplicate_cid,
                        "searchedBy": ["HUE:kiem-tra", "NB:kiem-tra"], "matchCount": 2}
    other = world.tokens(world.nb, user="someone-else")
    assert ask(federation, "{ citizenIdSearches { id } }", other)["data"] == {
        "citizenIdSearches": []}


def test_a_provinces_token_reads_that_province_only(world, federation):
    token = world.tokens(world.nb)  # Ninh Bình's token alone
    answer = ask(federation, """{ hue: organisation(id: "HUE:HUE_ROOT") { name }
        nb: organisation(id: "NB:NB_ROOT") { name } formationThresholdBreaches { organisation { id } } }"""
                 .replace("HUE_ROOT", world.hue_root).replace("NB_ROOT", world.nb_root), token)
    assert answer["data"]["hue"] is None and answer["data"]["nb"]["name"]
    refused = [e for e in answer["errors"] if e["extensions"].get("province") == "HUE"]
    assert {tuple(e["path"]) for e in refused} == {("hue",), ("formationThresholdBreaches",)}
    assert all(e["extensions"]["code"] == "UNAUTHENTICATED" for e in refused)
    assert all(not b["organisation"]["id"].startswith("HUE:")
               for b in answer["data"]["formationThresholdBreaches"])


def test_an_id_naming_no_province_is_refused(world, federation):
    token = world.tokens(world.nb, world.hue)
    answer = ask(federation, '{ organisation(id: "ROOT") { name } }'.replace("ROOT", world.nb_root),
                 token)
    assert answer["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    answer = ask(federation, '{ organisation(id: "XX:ROOT") { name } }'.replace(
        "ROOT", world.nb_root), token)
    assert answer["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert answer["data"] == {"organisation": None}


def test_provinces_report_their_health_schema_and_lag(world, federation):
    answer = ask(federation, "{ provinces { code name health breaker schemaMatches readModelLag } }",
                 world.tokens(world.nb))
    assert answer["data"]["provinces"] == [
        {"code": "NB", "name": "Ninh Bình", "health": "UP", "breaker": "closed",
         "schemaMatches": True, "readModelLag": 0},
        {"code": "HUE", "name": "Huế", "health": "UP", "breaker": "closed",
         "schemaMatches": True, "readModelLag": 0}]


def test_attendance_is_summed_over_each_provinces_tree_of_the_token(world, federation):
    answer = ask(federation, """{ federatedAttendance(from: "2025-12-01", to: "2026-11-20") {
        total { present expected meetings rate }
        byProvince { province organisationId attendance { present expected meetings rate } } } }""",
                 world.tokens(world.nb, world.hue))
    assert "errors" not in answer
    attendance = answer["data"]["federatedAttendance"]
    assert [(p["province"], p["organisationId"]) for p in attendance["byProvince"]] == [
        ("NB", f"NB:{world.nb_root}"), ("HUE", f"HUE:{world.hue_root}")]
    for figure in ("present", "expected", "meetings"):
        assert attendance["total"][figure] == sum(p["attendance"][figure]
                                                  for p in attendance["byProvince"])
    assert attendance["total"]["rate"] is None  # no meeting held in these provinces


def test_tokens_are_verified_at_the_federation_with_each_provinces_published_keys(world,
                                                                                   federation):
    import pytest

    from federation.access import AccessRefused
    from gateway.auth import issue_token
    from gateway.keys import KeySet

    forged = issue_token(KeySet.generate(), user="intruder", roles=["viewer"],
                         org=world.nb_root, province="NB")
    with pytest.raises(AccessRefused) as refused:  # alone: nothing usable, the request refused
        federation.credentials(f"Bearer {forged}")
    assert refused.value.reason == "UNKNOWN_KEY"
    hue = world.hue.token(world.hue_root, user="auditor")
    answer = ask(federation, "{ federatedCounts { byProvince { province } } }",
                 f"{forged},{hue}")
    assert answer["data"]["federatedCounts"]["byProvince"] == [{"province": "HUE"}]
    (error,) = answer["errors"]
    assert error["extensions"] == {"code": "UNAUTHENTICATED", "province": "NB",
                                   "reason": "UNKNOWN_KEY"}


def test_a_central_token_is_refused_a_provinces_records(world):
    from gateway.auth import issue_central_token
    from gateway.keys import KeySet
    from partyorg.federated import embedded_federation

    central = KeySet.generate()
    federation = embedded_federation([world.nb, world.hue], central=central)
    token = issue_central_token(central, user="ban-to-chuc-trung-uong")
    answer = ask(federation, '{ member(id: "NB:x") { fullName } }', token)
    assert answer["data"] == {"member": None}
    assert answer["errors"][0]["extensions"] == {"code": "FORBIDDEN"}


def test_a_mutation_goes_to_the_province_its_ids_name(world, federation):
    import uuid

    token = world.hue.token(world.hue_root, user="ban-to-chuc", organ="standing_committee")
    mutation = """mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) {
        __typename ... on CreateOrganisationSucceeded { organisation { id name } }
        ... on Error { code message } } }"""
    created = ask(federation, mutation, token, {"input": {
        "commandId": str(uuid.uuid4()), "name": "Chi bộ Trường Cao đẳng Du lịch",
        "type": "GRASSROOTS_BRANCH", "parentId": f"HUE:{world.hue_root}",
        "establishedOn": "2026-01-05"}})
    assert "errors" not in created, created
    result = created["data"]["createOrganisation"]
    assert result["__typename"] == "CreateOrganisationSucceeded", result
    assert result["organisation"]["id"].startswith("HUE:")
    fetched = ask(federation, '{ organisation(id: "ID") { name } }'.replace(
        "ID", result["organisation"]["id"]), world.tokens(world.hue))
    assert fetched["data"]["organisation"]["name"] == "Chi bộ Trường Cao đẳng Du lịch"
