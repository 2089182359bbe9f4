{% macro check_seed_files() %}
    {#- on-run-start: stops every command, before any seed loads, when a seed file of this
        project is empty (0 bytes, or a bare line break). dbt's own loader would stop later
        with "a callable raised a StopIteration exception", naming neither file nor fix.
        Seeds whose file has only a header row are caught by the seed tests instead
        (tests/singular/assert_settings_have_rows.sql). Returns no SQL. -#}
    {%- if execute -%}
        {%- set empty_file_hashes = [
            'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
            '01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b',
            '7eb70257593da06f682a3ddda54a9d260d4fc514f645237f5ca74b08f8da61a6',
        ] -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'seed' and node.checksum.checksum in empty_file_hashes -%}
            {{ exceptions.raise_compiler_error(
                node.original_file_path ~ " is empty: a seed needs at least its header row (and, unless var "
                ~ "lead_scoring_allow_empty_seeds lists it, data rows). Restore it, e.g. git checkout "
                ~ node.original_file_path ~ ".") }}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}


{% macro check_raw_tables_exist() %}
    {#- on-run-start: before dbt run or build reads the canonical raw tables, stops with a clear
        message when they are not there, naming where dbt looked. On DuckDB a mistyped
        LEAD_SCORING_DB path silently creates a new, empty database file; without this check the
        build fails later on a missing table. Only when the project's own source crm.crm_leads
        is enabled (not with a CRM adapter or a per-table var, whose relations dbt checks
        itself), and only for run and build commands that select a staging model. Returns no SQL. -#}
    {%- if not execute or flags.WHICH not in ['run', 'build'] -%}
        {{ return('') }}
    {%- endif -%}
    {#- Only when the command runs a staging model (the only readers of raw tables). -#}
    {%- set reads_raw = [] -%}
    {%- for unique_id in selected_resources if unique_id.startswith('model.lead_scoring.stg_') -%}
        {%- do reads_raw.append(unique_id) -%}
    {%- endfor -%}
    {%- if not reads_raw -%}
        {{ return('') }}
    {%- endif -%}
    {%- for source_node in graph.sources.values()
        if source_node.package_name == 'lead_scoring' and source_node.source_name == 'crm'
        and source_node.name == 'crm_leads' -%}
        {%- set found = adapter.get_relation(
            database=source_node.database, schema=source_node.schema, identifier=source_node.identifier) -%}
        {%- if found is none -%}
            {%- set where = ("the DuckDB file " ~ target.path ~ " (LEAD_SCORING_DB)") if target.type == 'duckdb'
                else ("database " ~ source_node.database) -%}
            {{ exceptions.raise_compiler_error(
                "No raw table " ~ source_node.schema ~ "." ~ source_node.identifier ~ " in " ~ where
                ~ ". Check the path or the var lead_scoring_raw_schema: DuckDB creates a new, empty file "
                ~ "for a path that does not exist. make data (or make demo) writes demo raw tables; "
                ~ "docs/bring-your-own-data.md says where your own go.") }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}


{% macro rows_kept_or_quarantined(staged, kept, quarantined) %}
    {#- A singular test's SQL: one row (the three counts) when the rows of staged are not exactly
        those of kept (one per key) plus those of quarantined (a reason each). staged, kept,
        quarantined: relations (refs). -#}
    with

    staged as (
        select count(*) as staged_rows from {{ staged }}
    ),

    kept as (
        select count(*) as kept_rows from {{ kept }}
    ),

    quarantined as (
        select count(*) as quarantined_rows from {{ quarantined }}
    ),

    final as (
        select
            staged.staged_rows,
            kept.kept_rows,
            quarantined.quarantined_rows
        from staged
        cross join kept
        cross join quarantined
        where staged.staged_rows != kept.kept_rows + quarantined.quarantined_rows
    )

    select * from final
{%- endmacro %}
