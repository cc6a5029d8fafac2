"""The rule book of congresses and elections (QĐ 190-QĐ/TW, 10/10/2024): every threshold a
versioned datum with its effective date and source; an election's events name the version.

Values marked [mem] were not found in a source (DOMAIN.md §6): configurable here, not law.
Shares are (numerator, denominator) pairs.
"""

from __future__ import annotations

from datetime import date

from kit.rules import RuleBook, RuleSet

_QD190 = {
    # notice of a congress (triệu tập), in working days before it opens (issue 13) [mem]
    "congress.notice_working_days": 30,
    "calendar.country": "VN",  # whose public holidays the working days skip (kit.workdays)
    # bodies elected by secret ballot (bỏ phiếu kín) [S43]
    "election.bodies": ("committee", "standing_committee", "secretary", "deputy_secretary",
                        "inspection_committee", "delegates"),
    # số dư: candidates beyond the seats, at most this share of the seats [S43]
    "election.max_surplus_share": (30, 100),
    # a ballot counts only when at least this share of those summoned is present [S43]
    "election.quorum_share": (2, 3),
    # a winner needs more than this share of those summoned (not of the votes) [mem]
    "election.win_share_over": (1, 2),
    # a chi bộ with fewer official members elects a bí thư (and phó bí thư), no chi ủy [S43]
    "election.branch_committee_min_members": 9,
    "election.branch_committee_max_seats": 7,  # a chi ủy has at most 7 members [S43]
    # organisation types that are chi bộ (membership's names)
    "election.branch_types": ("grassroots_branch", "sub_branch"),
    # terms whose congresses elect the bí thư directly (bầu trực tiếp tại đại hội); elsewhere
    # the new committee elects them at its first session [mem]
    "election.direct_secretary_terms": (),
    # who approves results (chuẩn y) and appoints (chỉ định): organs of the directly superior
    # committee (cấp ủy cấp trên trực tiếp) [S43]; which organs [mem]
    "election.approval_organs": ("standing_committee", "committee"),
}

ELECTION_RULES = RuleBook(
    [
        RuleSet(
            "QD190-2024",
            date(2024, 10, 10),
            "QĐ 190-QĐ/TW (10/10/2024), election rules in the Party: secret ballot, số dư ≤ 30 %, "
            "quorum ≥ 2/3, results approved by the competent committee [S43]",
            _QD190,
        ),
        RuleSet(
            "CT45-2025",
            date(2025, 4, 14),
            "CT 45-CT/TW (14/4/2025) on the congresses of the 2025–2030 term: the bí thư "
            "elected directly at congress; whether merged units do is configurable [S44] [mem]",
            {**_QD190, "election.direct_secretary_terms": ("2025-2030",)},
        ),
    ]
)
