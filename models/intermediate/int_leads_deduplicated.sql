{{ config(materialized='view') }}
-- The CRM leads scoring may use: one row per lead id, the survivor of each id
-- (int_lead_rows_numbered says how it is chosen). Rows without an id, and the other rows of a
-- repeated id, are in leads_quarantined with a reason. A view: the numbered rows are kept id by
-- id, and filtering them costs less than writing a second 1M-row table every run.
with

numbered as (
    select * from {{ ref('lead_scoring', 'int_lead_rows_numbered') }}
    where lead_id is not null and copy_number = 1
),

final as (
    select
        lead_id,
        account_id,
        email,
        is_email_valid,
        first_name,
        last_name,
        job_title,
        country,
        lead_source,
        crm_status,
        is_email_opt_out,
        is_deleted,
        created_at,
        updated_at,
        rows_with_lead_id > 1 as has_duplicate_lead_id
        {{- lead_scoring.custom_attribute_names('crm_leads') | indent(4) }}
    from numbered
)

select * from final
