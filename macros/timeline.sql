{#- How lead_score_timeline brings itself up to date (see the model). -#}

{% macro timeline_plan(as_of) %}
    {#- Returns a dict: mode ('rebuild' or 'fold'), reason, derive_from ('YYYY-MM-DD', when
        folding), carried_day (the last derived day before derive_from; none if there is none)
        and single_day (true when folding exactly one history day: the daily run, which needs
        no window functions). A fold derives the days from the scoring date, or from the day after the
        last derived day when that is earlier (days the timeline missed); it needs the
        history before that day to be the one the stored rows were derived from, checked
        by its row count. Reads {{ this }} and lead_score_history. -#}
    {%- set plan = {
        'mode': 'rebuild', 'reason': 'full build', 'derive_from': none, 'carried_day': none, 'single_day': false,
    } -%}
    {%- if not is_incremental() or not lead_scoring.can_query_inputs([this, ref('lead_scoring', 'lead_score_history')]) -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- set last_day = run_query('select cast(max(as_of) as ' ~ dbt.type_string() ~ ') from ' ~ this).columns[0].values()[0] -%}
    {%- if last_day is none -%}
        {%- do plan.update({'reason': 'empty timeline'}) -%}
    {%- else -%}
        {%- set derive_from = [lead_scoring.as_of_value(as_of), lead_scoring.next_day_value(last_day[:10])] | min -%}
        {%- set counts -%}
            select
                (select count(*) from {{ ref('lead_scoring', 'lead_score_history') }}
                    where as_of < cast('{{ derive_from }}' as date)) as history_rows,
                (select count(*) from {{ this }}
                    where as_of < cast('{{ derive_from }}' as date)) as timeline_rows,
                (select count(distinct as_of) from {{ ref('lead_scoring', 'lead_score_history') }}
                    where as_of >= cast('{{ derive_from }}' as date)) as days_to_derive
        {%- endset -%}
        {%- set row = run_query(counts).rows[0] -%}
        {%- if row[0] | int != row[1] | int -%}
            {%- do plan.update({'reason': 'history changed before ' ~ derive_from}) -%}
        {%- else -%}
            {#- The last derived day before derive_from, as a literal the scans can prune on. -#}
            {%- set carried_day = run_query(
                'select cast(max(as_of) as ' ~ dbt.type_string() ~ ') from ' ~ this
                ~ " where as_of < cast('" ~ derive_from ~ "' as date)"
            ).columns[0].values()[0] -%}
            {%- set single_day = row[2] | int == 1 -%}
            {%- do plan.update({
                'mode': 'fold', 'derive_from': derive_from,
                'reason': 'derive from ' ~ derive_from ~ ('; one day' if single_day else ''),
                'carried_day': (carried_day[:10] if carried_day is not none else none),
                'single_day': single_day,
            }) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if execute and model.resource_type == 'model' -%}
        {#- Said only when building: docs generate and compile plan too, but change nothing. -#}
        {%- if flags.WHICH in ['run', 'build'] -%}
        {%- do log(this.identifier ~ ': ' ~ plan.mode ~ ' (' ~ plan.reason ~ ')', info=true) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(plan) }}
{% endmacro %}


{% macro timeline_pre_hook(as_of) %}
    {#- Pre-hook of lead_score_timeline: empties the timeline before an incremental rebuild
        (a fold replaces its days through the delete+insert on as_of). -#}
    {%- if execute and is_incremental() and lead_scoring.timeline_plan(as_of).mode == 'rebuild' -%}
        delete from {{ this }}
    {%- endif -%}
{% endmacro %}
