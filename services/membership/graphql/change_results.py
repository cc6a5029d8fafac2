"""What the mutations of the 2025 membership changes answer (see results.py)."""

from __future__ import annotations

import strawberry

from .results import MemberCommandSucceeded, result_union


@strawberry.type
class SuspendMemberSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class EndSuspensionSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class ExtendTemporaryTransferSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class IssueTransferLetterSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class ReceiveTransferredMemberSucceeded(MemberCommandSucceeded):
    pass

@strawberry.type
class ReceiveMemberFromProvinceSucceeded(MemberCommandSucceeded):
    pass


SuspendMemberResult = result_union("SuspendMember", SuspendMemberSucceeded)
EndSuspensionResult = result_union("EndSuspension", EndSuspensionSucceeded)
ExtendTemporaryTransferResult = result_union("ExtendTemporaryTransfer",
                                             ExtendTemporaryTransferSucceeded)
IssueTransferLetterResult = result_union("IssueTransferLetter", IssueTransferLetterSucceeded)
ReceiveTransferredMemberResult = result_union("ReceiveTransferredMember",
                                              ReceiveTransferredMemberSucceeded)
ReceiveMemberFromProvinceResult = result_union("ReceiveMemberFromProvince",
                                               ReceiveMemberFromProvinceSucceeded)
