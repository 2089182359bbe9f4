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


{% macro owner_moves(owners) %}
    {#- What the latest run of int_event_pair_owners recorded: a dict with frozen_through (its
        last frozen day), since (the frozen_through it folded from: the pairs moved by that run
        have changed_through on or after it; none after a rebuild or before any run) and pairs
        (how many pairs moved since then). -#}
    {%- set moves = {'frozen_through': none, 'since': none, 'pairs': 0} -%}
    {%- if not lead_scoring.can_query_inputs([owners]) -%}
        {{ return(moves) }}
    {%- endif -%}
    {%- set latest = run_query(
        "select cast(frozen_through as " ~ dbt.type_string() ~ "), cast(max(moved_since) as " ~ dbt.type_string() ~ ") "
        ~ "from " ~ owners ~ " where frozen_through = (select max(frozen_through) from " ~ owners ~ ") "
        ~ "group by frozen_through").rows -%}
    {%- if latest | length == 0 or latest[0][1] is none -%}
        {{ return(moves) }}
    {%- endif -%}
    {%- do moves.update({'frozen_through': latest[0][0][:10], 'since': latest[0][1][:10]}) -%}
    {%- do moves.update({'pairs': run_query(
        "select count(*) from " ~ owners ~ " where changed_through >= cast('" ~ moves.since ~ "' as date)"
    ).columns[0].values()[0] | int}) -%}
    {{ return(moves) }}
{% endmacro %}


