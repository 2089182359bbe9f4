{#- Incremental state over the CRM (see int_leads_enriched).

    A CRM-derived per-lead fact that does not depend on the scoring date is recomputed only
    for the leads whose inputs changed. Each stored row carries a hash of the lead's inputs
    (row_change_hash of the deduplicated lead row, and of its account's row) and the
    fingerprint of everything else it is derived from: the seeds it reads, the vars that
    shape it and the code of the models that derive it (code_fingerprint). A run either updates
    (the pre-hook deletes the rows of leads whose hashes differ or that are gone; the body
    derives the leads the table no longer holds) or rebuilds everything: first build or
    --full-refresh, an empty table, or a fingerprint that differs. On Spark (no row
    deletes without Delta Lake) the models are tables rebuilt on every run, as the event
    state is (event_state_materialization). -#}

{% macro row_change_hash(expressions) %}
    {{ return(adapter.dispatch('row_change_hash', 'lead_scoring')(expressions)) }}
{% endmacro %}

{#- One value standing for a row's values, compared between runs to see whether the row
    changed (two rows alike give the same value on every run; a change goes unseen only on
    a hash collision, about 1 in 2^64 on DuckDB and PostgreSQL). Null and empty text hash
    apart. expressions: the columns (or expressions) of the row. The default is an md5 of
    the texts, nulls marked. -#}
{% macro default__row_change_hash(expressions) %}
    {{ dbt.hash(lead_scoring.null_marked_text(expressions)) }}
{% endmacro %}

{% macro postgres__row_change_hash(expressions) %}
    hashtextextended({{ lead_scoring.null_marked_text(expressions) }}, 0)
{% endmacro %}

{#- DuckDB's hash of several values tells null from empty text itself. -#}
{% macro duckdb__row_change_hash(expressions) %}
    hash({{ expressions | join(', ') }})
{% endmacro %}


{% macro rows_change_hash(expressions) %}
    {{ return(adapter.dispatch('rows_change_hash', 'lead_scoring')(expressions)) }}
{% endmacro %}

{#- An aggregate: one value standing for a group's rows, whatever their order (row_change_hash
    of each row, combined), compared between runs to see whether any row of the group changed,
    appeared or went away. expressions: the columns of a row. The default is an md5 of the
    rows' md5s in order; DuckDB and PostgreSQL add up their 64-bit row hashes (in a wider type,
    so a repeated row counts twice). -#}
{% macro default__rows_change_hash(expressions) %}
    {%- set row_hash = lead_scoring.row_change_hash(expressions) -%}
    {{ dbt.hash(lead_scoring.ordered_listagg(row_hash, "'|'", row_hash)) }}
{% endmacro %}

{% macro duckdb__rows_change_hash(expressions) %}
    sum({{ lead_scoring.row_change_hash(expressions) }})
{% endmacro %}

{% macro postgres__rows_change_hash(expressions) %}
    sum({{ lead_scoring.row_change_hash(expressions) }})
{% endmacro %}


{% macro null_marked_text(expressions) %}
    {#- The texts of expressions joined by '|', each null as '~' and each value as '=' then
        its text, so that null, empty text and values containing '|' stay apart. -#}
    {%- set parts = [] %}
    {%- for expression in expressions %}
        {%- if not loop.first %}{% do parts.append("'|'") %}{% endif %}
        {%- do parts.append("coalesce('=' || cast(" ~ expression ~ " as " ~ dbt.type_string() ~ "), '~')") %}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{% endmacro %}


{% macro code_fingerprint(model_names) %}
    {#- An md5 of the code that derives a CRM-state model: the raw code of each model of
        model_names (this project's model names) and crm_state_version, so that editing one
        of those models rebuilds the state. dbt's graph holds no macro code: a change to a
        macro those models call that changes what they derive bumps crm_state_version (a
        change of the hashed columns needs no bump: every stored hash then differs). -#}
    {%- set parts = [lead_scoring.crm_state_version()] -%}
    {%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model')
        | selectattr('package_name', 'equalto', 'lead_scoring') | sort(attribute='name') -%}
        {%- if node.name in model_names -%}
            {%- do parts.append(node.name ~ ':' ~ node.raw_code) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(local_md5(parts | join('\n'))) }}
{% endmacro %}


{% macro crm_state_version() %}
    {#- The version of the macros the CRM-state models call (see code_fingerprint). -#}
    {{ return('crm_state_v1') }}
{% endmacro %}


{% macro crm_state_plan(fingerprint_sql, relations) %}
    {#- How a CRM-state model brings itself up to date; returns a dict: mode ('rebuild' or
        'update'), reason and fingerprint (of the settings, from fingerprint_sql, a query
        returning one text, joined with code_fingerprint of the model). relations: the
        settings fingerprint_sql reads (nothing is queried before they exist). Reads the
        stored fingerprint through {{ this }}. -#}
    {%- set plan = {'mode': 'rebuild', 'reason': 'full build', 'fingerprint': ''} -%}
    {%- if not lead_scoring.can_query_inputs(relations) -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- set settings = run_query(fingerprint_sql).columns[0].values()[0] -%}
    {%- set model_names = (model.get('depends_on') or {}).get('nodes', [])
        | map('replace', 'model.lead_scoring.', '') | list + [model.name] -%}
    {%- do plan.update({'fingerprint': local_md5(settings ~ '|' ~ lead_scoring.code_fingerprint(model_names))}) -%}
    {%- if is_incremental() -%}
        {%- set stored_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
        {%- set stored = run_query('select crm_fingerprint from ' ~ this ~ ' limit 1').rows
            if 'crm_fingerprint' in stored_columns else none -%}
        {%- if stored is none -%}
            {#- A table built before the model kept a state (an upgrade): derive every lead. -#}
            {%- do plan.update({'reason': 'no state stored yet'}) -%}
        {%- elif stored | length == 0 -%}
            {%- do plan.update({'reason': 'empty state'}) -%}
        {%- elif stored[0][0] != plan.fingerprint -%}
            {%- do plan.update({'reason': 'seeds, settings or code the state depends on changed'}) -%}
        {%- else -%}
            {%- do plan.update({'mode': 'update', 'reason': 'changed leads only'}) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if flags.WHICH in ['run', 'build'] -%}
    {%- do log(this.identifier ~ ': ' ~ plan.mode ~ ' (' ~ plan.reason ~ ')', info=true) -%}
    {%- endif -%}
    {{ return(plan) }}
{% endmacro %}


{% macro crm_state_pre_hook(plan, input_hashes_sql, hash_columns) %}
    {#- Pre-hook of a CRM-state model keyed by lead_id: on a rebuild of an existing table,
        empty it; on an update, delete the rows whose stored hashes (hash_columns) differ
        from the current ones (input_hashes_sql: lead_id and hash_columns of every lead the
        model holds) or whose lead is gone. The body then derives the leads left missing. -#}
    {%- if execute and is_incremental() -%}
        {%- if plan.mode == 'rebuild' -%}
            delete from {{ this }}
        {%- else -%}
            delete from {{ this }} as stored
            where not exists (
                select 1
                from ({{ input_hashes_sql }}) as current_inputs
                where
                    current_inputs.lead_id = stored.lead_id
                    {%- for column in hash_columns %}
                    and current_inputs.{{ column }} = stored.{{ column }}
                    {%- endfor %}
            )
        {%- endif -%}
    {%- endif -%}
{% endmacro %}


{% macro crm_state_unstored(plan, alias, key='lead_id') %}
    {#- The body's half of crm_state_pre_hook: a condition on the rows of alias that keeps those
        the model derives now. On an update, the keys the table no longer holds (the pre-hook
        deleted the changed ones; new ones were never there; a null key is never held); on a
        rebuild, every row. plan: the model's crm_state_plan; key: the column both share. -#}
    {%- if plan.mode == 'update' -%}
        not exists (select 1 from {{ this }} as stored where stored.{{ key }} = {{ alias }}.{{ key }})
    {%- else -%}
        1 = 1
    {%- endif -%}
{% endmacro %}


{% macro enriched_lead_hashes() %}
    {#- The hashes int_leads_enriched stores for each lead: what the pre-hooks of the models
        derived from the enriched leads (their CRM rule matches, their account matches) compare
        their own stored hashes with (crm_state_pre_hook, hash columns lead_row_hash and
        account_row_hash). -#}
    select lead_id, lead_row_hash, account_row_hash from {{ ref('lead_scoring', 'int_leads_enriched') }}
{% endmacro %}


{% macro crm_input_columns(table, prefix) %}
    {#- The columns a lead's CRM facts derive from, with prefix (e.g. 'leads.'): what
        row_change_hash hashes to see a changed lead. table: crm_leads (the row of
        int_leads_deduplicated), stg_crm_leads (a row of stg_lead_scoring__crm_leads, before
        deduplication) or crm_accounts (of int_accounts_deduplicated); the custom attributes
        read from that table come last. -#}
    {%- set staged_lead_columns = ['lead_id', 'account_id', 'email', 'is_email_valid', 'first_name', 'last_name',
        'job_title', 'country', 'lead_source', 'crm_status', 'is_email_opt_out', 'is_deleted', 'created_at',
        'updated_at'] -%}
    {%- set columns = {
        'stg_crm_leads': staged_lead_columns,
        'crm_leads': staged_lead_columns + ['has_duplicate_lead_id'],
        'crm_accounts': ['account_id', 'account_name', 'account_domain', 'industry', 'employee_count',
            'annual_revenue', 'has_implausible_firmographics', 'country', 'is_customer', 'created_at', 'updated_at',
            'has_duplicate_account_id'],
    }[table] -%}
    {%- set raw_table = {'stg_crm_leads': 'crm_leads'}.get(table, table) -%}
    {%- set result = [] -%}
    {%- for name in columns %}{% do result.append(prefix ~ name) %}{% endfor -%}
    {%- for attribute in lead_scoring.custom_attributes(raw_table) -%}
        {%- do result.append(prefix ~ 'custom__' ~ attribute.name) -%}
    {%- endfor -%}
    {{ return(result) }}
{% endmacro %}


{% macro lead_input_hashes() %}
    {#- Every non-deleted deduplicated lead with the hashes of its own row (lead_row_hash)
        and of its account's row (account_row_hash; the hash of nulls without one): what
        int_leads_enriched stores to see, on the next run, which leads to derive again. -#}
    select
        leads.lead_id,
        {{ lead_scoring.row_change_hash(lead_scoring.crm_input_columns('crm_leads', 'leads.')) }} as lead_row_hash,
        {{ lead_scoring.row_change_hash(lead_scoring.crm_input_columns('crm_accounts', 'accounts.')) }}
            as account_row_hash
    from {{ ref('lead_scoring', 'int_leads_deduplicated') }} as leads
    left join {{ ref('lead_scoring', 'int_accounts_deduplicated') }} as accounts
        on leads.account_id = accounts.account_id
    where not leads.is_deleted
{% endmacro %}


{% macro lead_rows_hashes(staged_leads=none) %}
    {#- Every lead id of staged CRM lead rows with rows_change_hash of all its rows
        (lead_rows_hash): what int_lead_rows_numbered stores to see, on the next run, which ids
        to number again. Rows without an id have no hash: they are numbered on every run.
        staged_leads: the rows (a relation or CTE name; default stg_lead_scoring__crm_leads). -#}
    select
        leads.lead_id,
        {{ lead_scoring.rows_change_hash(lead_scoring.crm_input_columns('stg_crm_leads', 'leads.')) }} as lead_rows_hash
    from {{ staged_leads or ref('lead_scoring', 'stg_lead_scoring__crm_leads') }} as leads
    where leads.lead_id is not null
    group by leads.lead_id
{% endmacro %}


{% macro lead_rows_plan() %}
    {#- The crm_state_plan of int_lead_rows_numbered (its pre-hook and its body ask the same):
        besides the code, only the declared custom attributes of crm_leads shape it. -#}
    {%- set custom = var('lead_scoring_custom_attributes', {}) or {} -%}
    {{ return(lead_scoring.crm_state_plan(
        'select ' ~ lead_scoring.quoted_string('custom|' ~ tojson(custom, sort_keys=true)) ~ ' as fingerprint', [])) }}
{% endmacro %}


{% macro leads_enriched_settings_fingerprint_sql() %}
    {#- One hash of the settings int_leads_enriched derives from besides the CRM rows: the
        seeds email_domains and job_title_patterns and the declared custom attributes. -#}
    {%- set custom = var('lead_scoring_custom_attributes', {}) or {} -%}
    select {{ dbt.hash(lead_scoring.ordered_listagg('part', "'~'", 'part')) }} as fingerprint
    from (
        select 'domain|' || coalesce(domain, '') || '|' || coalesce(domain_type, '') as part
        from {{ lead_scoring.settings_table('email_domains') }}
        union all
        select
            'title|' || coalesce(pattern_id, '') || '|' || coalesce(dimension, '') || '|'
            || coalesce(pattern, '') || '|' || coalesce(title_value, '') || '|'
            || coalesce(cast(priority as {{ dbt.type_string() }}), '') as part
        from {{ lead_scoring.settings_table('job_title_patterns') }}
        union all
        select {{ lead_scoring.quoted_string('custom|' ~ tojson(custom, sort_keys=true)) }} as part
    ) as parts
{% endmacro %}


{% macro leads_enriched_plan() %}
    {#- The crm_state_plan of int_leads_enriched (its pre-hook and its body ask the same). -#}
    {{ return(lead_scoring.crm_state_plan(lead_scoring.leads_enriched_settings_fingerprint_sql(),
        [lead_scoring.settings_table('email_domains'), lead_scoring.settings_table('job_title_patterns')])) }}
{% endmacro %}


{% macro crm_rules_settings_fingerprint_sql() %}
    {#- One hash of what int_lead_crm_rules_matched derives from besides the leads' CRM rows:
        the rules on CRM attributes (scoring_settings('scoring_rules'): a candidate's own in a
        shadow run) and the fingerprint int_leads_enriched stores (its seeds, the custom
        attributes and its code), so that whatever re-derives the enriched leads re-derives
        their rule matches too. -#}
    select {{ dbt.hash(lead_scoring.ordered_listagg('part', "'~'", 'part')) }} as fingerprint
    from (
        select
            'rule|' || {{ lead_scoring.null_marked_text([
                'rule_id', 'component', 'rule_group', 'attribute', 'operator', 'value', 'range_min', 'range_max',
                'points', 'suppresses', 'label']) }} as part
        from ({{ lead_scoring.rules_testing(
            lead_scoring.scoring_settings('scoring_rules'), lead_scoring.scoring_attributes(moves_with_date=false) | list
        ) }}) as crm_rules
        union all
        select 'enriched|' || coalesce(max(crm_fingerprint), '') as part
        from {{ ref('lead_scoring', 'int_leads_enriched') }}
    ) as parts
{% endmacro %}


{% macro crm_rules_plan() %}
    {#- The crm_state_plan of int_lead_crm_rules_matched (its pre-hook and its body ask the same). -#}
    {{ return(lead_scoring.crm_state_plan(lead_scoring.crm_rules_settings_fingerprint_sql(),
        [lead_scoring.scoring_settings('scoring_rules'), ref('lead_scoring', 'int_leads_enriched')])) }}
{% endmacro %}


{% macro lead_account_matches_plan() %}
    {#- The crm_state_plan of int_lead_account_matches (its pre-hook and its body ask the same):
        besides the leads' CRM rows, it derives from every account's domain (int_account_domains,
        one rows_change_hash of all its rows) and from what int_leads_enriched derives from (the
        fingerprint it stores). -#}
    {%- set fingerprint_sql -%}
        select
            coalesce(cast(domains.domains_hash as {{ dbt.type_string() }}), '') || '|'
            || coalesce(enriched.crm_fingerprint, '')
                as fingerprint
        from (
            select {{ lead_scoring.rows_change_hash(['account_id', 'account_domain', 'domain_status']) }} as domains_hash
            from {{ ref('lead_scoring', 'int_account_domains') }}
        ) as domains
        cross join (
            select max(crm_fingerprint) as crm_fingerprint from {{ ref('lead_scoring', 'int_leads_enriched') }}
        ) as enriched
    {%- endset -%}
    {{ return(lead_scoring.crm_state_plan(fingerprint_sql,
        [ref('lead_scoring', 'int_account_domains'), ref('lead_scoring', 'int_leads_enriched')])) }}
{% endmacro %}
