"""The table of deciding bodies, as rule-book values (merged into domain/rules.py's versions).

Each row is `<decision>.deciding_body` (an Authority: alternatives of bodies, tried in order) and
`<decision>.requires_proposal` (the branch proposes by resolution before the body decides).
Rows labelled "[mem]" come from DOMAIN.md's summary of Điều lệ Điều 36 and QĐ 22/2021 and are
unconfirmed: configurable data, not law. Places and organs: see domain/authority.py.
"""

from __future__ import annotations

from .authority import Authority

_ADMISSION = Authority(
    (("grassroots_delegated:committee",), ("above_grassroots:standing_committee",)),
    "[S11] QĐ 24/294, HD 01: the đảng ủy cơ sở with delegated authority, else the BTV of the "
    "cấp ủy directly above the TCCSĐ")

AUTHORITY = {
    # organisation types that are grassroots (TCCSĐ) on the date; before 1/7/2025 a commune
    # committee was a đảng bộ cơ sở, from then the level above its branches (QĐ 294)
    "authority.grassroots_types": ("grassroots_branch", "grassroots_committee",
                                   "commune_committee"),
    # a branch proposes by resolution of at least this share of its official members [S11]
    "proposal.min_vote_fraction": (2, 3),
    "admission.deciding_body": _ADMISSION,
    "admission.requires_proposal": True,
    "recognition.deciding_body": Authority(_ADMISSION.choices, "[S11] as for admission"),
    "recognition.requires_proposal": True,
    "removal_from_probation.deciding_body": Authority(
        _ADMISSION.choices, "[mem] the body that decided admission"),
    "removal_from_probation.requires_proposal": False,  # [mem] no separate proposal modelled
    "transfer_out.deciding_body": Authority(
        (("above_grassroots:committee", "above_grassroots:standing_committee",
          "above_grassroots:organisation_board", "root:organisation_board"),),
        "[S19] QĐ 294 §6.3.1: the cấp ủy above the TCCSĐ issues the letter; the Ban Tổ chức "
        "Tỉnh ủy for a TCCSĐ directly under the tỉnh ủy; [mem] the Ban Tổ chức Tỉnh ủy also "
        "for a move between units of the province (only its subtree holds both ends)"),
    "transfer_out.requires_proposal": False,
    "transfer_within.deciding_body": Authority(
        (("grassroots:committee",),), "[mem] the đảng ủy cơ sở moves members between its branches"),
    "transfer_within.requires_proposal": False,
    "exemption.deciding_body": Authority(
        (("branch:assembly",),), "[S22] HD 27: the chi bộ decides by resolution, informs the "
                                 "superior"),
    "exemption.requires_proposal": False,
    "removal_from_rolls.deciding_body": Authority(
        _ADMISSION.choices, "[S24] the competent cấp ủy, as for admission"),
    "removal_from_rolls.requires_proposal": True,
    "discipline.reprimand.deciding_body": Authority(
        (("branch:assembly", "grassroots:committee", "above_grassroots:committee",
          "above_grassroots:standing_committee", "above_grassroots:inspection_committee"),),
        "[mem] chi bộ (not for cấp ủy members or cadres managed above: not modelled), the "
        "đảng ủy cơ sở, or the cấp ủy above, its BTV or UBKT"),
    "discipline.reprimand.requires_proposal": False,
    "discipline.warning.deciding_body": Authority(
        (("branch:assembly", "grassroots:committee", "above_grassroots:committee",
          "above_grassroots:standing_committee", "above_grassroots:inspection_committee"),),
        "[mem] as for khiển trách"),
    "discipline.warning.requires_proposal": False,
    "discipline.dismissal.deciding_body": Authority(
        (("above_grassroots:committee", "above_grassroots:standing_committee",
          "above_grassroots:inspection_committee"),),
        "[mem] the cấp ủy one level above, its BTV or UBKT"),
    "discipline.dismissal.requires_proposal": False,
    "discipline.expulsion.deciding_body": Authority(
        (("grassroots_delegated:committee", "above_grassroots:committee",
          "above_grassroots:standing_committee", "above_grassroots:inspection_committee"),),
        "[mem] a đảng ủy cơ sở with delegated admission authority (not its own cấp ủy "
        "members: not modelled), the cấp ủy above, its BTV or UBKT"),
    "discipline.expulsion.requires_proposal": False,
    "admission_delegation.deciding_body": Authority(
        (("parent:standing_committee", "parent:committee"),),
        "[S11, mem] the cấp ủy directly above delegates admission to a đảng ủy cơ sở"),
    "admission_delegation.requires_proposal": False,
    # reserved for the evaluations and personnel services (their subject is an organisation)
    "evaluation.organisation_classification.deciding_body": Authority(
        (("parent:standing_committee",),), "[S18] the BTV of the cấp ủy above"),
    "evaluation.organisation_classification.requires_proposal": False,
    "appointment.deciding_body": Authority(
        (("branch:standing_committee", "parent:standing_committee"),),
        "[S21, mem] the committee managing the post (BTV)"),
    "appointment.requires_proposal": True,
}

# from 1/7/2025 (QĐ 294): communes are the level above their branches, no longer grassroots
AUTHORITY_2025 = {**AUTHORITY,
                  "authority.grassroots_types": ("grassroots_branch", "grassroots_committee")}
