"""Personnel's rotation question (QĐ 65-QĐ/TW; the 2025 mergers): the committee's cadres left
without a post, answered from its read models only."""

from __future__ import annotations

from datetime import date

from .queries import PersonnelQueries, _term
from .training_views import CadreWithoutPost


class RotationQueries(PersonnelQueries):
    def cadres_without_post(self, managing_organisation_id: str,
                            on: date | None = None) -> list[CadreWithoutPost]:
        """The committee's cadres whose term on the day is in a post of an organisation since
        merged, and who hold no post of an organisation that still stands."""
        on = on or self.clock.today()
        cadres = self._cadres(managing_organisation_id)
        posts = {p.id: p for p in self.posts(managing_organisation_id)}
        merged_into: dict[str, str | None] = {}

        def merged(post_id: str) -> str | None:
            org = posts[post_id].organisation_id
            if org not in merged_into:
                ref = self.organisation(org)
                merged_into[org] = ref.merged_into if ref else None
            return merged_into[org]

        stranded: dict[str, tuple[str, str]] = {}
        placed: set[str] = set()
        for r in self.db.query(self.sql.terms_of, (managing_organisation_id,)):
            term = _term(r["cadre_id"], r)
            if not term.starts_on <= on < term.ends_on or term.cadre_id not in cadres:
                continue
            into = merged(term.post_id)
            if into is None:
                placed.add(term.cadre_id)
            else:
                stranded.setdefault(term.cadre_id, (term.post_id, into))
        return [CadreWithoutPost(cadres[c], posts[p], into)
                for c, (p, into) in sorted(stranded.items()) if c not in placed]
