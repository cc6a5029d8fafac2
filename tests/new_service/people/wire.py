"""The people's wire table: the personal fields and whose they are, beside name and version."""

from kit.codec import EventCodec
from kit.personal import Personal

from .domain import PersonForgotten, PersonRegistered, PersonRenamed

CODEC = EventCodec([
    ("people.PersonRegistered", 1, PersonRegistered,
     Personal(subject="person_id", fields=("full_name", "birth_date"))),
    ("people.PersonRenamed", 1, PersonRenamed, Personal("person_id", ("full_name",))),
    ("people.PersonForgotten", 1, PersonForgotten),
])
