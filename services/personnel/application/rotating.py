"""The rotation handler: gather the facts QĐ 65 asks about, then let the cadre file decide."""

from __future__ import annotations

from kit.ids import parse_id

from ..domain.cadre import CadreFile, cycle_span
from ..domain.post import Post
from ..domain.rotation import RotateCadre, RotationFacts
from .deps import CommandScope


def _head_terms_in_place(cadre: CadreFile, place: str, scope: CommandScope, on) -> int:
    """The consecutive head terms the cadre serves (or just ended) in the organisation."""
    served = [t.term_number for p, t in cadre.terms.items()
              if t.head and t.ends_on >= on and scope.repo.load(Post, p).organisation_id == place]
    return max(served, default=0)


def rotate_cadre(cmd: RotateCadre, scope: CommandScope, command_id: str) -> dict:
    cadre = scope.cadre(parse_id(cmd.cadre_id, "cadre_id"))
    post = scope.post(parse_id(cmd.to_post_id, "to_post_id"))
    decision, rules = scope.decision(post.managing_organisation_id, cmd.decision)
    on = cmd.starts_on
    planned = any(posts and cycle_span(c, rules)[0] <= on <= cycle_span(c, rules)[1]
                  for c, posts in cadre.plans.items())
    local = None
    if cadre.member_id:
        member = scope.directory.member(cadre.member_id)
        if member is not None:
            local = scope.directory.is_within(member.organisation_id, post.organisation_id)
    facts = RotationFacts(planned, scope.current_rank(cadre, on), post.rank, post.head,
                          post.level.value if post.level else "", local,
                          _head_terms_in_place(cadre, post.organisation_id, scope, on),
                          cadre.rotated_on)
    cadre.rotate(post, on, bool(cmd.higher_by_exception), decision, rules, facts)
    scope.changed.append(cadre)
    scope.read.append(post)
    return {"cadre_id": cadre.id, "post_id": post.id}
