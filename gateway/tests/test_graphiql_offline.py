"""GraphiQL works on a network without internet (a committee's intranet): the page the gateway
serves loads every script and stylesheet from the gateway itself, each one the file npm published
(its integrity hash), each vendored package with its licence, all shipped in the package."""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from gateway.server import GRAPHIQL

ROOT = Path(__file__).resolve().parents[2]
PAGE_URL = "http://testserver/graphql"


class References(HTMLParser):
    """Every URL the page makes the browser fetch: src and href of any element, with the
    element's integrity hash when it has one."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []  # (tag, url, integrity)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("src", "href"):
            if values.get(name):
                self.found.append((tag, values[name], values.get("integrity")))


def references(page: str) -> list[tuple[str, str, str | None]]:
    parser = References()
    parser.feed(page)
    return parser.found


def the_page(api) -> str:
    response = api.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_the_page_names_no_host_but_the_gateway(api):
    page = the_page(api)
    found = references(page)
    assert {tag for tag, _, _ in found} >= {"script", "link"}
    for tag, url, _ in found:
        if url.startswith("data:"):
            continue
        assert urlsplit(urljoin(PAGE_URL, url)).netloc == "testserver", (tag, url)
    assert re.findall(r"https?://[^\s\"'`<>]+", page) == []  # not even in the page's script


def test_every_asset_the_page_references_is_served_and_is_the_file_npm_published(api):
    assets = [(url, integrity) for tag, url, integrity in references(the_page(api))
              if not url.startswith("data:")]
    assert len(assets) >= 5  # react, react-dom, graphiql's script and style, the explorer's
    for url, integrity in assets:
        response = api.client.get(urlsplit(urljoin(PAGE_URL, url)).path)
        assert response.status_code == 200, url
        assert response.content, url
        assert integrity, f"{url} has no integrity hash to check it against"
        algorithm, expected = integrity.split("-", 1)
        digest = base64.b64encode(hashlib.new(algorithm, response.content).digest()).decode()
        assert digest == expected, f"{url} is not the file its integrity hash names"


def test_each_vendored_package_is_referenced_carries_its_licence_and_is_shipped(api):
    page = the_page(api)
    vendored = [p for p in (GRAPHIQL / "vendor").rglob("*") if p.is_file()]
    folders = {p.parent for p in vendored}
    assert folders, "nothing vendored"
    for folder in folders:
        assert (folder / "LICENSE").read_text(encoding="utf-8").strip(), folder
    for asset in vendored:
        if asset.name != "LICENSE":  # no stale file the page does not load
            assert f"graphiql/static/{asset.parent.name}/{asset.name}" in page, asset
    # a non-editable install (the Docker image) carries them: package-data names each file
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["gateway"]
    gateway = GRAPHIQL.parents[1]
    for path in [*vendored, GRAPHIQL / "index.html"]:
        relative = PurePosixPath(path.relative_to(gateway).as_posix())
        assert any(relative.match(pattern) for pattern in patterns), relative


def test_a_file_outside_the_vendored_assets_is_not_served(api):
    assert api.client.get("/graphiql/static/../index.html").status_code == 404
    assert api.client.get("/graphiql/static/update.sh").status_code == 404
