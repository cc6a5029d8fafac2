"""Relay-style pages, shared by every service's GraphQL part."""

from __future__ import annotations

from typing import Generic, TypeVar

import strawberry

from kit.paging import Page

T = TypeVar("T")
DEFAULT_PAGE = 50


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int


def connection(page: Page, edges: list[Edge]) -> Connection:
    return Connection(edges=edges, total_count=page.total,
                      page_info=PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor))
