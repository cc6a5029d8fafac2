"""Every statement of personnel's read models, by name: written out once per SQL dialect in
adapters/read_model_sql. Dates are ISO text; flags are 0/1."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class PersonnelSql:
    # personnel_membership_view: organisations, members, discipline
    members_ddl: str
    insert_organisation: str  # (id, name, type, parent_id)
    rename_organisation: str  # (name, id)
    move_organisation: str  # (parent_id, id)
    merge_organisation: str  # (merged_into, id)
    organisation: str  # (id) -> id, name, type, parent_id, merged_into
    upsert_member: str  # (member_id, organisation_id, full_name, date_of_birth, gender)
    update_person: str  # (full_name, date_of_birth, gender, member_id)
    set_name: str  # (full_name, member_id)
    set_birth: str  # (date_of_birth, member_id)
    move_member: str  # (organisation_id, member_id)
    member_died: str  # (died_on, member_id)
    member: str  # (member_id) -> member_id, organisation_id, full_name, date_of_birth, gender,
    #              died_on
    insert_discipline: str  # (member_id, seq, form, decided_on)
    disciplines: str  # (member_id) -> form, decided_on
    # posts_catalogue
    posts_ddl: str
    insert_post: str  # (post_id, title, body, level, organisation_id, managing_organisation_id,
    #                    rank, head)
    post: str  # (post_id) -> the post's columns
    posts_of: str  # (managing_organisation_id) -> the post's columns, highest rank first
    # cadre_files
    cadres_ddl: str
    insert_cadre: str  # (cadre_id, managing_organisation_id, member_id, full_name,
    #                     date_of_birth, gender, political_theory, education, opened_on)
    cadre: str  # (cadre_id) -> the cadre's columns
    cadres_of: str  # (managing_organisation_id) -> the cadre's columns
    # cadre_plans
    plans_ddl: str
    add_plan_entry: str  # (post_id, cadre_id, cycle, added_on, decision_number, rule_version)
    propose_removal: str  # (removal_proposed_on, proposed_ground, post_id, cadre_id, cycle)
    remove_plan_entry: str  # (removed_on, ground, post_id, cadre_id, cycle)
    plan_entries_of_post: str  # (post_id, cycle) -> cadre_id, added_on, rule_version
    plan_entries_of_cadre: str  # (cadre_id) -> post_id, cycle, added_on,
    #                             removal_proposed_on, proposed_ground
    plan_entries_of: str  # (managing_organisation_id, cycle) -> post_id, cadre_id
    unproposed_plan_entries: str  # () -> cadre_id, post_id, cycle, added_on,
    #                               removal_proposed_on: every committee's, none proposed yet
    insert_proposal: str  # (cadre_id, post_id, proposed_on)
    end_proposal: str  # (cadre_id, post_id)
    proposals_of_cadre: str  # (cadre_id) -> post_id, proposed_on
    # cadre_terms
    terms_ddl: str
    insert_term: str  # (cadre_id, post_id, term_number, starts_on, ends_on, head, kind)
    extend_term: str  # (ends_on, cadre_id, post_id, previous ends_on)
    terms_of_cadre: str  # (cadre_id) -> post_id, term_number, starts_on, ends_on, head, kind
    terms_of: str  # (managing_organisation_id) -> cadre_id, post_id, term_number, starts_on,
    #                ends_on, head, kind: every term of its posts
    # cadre_file_reads
    reads_ddl: str
    insert_read: str  # (read_id, cadre_id, managing_organisation_id, reader, reader_role,
    #                    reader_organisation_id, reader_organ, read_at, purpose, position)
    # (source) -> n, p: the checkpoints of the read models following it, the least applied
    applied_position: str
    reads_of: str  # (managing_organisation_id, from, to) -> the read's columns, in log order
    # personnel-more
    erase_cadre: str  # (cadre_id): blank the cadre's personal columns
    end_term: str  # (ends_on, cadre_id, post_id, ends_on): a term left by a rotation


def with_placeholder(sql: PersonnelSql, placeholder: str) -> PersonnelSql:
    """The same statements with another dialect's parameter placeholder."""
    return replace(sql, **{f.name: getattr(sql, f.name).replace("?", placeholder)
                           for f in fields(sql)})
