{#- Where the staging models read the raw contract from: the project's own sources (schema var
    lead_scoring_raw_schema), a CRM adapter's models (var lead_scoring_source_system), or any
    relation the host project names per table, as the well-known source packages do:

        vars:
          lead_scoring_crm_leads: "{{ ref('lead_scoring', 'my_leads') }}"
          lead_scoring_activity_events: "{{ source('segment', 'lead_events') }}"
-#}

{% macro raw_tables() %}
    {#- The tables of the raw contract, each with the source it belongs to. -#}
    {{ return({
        'crm_accounts': 'crm', 'crm_leads': 'crm', 'crm_opportunities': 'crm',
        'crm_lead_status_history': 'crm', 'activity_events': 'activity',
    }) }}
{% endmacro %}


{% macro source_systems() %}
    {{ return(['canonical', 'hubspot', 'salesforce', 'dynamics365']) }}
{% endmacro %}


{% macro source_system() %}
    {%- set system = var('lead_scoring_source_system', 'canonical') -%}
    {%- if system not in lead_scoring.source_systems() -%}
        {{ exceptions.raise_compiler_error(
            "var lead_scoring_source_system is '" ~ system ~ "': use one of "
            ~ lead_scoring.source_systems() | join(', ')) }}
    {%- endif -%}
    {{ return(system) }}
{% endmacro %}


{% macro crm_adapter_enabled(system) %}
    {#- Whether the models and sources of a CRM adapter exist: when its CRM is the source
        system, or when var lead_scoring_compile_all_adapters asks for every adapter (the
        linter's single pass). Read at parse time, in each adapter model's config. -#}
    {{ return(var('lead_scoring_source_system', 'canonical') == system
              or var('lead_scoring_compile_all_adapters', false) in [true, 'true', 'True', 1, '1']) }}
{% endmacro %}


{% macro raw_input(table) %}
    {%- set tables = lead_scoring.raw_tables() -%}
    {%- if table not in tables -%}
        {{ exceptions.raise_compiler_error("raw_input: unknown raw table " ~ table) }}
    {%- endif -%}
    {%- set override = var('lead_scoring_' ~ table, none) -%}
    {%- if override -%}
        {{ return(override) }}
    {%- endif -%}
    {%- set system = lead_scoring.source_system() -%}
    {%- if system == 'canonical' -%}
        {{ return(source(tables[table], table)) }}
    {%- endif -%}
    {{ return(ref("lead_scoring", "stg_" ~ system ~ "__" ~ table)) }}
{% endmacro %}


{% macro union_extra_activity_events() %}
    {#- "union all" the relation of var lead_scoring_extra_activity_events (columns of the raw
        contract's activity_events), for CRM adapters whose CRM holds no web or product events;
        nothing when the var is unset. -#}
    {%- set extra = var('lead_scoring_extra_activity_events', none) -%}
    {%- if extra %}
    union all
    select
        cast(event_id as {{ dbt.type_string() }}) as event_id,
        cast(lead_id as {{ dbt.type_string() }}) as lead_id,
        cast(email as {{ dbt.type_string() }}) as email,
        cast(event_type as {{ dbt.type_string() }}) as event_type,
        cast(occurred_at as {{ dbt.type_timestamp() }}) as occurred_at,
        cast(url as {{ dbt.type_string() }}) as url,
        cast(campaign_id as {{ dbt.type_string() }}) as campaign_id,
        cast(properties as {{ dbt.type_string() }}) as properties
    from {{ extra }}
    {%- endif %}
{% endmacro %}


{% macro settings_table(seed_name) %}
    {#- The relation holding one of the scoring settings (a seed of this project): the relation
        of var lead_scoring_<seed_name> when a host project sets one (its own copy of the CSV, say
        "{{ ref('my_signal_weights') }}"), else this project's seed. Models, seed checks and
        analyses all read the settings through here, so an override is validated like the seed. -#}
    {%- set override = var('lead_scoring_' ~ seed_name, none) -%}
    {{ return(override if override else ref('lead_scoring', seed_name)) }}
{% endmacro %}
