-- CRM account rows that scoring cannot use because of their key: no account_id, or an
-- account_id an earlier copy also has (copy 1, the survivor, is used). Together with
-- int_accounts_deduplicated they account for every staged account row (tested), so no row
-- is silently dropped. Leads pointing at such an id keep their CRM account when a survivor
-- exists; an id with no survivor is matched by email domain instead (int_lead_account_matches).
with

numbered as (
    select * from {{ ref('lead_scoring', 'int_account_rows_numbered') }}
    where account_id is null or copy_number > 1
),

final as (
    select
        account_id,
        copy_number,
        cast(case
            when account_id is null then 'missing_account_id'
            else 'duplicate_account_id'
        end as {{ dbt.type_string() }}) as quarantine_reason,
        account_name,
        account_domain,
        created_at,
        updated_at
    from numbered
)

select * from final
