{#- Who the events of frozen days belong to (int_event_pair_owners), and the refold of the
    event-state models when the CRM moves events to another lead. An event goes to the lead
    of its lead_id when that lead is in the CRM (not deleted), else to the owner of its email
    (int_lead_email_owners), else to no one (quarantined as unmatched_lead). The event-state
    models fold each frozen day once; when a lead is deleted or created or an email's owner
    changes, int_event_pair_owners records which (lead_id, email) pairs moved, and a fold
    deletes what it holds of the leads concerned (the pairs' owners before and after) and
    folds all of their frozen events again, with today's owners. -#}

{% macro event_pair_key(lead_id, email) %}
    {#- The text key of an event's (lead_id, email) pair, never null and unambiguous: the
        lead_id prefixed by its length (a dash when null), a bar, the email (a dash when null). -#}
    coalesce(cast(length({{ lead_id }}) as {{ dbt.type_string() }}) || ':' || {{ lead_id }}, '-')
    || '|' || coalesce({{ email }}, '-')
{% endmacro %}


{% macro event_owner_joins(lead_id, email, id_alias='by_id', email_alias='by_email') %}
    {#- The two left joins that find an event's lead: id_alias.lead_id is the event's lead when
        it is in the CRM, email_alias.lead_id the owner of its email; the owner is the first
        of the two that is not null (event_owner). -#}
    left join (
        select lead_id from {{ ref('lead_scoring', 'int_leads_deduplicated') }}
        where not is_deleted
    ) as {{ id_alias }}
        on {{ lead_id }} = {{ id_alias }}.lead_id
    left join (
        select email, lead_id from {{ ref('lead_scoring', 'int_lead_email_owners') }}
    ) as {{ email_alias }}
        on {{ email }} = {{ email_alias }}.email
{% endmacro %}


{% macro event_owner(id_alias='by_id', email_alias='by_email') %}
    {#- The lead an event goes to, after event_owner_joins. -#}
    coalesce({{ id_alias }}.lead_id, {{ email_alias }}.lead_id)
{% endmacro %}


{% macro owner_refold_check(plan) %}
    {#- Part of event_state_plan for the models that follow the owners of frozen events: on
        a fold, reads int_event_pair_owners and either asks for a refold (pairs moved since
        the stored frozen_through: plan.refold), or turns the fold into a rebuild when the
        recorded moves cannot tell what the state holds (the owners were rebuilt after it,
        or a pair moved twice since it, e.g. runs that left this model out). -#}
    {%- set owners = ref('lead_scoring', 'int_event_pair_owners') -%}
    {%- if not lead_scoring.can_query_inputs([owners]) -%}
        {%- do plan.update({'mode': 'rebuild', 'reason': 'no owners of frozen events stored'}) -%}
        {{ return(plan) }}
    {%- endif -%}
    {%- set since = "cast('" ~ plan.fold_after ~ "' as date)" -%}
    {%- set row = run_query(
        "select cast(max(built_through) as " ~ dbt.type_string() ~ "), "
        ~ "count(case when changed_through >= " ~ since ~ " then 1 end), "
        ~ "count(case when changed_through >= " ~ since ~ " and previous_changed_through > " ~ since ~ " then 1 end) "
        ~ "from " ~ owners).rows[0] -%}
    {%- if row[0] is none or row[0][:10] > plan.fold_after -%}
        {%- do plan.update({'mode': 'rebuild', 'reason': 'owners of frozen events rebuilt after this state'}) -%}
    {%- elif row[2] | int > 0 -%}
        {%- do plan.update({'mode': 'rebuild', 'reason': 'frozen events moved lead twice since this state'}) -%}
    {%- elif row[1] | int > 0 -%}
        {%- do plan.update({'refold': true,
            'reason': plan.reason ~ ', refold the leads of ' ~ row[1] ~ ' moved event pairs'}) -%}
    {%- endif -%}
    {{ return(plan) }}
{% endmacro %}


{% macro moved_event_leads(plan) %}
    {#- A query of the leads whose frozen events a refold derives again: the owners, before and
        after, of the pairs moved since the stored frozen_through (plan.fold_after). -#}
    {%- set owners = ref('lead_scoring', 'int_event_pair_owners') -%}
    {%- set since = "cast('" ~ plan.fold_after ~ "' as date)" -%}
    select lead_id from {{ owners }} where changed_through >= {{ since }} and lead_id is not null
    union
    select previous_lead_id from {{ owners }} where changed_through >= {{ since }} and previous_lead_id is not null
{% endmacro %}


{% macro moved_leads_events_condition(plan, lead_id='lead_id', email='email') %}
    {#- A condition on a staged event's columns, true for every event of a pair that goes to
        one of moved_event_leads today (and for other events sharing such a lead_id or email:
        the caller keeps those whose mapped owner is one of the leads). -#}
    {%- set owners = ref('lead_scoring', 'int_event_pair_owners') -%}
    (
        {{ lead_id }} in (
            select source_lead_id from {{ owners }}
            where lead_id in ({{ lead_scoring.moved_event_leads(plan) }})
        )
        or {{ email }} in (
            select email from {{ owners }}
            where lead_id in ({{ lead_scoring.moved_event_leads(plan) }})
        )
    )
{% endmacro %}


{% macro matched_or_unmatched_moves_condition(plan, lead_id='lead_id', email='email') %}
    {#- A condition on a staged event's columns, true for every event of a pair moved since the
        stored frozen_through from no lead to a lead or back (its unmatched_lead quarantine
        changes), and for other events sharing such a lead_id or email (derived again alike). -#}
    {%- set owners = ref('lead_scoring', 'int_event_pair_owners') -%}
    {%- set moved -%}
        changed_through >= cast('{{ plan.fold_after }}' as date)
        and (lead_id is null) <> (previous_lead_id is null)
    {%- endset -%}
    (
        {{ lead_id }} in (select source_lead_id from {{ owners }} where {{ moved }})
        or {{ email }} in (select email from {{ owners }} where {{ moved }})
    )
{% endmacro %}


{% macro owner_refold_delete(plan, kind) %}
    {#- The statement of a refold's pre-hook (plan.refold): kind 'lead' deletes the rows of
        moved_event_leads (a state keyed by lead); kind 'quarantine' deletes the unmatched_lead
        rows of the frozen events matched_or_unmatched_moves_condition selects. -#}
    {%- if kind == 'lead' -%}
        delete from {{ this }} where lead_id in ({{ lead_scoring.moved_event_leads(plan) }})
    {%- elif kind == 'quarantine' -%}
        {#- By event_id, as mapped_events reads the wanted copies: every event the refold
            derives again loses its row first. -#}
        delete from {{ this }}
        where
            quarantine_reason = 'unmatched_lead'
            and event_id in (
                select staged.event_id from {{ ref('lead_scoring', 'stg_lead_scoring__activity_events') }} as staged
                where
                    staged.occurred_at < cast('{{ lead_scoring.next_day_value(plan.fold_after) }}' as {{ dbt.type_timestamp() }})
                    and {{ lead_scoring.matched_or_unmatched_moves_condition(plan, 'staged.lead_id', 'staged.email') }}
            )
    {%- else -%}
        {{ exceptions.raise_compiler_error("owner_refold_delete: kind must be 'lead' or 'quarantine', got " ~ kind) }}
    {%- endif -%}
{% endmacro %}
