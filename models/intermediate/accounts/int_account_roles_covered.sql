-- One row per account and buying-group role (seeds/buying_group_roles.csv) filled by at
-- least one engaged contact: a lead fills a role when its seniority is in the role's
-- seniorities and its department in its departments (an empty list matches any).

with

contacts as (
    select account_id, lead_id, seniority, department
    from {{ ref('lead_scoring', 'int_account_contacts') }}
    where is_engaged
),

roles as (
    select * from {{ lead_scoring.settings_table('buying_group_roles') }}
),

filled as (
    select
        contacts.account_id,
        roles.role,
        roles.label,
        roles.is_required,
        contacts.lead_id
    from contacts
    inner join roles
        on
            (
                roles.seniorities is null
                or {{ dbt.position("'|' || contacts.seniority || '|'", "'|' || lower(roles.seniorities) || '|'") }} > 0
            )
            and (
                roles.departments is null
                or {{ dbt.position("'|' || contacts.department || '|'", "'|' || lower(roles.departments) || '|'") }} > 0
            )
),

final as (
    select
        account_id,
        role,
        label,
        is_required,
        count(distinct lead_id) as engaged_contacts
    from filled
    group by account_id, role, label, is_required
)

select * from final
