"""What an evaluations mutation answers: XxxSucceeded, one of the shared refusals,
`EvaluationsUnavailable` when this gateway has no evaluations service, or CommandNotConfirmed
when the service did not answer (gateway.commands). A refused decision names the rule and its
version; the quota's refusal says the headroom left in its message."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry

from gateway.toolkit import ERROR_TYPES, CommandNotConfirmed, CommandSucceeded, Error


@strawberry.type(description="The evaluations service is not connected to this gateway. "
                             "Nothing was changed.")
class EvaluationsUnavailable(Error):
    service: str


@strawberry.interface(description="A command about an evaluation period succeeded.")
class PeriodCommandSucceeded(CommandSucceeded):
    period_id: strawberry.ID


@strawberry.interface(description="A step of one subject's evaluation succeeded.")
class EvaluationCommandSucceeded(PeriodCommandSucceeded):
    subject_id: strawberry.ID


def result_union(command: str, succeeded: type) -> object:
    return Annotated[Union[(succeeded, *ERROR_TYPES, EvaluationsUnavailable,  # noqa: UP007
                            CommandNotConfirmed)],
                     strawberry.union(f"{command}Result")]


@strawberry.type
class OpenEvaluationPeriodSucceeded(PeriodCommandSucceeded):
    pass


@strawberry.type
class CloseEvaluationPeriodSucceeded(PeriodCommandSucceeded):
    pass


@strawberry.type
class SubmitSelfAssessmentSucceeded(EvaluationCommandSucceeded):
    pass


@strawberry.type
class RecordCollectiveCommentsSucceeded(EvaluationCommandSucceeded):
    pass


@strawberry.type
class AppraiseEvaluationSucceeded(EvaluationCommandSucceeded):
    pass


@strawberry.type
class DecideClassificationSucceeded(EvaluationCommandSucceeded):
    pass


@strawberry.type
class CorrectClassificationSucceeded(EvaluationCommandSucceeded):
    pass


@strawberry.type
class RecognisePartyOrganisationSucceeded(EvaluationCommandSucceeded):
    pass


OpenEvaluationPeriodResult = result_union("OpenEvaluationPeriod", OpenEvaluationPeriodSucceeded)
CloseEvaluationPeriodResult = result_union("CloseEvaluationPeriod",
                                           CloseEvaluationPeriodSucceeded)
SubmitSelfAssessmentResult = result_union("SubmitSelfAssessment", SubmitSelfAssessmentSucceeded)
RecordCollectiveCommentsResult = result_union("RecordCollectiveComments",
                                              RecordCollectiveCommentsSucceeded)
AppraiseEvaluationResult = result_union("AppraiseEvaluation", AppraiseEvaluationSucceeded)
DecideClassificationResult = result_union("DecideClassification", DecideClassificationSucceeded)
CorrectClassificationResult = result_union("CorrectClassification",
                                           CorrectClassificationSucceeded)
RecognisePartyOrganisationResult = result_union("RecognisePartyOrganisation",
                                                RecognisePartyOrganisationSucceeded)
