"""The GraphQL copies of evaluations' enums, named apart from other services' (membership has
an `Organ` of its own): one definition each, for the mutations' inputs and the queries' types."""

from __future__ import annotations

from gateway.toolkit import graphql_enum
from services.evaluations import api as e

EvaluationLevel = graphql_enum(e.Level, "EvaluationLevel",
                               "Mức chất lượng: HTXS (hoàn thành xuất sắc), HTT (hoàn thành tốt), "
                               "HT (hoàn thành), KHT (không hoàn thành nhiệm vụ).")
EvaluationPeriodKind = graphql_enum(e.PeriodKind, "EvaluationPeriodKind",
                                    "How often a committee evaluates: annual, per term, "
                                    "quarterly, ad hoc.")
AssessmentForm = graphql_enum(e.AssessmentForm, "AssessmentForm",
                              "The self-assessment form: Mẫu 2A (leaders, managers), 2B, 2C; "
                              "COLLECTIVE for an organisation.")
EvaluationSubjectKind = graphql_enum(e.SubjectKind, "EvaluationSubjectKind",
                                     "A party member or a party organisation.")
EvaluationExclusion = graphql_enum(e.Exclusion, "EvaluationExclusion",
                                   "Why a member on the rolls is not evaluated in a period.")
ClassifyingOrgan = graphql_enum(e.Organ, "ClassifyingOrgan",
                                "The organ that decides a classification (evaluations' own copy "
                                "of the deciding bodies).")
