"""The issue's path through GraphQL alone, as the managing committee: register a post, open a
cadre file, plan the cadre, be refused a fourth cadre for the post naming the rule, appoint from
the plan, and see the term's expiry notice in the work queue on its day."""

from __future__ import annotations

import uuid

RESULT = """__typename ... on Error { code message } ... on RuleViolated { rule ruleVersion }"""


def mutate(gateway, world, name: str, input_type: str, fields: dict, **ids: str) -> dict:
    query = (f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {RESULT} "
             f"{' '.join(f'... on {name[0].upper()}{name[1:]}Succeeded {{ {i} }}' for i in ids)}"
             " } }")
    body = gateway(query, {"input": {"commandId": str(uuid.uuid4()), **fields}},
                   world.province, organ="standing_committee")
    assert "errors" not in body, body
    return body["data"][name]


def decision(on: str) -> dict:
    return {"number": "21-QĐ/TU", "decidedOn": on, "signer": "Nguyễn Văn Thành"}


def test_plan_refuse_the_fourth_appoint_from_the_plan_and_see_the_expiry_notice(world, gateway):
    post = mutate(gateway, world, "registerPost", "RegisterPostInput", {
        "title": "Giám đốc Sở Nội vụ", "body": "government", "level": "province",
        "organisationId": world.province, "managingOrganisationId": world.province,
        "rank": 60, "head": True}, postId=1)["postId"]

    def cadre(name: str, born: str, gender: str) -> str:
        return mutate(gateway, world, "openCadreFile", "OpenCadreFileInput", {
            "managingOrganisationId": world.province, "politicalTheory": "advanced",
            "education": "master", "openedOn": "2026-01-05",
            "person": {"fullName": name, "dateOfBirth": born, "gender": gender}},
            cadreId=1)["cadreId"]

    def plan(cadre_id: str, cycle: str, on: str) -> dict:
        return mutate(gateway, world, "addCadreToPlan", "AddCadreToPlanInput", {
            "postId": post, "cadreId": cadre_id, "cycle": cycle, "decision": decision(on)})

    hoa = cadre("Trần Thị Hoa", "1978-04-02", "female")
    assert plan(hoa, "2025-2030", "2025-05-01")["__typename"] == "AddCadreToPlanSucceeded"
    for name in ("Lê Văn An", "Phạm Văn Bình", "Đỗ Văn Cường"):
        assert plan(cadre(name, "1985-01-01", "male"), "2030-2035",
                    "2026-03-01")["__typename"] == "AddCadreToPlanSucceeded"
    fourth = plan(cadre("Vũ Thị Dung", "1986-01-01", "female"), "2030-2035", "2026-03-01")
    assert (fourth["__typename"], fourth["rule"], fourth["ruleVersion"]) == \
        ("RuleViolated", "planning.max_cadres_per_post", "QD377-2025")

    appointed = mutate(gateway, world, "appointCadre", "AppointCadreInput", {
        "cadreId": hoa, "postId": post, "startsOn": "2025-06-01",
        "decision": decision("2025-05-20")})
    assert appointed["__typename"] == "AppointCadreSucceeded", appointed

    terms = gateway("""query($c: ID!) { expiringTerms(committeeId: $c, from: "2030-01-01",
      to: "2030-12-31") { cadre { fullName } term { endsOn termNumber } noticeOn } }""",
                    {"c": world.province}, world.province)["data"]["expiringTerms"]
    assert [(t["cadre"]["fullName"], t["term"]["endsOn"]) for t in terms] == \
        [("Trần Thị Hoa", "2030-06-01")]
    notice = terms[0]["noticeOn"]
    queue = """query($c: ID!, $on: Date) { personnelWorkQueue(committeeId: $c, on: $on)
      { kind cadre { fullName } post { title } dueOn } }"""
    assert gateway(queue, {"c": world.province, "on": "2030-01-02"},
                   world.province)["data"]["personnelWorkQueue"] == []
    due = gateway(queue, {"c": world.province, "on": notice},
                  world.province)["data"]["personnelWorkQueue"]
    assert due == [{"kind": "term_expiry_notice", "cadre": {"fullName": "Trần Thị Hoa"},
                    "post": {"title": "Giám đốc Sở Nội vụ"}, "dueOn": notice}]
