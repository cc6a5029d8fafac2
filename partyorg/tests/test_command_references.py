"""Every id a command of any declared service carries says what it names (kit.references), so
the runner checks it against the caller's subtree; an id field left undeclared fails here."""

from __future__ import annotations

import pytest

from kit.references import declared
from partyorg.services import SERVICES
from services.membership.api import ISSUED_BY_THE_LINK

# fields named like ids that name nothing of ours: a person's căn cước number; the meetings
# service's meeting where a branch commented on an evaluation (evaluations keeps no meetings and
# resolves nothing by it: a reference recorded as given)
# resolves nothing by it: a reference recorded as given); the receiving organisation of a member
# sent to another province, as that province's deployment names it
NOT_REFERENCES = {"citizen_id", "RecordCollectiveComments.meeting_id",
                  "SendMemberToProvince.to_organisation_id"}
# the commands the link between provinces issues from another province's events: no user's
# (refused with Forbidden), their ids as the other province's letter gives them
LINK_ISSUED = set(ISSUED_BY_THE_LINK)


@pytest.mark.parametrize("service", SERVICES, ids=lambda d: d.name)
def test_every_id_field_of_every_command_declares_what_it_names(service):
    for command in service.handlers:
        if command in LINK_ISSUED:
            continue
        fields = dict(declared(command))
        for path, ref in fields.items():
            name = path.rpartition(".")[2]
            if name.endswith(("_id", "_ids")) and not {
                    name, f"{command.__name__}.{path}"} & NOT_REFERENCES:
                assert ref is not None, f"{command.__name__}.{path} is an id of what?"
            if ref is not None and ref.within:
                holder = fields.get(ref.within)
                assert holder is not None and not holder.within, (
                    f"{command.__name__}.{path} is answered by {ref.within}, which names nothing")
