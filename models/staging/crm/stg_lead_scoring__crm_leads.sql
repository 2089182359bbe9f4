{%- set raw_leads = lead_scoring.raw_input('crm_leads') %}
with

source as (
    select * from {{ raw_leads }}
),

renamed as (
    select
        -- A blank id is no id: it would pool unrelated rows (and their events) into one lead.
        nullif(trim(cast(lead_id as {{ dbt.type_string() }})), '') as lead_id,
        nullif(trim(cast(account_id as {{ dbt.type_string() }})), '') as account_id,
        nullif(lower(trim(cast(email as {{ dbt.type_string() }}))), '') as email,
        cast(first_name as {{ dbt.type_string() }}) as first_name,
        cast(last_name as {{ dbt.type_string() }}) as last_name,
        nullif(trim(cast(job_title as {{ dbt.type_string() }})), '') as job_title,
        {{ lead_scoring.known_country_code('country') }} as country,
        nullif(lower(trim(cast(lead_source as {{ dbt.type_string() }}))), '') as lead_source,
        nullif(lower(trim(cast(status as {{ dbt.type_string() }}))), '') as crm_status,
        coalesce(cast(is_email_opt_out as {{ dbt.type_boolean() }}), false) as is_email_opt_out,
        coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false) as is_deleted,
        cast(created_at as {{ dbt.type_timestamp() }}) as created_at,
        cast(updated_at as {{ dbt.type_timestamp() }}) as updated_at
        {{- lead_scoring.custom_attribute_columns('crm_leads', raw_leads) | indent(4) }}
    from source
),

final as (
    select
        lead_id,
        account_id,
        email,
        -- Valid enough to score: one @, a non-empty local part, a dotted domain.
        coalesce(
            {{ lead_scoring.regex_matches('email', "'^[^@ ]+@[^@ ]+[.][^@ ]+$'") }},
            false
        ) as is_email_valid,
        first_name,
        last_name,
        job_title,
        country,
        lead_source,
        crm_status,
        is_email_opt_out,
        -- Kept (flagged) so that lead_quality can count them; every model that scores
        -- or matches leads filters them out, so their events are quarantined as unmatched.
        is_deleted,
        created_at,
        updated_at
        {{- lead_scoring.custom_attribute_names('crm_leads') | indent(4) }}
    from renamed
)

select * from final
