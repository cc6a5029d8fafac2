"""Abusive queries are refused before they run; unexpected failures reveal nothing."""

from __future__ import annotations

from graphql import specified_rules
from starlette.testclient import TestClient

from gateway.documents import DocumentCache
from gateway.input_size import MAX_SHORT
from gateway.schema import build_schema
from gateway.server import create_app

from .conftest import KEY

TREE_9_DEEP = ("{ organisationTree { children { children { children { children { children "
               "{ children { children { children { organisation { name } } } } } } } } } } }")


def test_a_query_nested_past_the_depth_limit_is_refused(api):
    body = api.gql(TREE_9_DEEP)
    assert body.get("data") is None
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


def test_a_query_asking_for_too_many_people_is_refused_with_its_cost(api):
    page = "members(organisationId: $org, first: 200) { edges { node { fullName history "\
           "{ event } organisation { name } } } }"
    aliases = " ".join(f"m{i}: {page}" for i in range(5))
    body = api.gql(f"query Abuse($org: ID!) {{ {aliases} }}", {"org": api.province.commune_a})
    assert body.get("data") is None
    error = body["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["cost"] > error["extensions"]["maxCost"]
    assert "'Abuse' is too expensive" in error["message"]


def test_page_sizes_given_as_variables_count_towards_the_cost(api):
    page = "members(organisationId: $org, first: $n) { edges { node { history { event } } } }"
    aliases = " ".join(f"m{i}: {page}" for i in range(5))
    query = f"query($org: ID!, $n: Int!) {{ {aliases} }}"
    small = api.gql(query, {"org": api.province.commune_a, "n": 5})
    large = api.gql(query, {"org": api.province.commune_a, "n": 200})
    assert "errors" not in small
    assert large["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


def test_a_repeated_text_is_priced_and_size_checked_with_each_requests_own_variables(api):
    """The document's walk is kept between requests; the variables' values are not: each
    request of the same text, in any order, gets the answer its own variables call for."""
    page = ("members(organisationId: $org, first: $n, filter: {nameContains: $name}) "
            "{ edges { node { history { event } } } }")
    aliases = " ".join(f"m{i}: {page}" for i in range(5))
    query = f"query($org: ID!, $n: Int!, $name: String) {{ {aliases} }}"
    org = api.province.commune_a
    for n, name, refused in [(5, "a", None), (200, "a", "QUERY_TOO_COSTLY"), (5, "a", None),
                             (5, "a" * (MAX_SHORT + 1), "INPUT_TOO_LONG"), (200, "a",
                             "QUERY_TOO_COSTLY"), (5, None, None), (5, "a", None)]:
        body = api.gql(query, {"org": org, "n": n, "name": name})
        codes = [e["extensions"]["code"] for e in body.get("errors", ())]
        assert codes == ([refused] if refused else []), (n, name, body)


def test_introspection_can_be_turned_off(api):
    query = "{ __schema { queryType { name } } }"
    assert api.gql(query)["data"]["__schema"]["queryType"]["name"] == "Query"
    with TestClient(create_app({"membership": api.province.membership}, KEY,
                                  introspection=False)) as client:
        response = client.post("/graphql", json={"query": query},
                               headers={"Authorization": f"Bearer {api.token(api.province.root)}"})
    assert response.json().get("data") is None
    assert "introspection" in response.json()["errors"][0]["message"].lower()


def test_an_unexpected_failure_answers_a_generic_error_with_no_internals(api, caplog):
    api.province.membership.read_db.close()  # a real fault: the read model went away
    response = api.post(f'{{ organisation(id: "{api.province.root}") {{ name }} }}',
                        token=api.token(api.province.root),
                        headers={"X-Correlation-Id": "fault-1"})
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "correlationId": "fault-1"}
    assert "closed" not in response.text and "sqlite" not in response.text.lower()
    assert any(r.exc_info and "closed" in str(r.exc_info[1]) for r in caplog.records)


def test_a_bad_cursor_is_a_typed_input_error(api):
    body = api.gql("query($org: ID!) { members(organisationId: $org, after: \"nonsense\") "
                   "{ totalCount } }", {"org": api.province.commune_a})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert body["errors"][0]["extensions"]["field"] == "after"


def test_refusals_stand_when_the_same_text_comes_again(api):
    """Texts are parsed and validated once; their errors are answered every time."""
    for _ in range(2):
        assert "exceeds maximum operation depth" in api.gql(TREE_9_DEEP)["errors"][0]["message"]
        body = api.gql("{ organisation(id: 1) { nope } }")
        assert "Cannot query field 'nope'" in body["errors"][0]["message"]
        body = api.gql("{ organisation(")
        assert "Syntax Error" in body["errors"][0]["message"]


def test_the_document_cache_is_bounded_and_parses_each_text_once():
    cache = DocumentCache(max_depth=8, max_cost=100, size=2)
    first = cache.parsed("{ a }", {})
    assert cache.parsed("{ a }", {}) is first
    cache.parsed("{ b }", {})
    cache.parsed("{ c }", {})  # "{ a }" was used least recently: it goes
    assert cache.parsed("{ a }", {}) is not first
    assert cache.parsed("{ a }", {"max_tokens": 3}) is not cache.parsed("{ a }", {})


def test_a_text_is_validated_once_per_set_of_rules():
    graphql_schema = build_schema()._schema
    cache = DocumentCache(max_depth=8, max_cost=100)
    entry = cache.parsed("{ viewer { userId nope } }", {})
    rules = tuple(specified_rules)
    found = cache.validated(graphql_schema, entry, entry.document, rules)
    assert "Cannot query field 'nope'" in found[1][0].message
    assert cache.validated(graphql_schema, entry, entry.document, rules) is found
    assert cache.validated(graphql_schema, entry, entry.document, rules[:-1]) is not found