{% macro owner_refold_check(plan) %}
    {#- Part of event_state_plan for the models that follow the owners of frozen events: on
        a fold, reads int_event_pair_owners and either asks for a refold (pairs moved since
        the stored frozen_through: plan.refold, and plan.moved_source, the relation to read the
        moved events from: int_frozen_events_moved when it holds them for this frozen_through,
        else the staged events), or turns the fold into a rebuild when the recorded moves
        cannot tell what the state holds (the owners were rebuilt after it, or a pair moved
        twice since it, e.g. runs that left this model out). -#}
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
        {#- int_frozen_events_moved holds the events of the pairs moved since moves.since, up to
            the owners' frozen_through: enough for a state folded from any day in between (a
            rerun of the same day folds from the owners' frozen_through). -#}
        {%- set moves = lead_scoring.owner_moves(owners) -%}
        {%- set shared = moves.since is not none
            and moves.since <= plan.fold_after <= moves.frozen_through -%}
        {%- do plan.update({'refold': true,
            'moved_source': ref('lead_scoring', 'int_frozen_events_moved' if shared else 'stg_lead_scoring__activity_events'),
            'reason': plan.reason ~ ', refold the leads of ' ~ row[1] ~ ' moved event pairs'
                ~ ('' if shared else ' (reading every frozen event: the moves were not read for this state)')}) -%}
    {%- endif -%}
    {{ return(plan) }}
{% endmacro %}


{% macro unmatched_pairs_condition(plan, lead_id, email) %}
    {#- For a caller that keeps only the unmatched events of its range (events_quarantined): a
        SQL condition on an event's lead_id and email (and occurred_at) that is true for every
        event that can go to no lead, so that only those are looked up among the events of the
        frozen days. True for the events after plan.frozen_through (whose pairs
        int_event_pair_owners does not hold) and for the events whose pair hashes (key_hash) to
        one of the pairs it holds without an owner; another pair sharing such a hash is only
        looked up too. Returns none (look up every event) unless int_event_pair_owners' latest
        row was built over the same frozen events as plan: the same frozen_through, checksum of
        the frozen events and event-state fingerprint, so that it holds every pair of them (it
        runs before its readers in a build; a model run alone after the frozen events changed
        looks up every event). Its owners are those of its own run, as int_lead_email_owners'
        are for the lookup itself. -#}
    {%- set owners = ref('lead_scoring', 'int_event_pair_owners') -%}
    {%- if not execute or not lead_scoring.can_query_inputs([owners]) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set latest = lead_scoring.event_state_latest(owners) -%}
    {%- if latest is none or latest.frozen_through[:10] != plan.frozen_through
        or latest.fingerprint != plan.fingerprint or latest.checksum | int != plan.frozen_source_checksum | int -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set condition -%}
        (
            occurred_at >= cast('{{ lead_scoring.next_day_value(plan.frozen_through) }}' as {{ dbt.type_timestamp() }})
            or {{ lead_scoring.key_hash([lead_id, email]) }} in (
                select {{ lead_scoring.key_hash(['unmatched_pairs.source_lead_id', 'unmatched_pairs.email']) }}
                from {{ owners }} as unmatched_pairs
                where unmatched_pairs.lead_id is null
            )
        )
    {%- endset -%}
    {{ return(condition) }}
{% endmacro %}


{% macro moved_event_leads(since) %}
    {#- A query of the leads whose frozen events a refold derives again: the owners, before and
        after, of the pairs moved since the frozen day since ('YYYY-MM-DD'). -#}
    {%- set owners = ref('lead_scoring', 'int_event_pair_owners') -%}
    select lead_id from {{ owners }}
    where changed_through >= cast('{{ since }}' as date) and lead_id is not null
    union
    select previous_lead_id from {{ owners }}
    where changed_through >= cast('{{ since }}' as date) and previous_lead_id is not null
{% endmacro %}


{% macro moved_pair_values(owners, since, max_values=10000) %}
    {#- The lead_ids and emails of the pairs a refold reads (the pairs of moved_event_leads and
        the pairs moved since since), as two SQL lists of values (a lead_id list and an email
        list; null for an empty one), which an engine applies while it scans; as subqueries
        when there are more than max_values of them. -#}
    {%- set pairs -%}
        select distinct source_lead_id, email from {{ owners }}
        where
            lead_id in ({{ lead_scoring.moved_event_leads(since) }})
            or changed_through >= cast('{{ since }}' as date)
    {%- endset -%}
    {%- set rows = run_query(pairs).rows -%}
    {%- if rows | length > max_values -%}
        {{ return({'lead_ids': 'select source_lead_id from (' ~ pairs ~ ') as pairs',
                   'emails': 'select email from (' ~ pairs ~ ') as pairs'}) }}
    {%- endif -%}
    {%- set lead_ids = [] -%}
    {%- set emails = [] -%}
    {%- for row in rows -%}
        {%- if row[0] is not none %}{% do lead_ids.append(lead_scoring.quoted_string(row[0]) | trim) %}{% endif -%}
        {%- if row[1] is not none %}{% do emails.append(lead_scoring.quoted_string(row[1]) | trim) %}{% endif -%}
    {%- endfor -%}
    {{ return({'lead_ids': (lead_ids | unique | join(', ')) or 'null', 'emails': (emails | unique | join(', ')) or 'null'}) }}
{% endmacro %}


{% macro pairs_events_condition(pairs_condition, lead_id='lead_id', email='email') %}
    {#- A condition on a staged event's columns, true for every event of the pairs of
        int_event_pair_owners that pairs_condition (a condition on its columns) selects, and for
        other events sharing such a lead_id or email. -#}
    {%- set owners = ref('lead_scoring', 'int_event_pair_owners') -%}
    (
        {{ lead_id }} in (select source_lead_id from {{ owners }} where {{ pairs_condition }})
        or {{ email }} in (select email from {{ owners }} where {{ pairs_condition }})
    )
{% endmacro %}


{% macro moved_leads_events_condition(since, lead_id='lead_id', email='email') %}
    {#- pairs_events_condition for the pairs that go to one of moved_event_leads today (the
        caller keeps the events whose mapped owner is one of the leads). -#}
    {{ lead_scoring.pairs_events_condition(
        'lead_id in (' ~ lead_scoring.moved_event_leads(since) ~ ')', lead_id, email) }}
{% endmacro %}


{% macro matched_or_unmatched_moves_condition(since, lead_id='lead_id', email='email') %}
    {#- pairs_events_condition for the pairs moved since the frozen day since from no lead to
        a lead or back (their unmatched_lead quarantine changes). -#}
    {{ lead_scoring.pairs_events_condition(
        "changed_through >= cast('" ~ since ~ "' as date) and (lead_id is null) <> (previous_lead_id is null)",
        lead_id, email) }}
{% endmacro %}


{% macro owner_refold_delete(plan, kind) %}
    {#- The statement of a refold's pre-hook (plan.refold): kind 'lead' deletes the rows of
        moved_event_leads (a state keyed by lead); kind 'quarantine' deletes the unmatched_lead
        rows of the frozen events matched_or_unmatched_moves_condition selects, by event_id
        as mapped_events reads them (in plan.moved_source), so that every event the refold
        derives again loses its row first. -#}
    {%- if kind == 'lead' -%}
        delete from {{ this }} where lead_id in ({{ lead_scoring.moved_event_leads(plan.fold_after) }})
    {%- elif kind == 'quarantine' -%}
        delete from {{ this }}
        where
            quarantine_reason = 'unmatched_lead'
            and event_id in (
                select moved.event_id from {{ plan.moved_source }} as moved
                where
                    moved.occurred_at < cast('{{ lead_scoring.next_day_value(plan.fold_after) }}' as {{ dbt.type_timestamp() }})
                    and {{ lead_scoring.matched_or_unmatched_moves_condition(plan.fold_after, 'moved.lead_id', 'moved.email') }}
            )
    {%- else -%}
        {{ exceptions.raise_compiler_error("owner_refold_delete: kind must be 'lead' or 'quarantine', got " ~ kind) }}
    {%- endif -%}
{% endmacro %}


{% macro refold_events(plan, columns, from_day=none, extra_condition=none) %}
    {#- The select of a refold's events in a state kept by lead (plan.refold): the scorable
        frozen events, up to the stored frozen_through (and from from_day, 'YYYY-MM-DD', when
        given), of the leads moved_event_leads lists, read from plan.moved_source with their
        copies; columns: the mapped_events columns to select; extra_condition: a further
        condition on the staged and mapped columns (e.g. the event types a model keeps). -#}
    {%- set timestamp = dbt.type_timestamp() -%}
    {%- set range = ("occurred_at >= cast('" ~ from_day ~ "' as " ~ timestamp ~ ") and " if from_day else "")
        ~ "occurred_at < cast('" ~ lead_scoring.next_day_value(plan.fold_after) ~ "' as " ~ timestamp ~ ")" -%}
    {%- set wanted = lead_scoring.moved_leads_events_condition(plan.fold_after)
        ~ (" and " ~ extra_condition if extra_condition else "") -%}
    select {{ columns | join(', ') }}
    from ({{ lead_scoring.mapped_events(range, wanted, plan.moved_source) }}) as moved_events
    where
        quarantine_reason is null
        and lead_id in ({{ lead_scoring.moved_event_leads(plan.fold_after) }})
        {%- if extra_condition %}
            and {{ extra_condition }}
        {%- endif %}
{% endmacro %}
