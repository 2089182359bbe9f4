-- CRM lead rows that scoring cannot use because of their key: no lead_id (null or blank), or
-- a lead_id an earlier copy also has (copy 1, the survivor, is scored). Together with
-- int_leads_deduplicated they account for every staged lead row (tested), so no row is
-- silently dropped.
with

numbered as (
    select * from {{ ref('lead_scoring', 'int_lead_rows_numbered') }}
    where lead_id is null or copy_number > 1
),

final as (
    select
        lead_id,
        copy_number,
        case
            when lead_id is null then 'missing_lead_id'
            else 'duplicate_lead_id'
        end as quarantine_reason,
        {{ lead_scoring.email_for_output('email') }} as email,
        account_id,
        is_deleted,
        created_at,
        updated_at
    from numbered
)

select * from final
