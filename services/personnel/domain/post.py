"""A leadership post of the catalogue and its side of the plans: how many places each cycle's
plan has taken."""

from __future__ import annotations

from kit.aggregate import Aggregate
from kit.errors import Conflict, InvalidInput, InvalidState
from kit.rules import RuleSet
from kit.text import clean_text

from .events import PlanPlaceReleased, PlanPlaceTaken, PostRegistered
from .values import PostBody, PostLevel


class Post(Aggregate):
    stream_prefix = "post"

    def __init__(self, id: str) -> None:
        super().__init__(id)
        self.title = ""
        self.body: PostBody | None = None
        self.level: PostLevel | None = None
        self.organisation_id = ""
        self.managing_organisation_id = ""
        self.rank = 0
        self.head = False
        self.planned: dict[str, set[str]] = {}  # cycle -> cadre ids

    def register(self, title: str, body: PostBody, level: PostLevel, organisation_id: str,
                 managing_organisation_id: str, rank: int, head: bool) -> None:
        if self.exists:
            raise Conflict(f"post {self.id} is already registered")
        if not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= 1000:
            raise InvalidInput("rank", "must be a whole number from 1 to 1000")
        self.record(PostRegistered(self.id, clean_text(title, "title", max_length=200), body,
                                   level, organisation_id, managing_organisation_id, rank,
                                   bool(head)))

    def take_place(self, cadre_id: str, cycle: str, rules: RuleSet) -> None:
        """QĐ 377: at most `planning.max_cadres_per_post` cadres in a post's plan."""
        planned = self.planned.get(cycle, set())
        if cadre_id in planned:
            raise InvalidState(f"cadre {cadre_id} is already in this post's {cycle} plan")
        most = rules["planning.max_cadres_per_post"]
        rules.require(len(planned) < most, "planning.max_cadres_per_post",
                      f"the {cycle} plan of {self.title} already holds {len(planned)} cadres, "
                      f"the most {rules.version} allows ({most})")
        self.record(PlanPlaceTaken(self.id, cadre_id, cycle))

    def release_place(self, cadre_id: str, cycle: str) -> None:
        if cadre_id not in self.planned.get(cycle, set()):
            raise InvalidState(f"cadre {cadre_id} is not in this post's {cycle} plan")
        self.record(PlanPlaceReleased(self.id, cadre_id, cycle))

    def apply(self, event: object) -> None:
        match event:
            case PostRegistered():
                self.title, self.body, self.level = event.title, event.body, event.level
                self.organisation_id = event.organisation_id
                self.managing_organisation_id = event.managing_organisation_id
                self.rank, self.head = event.rank, event.head
            case PlanPlaceTaken():
                self.planned.setdefault(event.cycle, set()).add(event.cadre_id)
            case PlanPlaceReleased():
                self.planned.get(event.cycle, set()).discard(event.cadre_id)
