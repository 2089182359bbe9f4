-- Does each rule and signal of the seeds separate converters from the rest? One row per
-- model, milestone, horizon and rule or signal, over the window of every snapshot day whose
-- horizon had passed (first_snapshot_date to last_snapshot_date). A rule is hit on a
-- lead-snapshot when it matched (signals: when the lead had events of it) that day.
-- Weight of evidence and information value use the two bins hit / not hit, each count
-- smoothed by 0.5. Flags: never_fires, fires_for_nearly_everyone (95 % or more of the rows),
-- wrong_sign (points point one way, the observed conversion the other, |z| >= 2),
-- no_separation (IV < 0.02), possible_leakage (IV > 0.5: often a field filled only after
-- conversion), unscored_signal (0 points yet IV >= 0.1 and |z| >= 2). verdict names the first.
{%- set dbl = lead_scoring.type_double() %}

with

evaluated as (
    select model_id, snapshot_date, lead_id, milestone, horizon_days, converted
    from {{ ref('lead_scoring', 'int_lead_snapshots_labeled') }}
    where is_evaluated
),

features as (
    select model_id, as_of, lead_id, rule_id from {{ ref('lead_scoring', 'lead_feature_snapshots') }}
),

catalogue as (
    select rule_id, component, rule_group, cast(points as {{ dbl }}) as points, label
    from {{ lead_scoring.settings_table('scoring_rules') }}
    union all
    select
        signal as rule_id, 'intent' as component, signal_group as rule_group, cast(points as {{ dbl }}) as points, label
    from {{ lead_scoring.settings_table('signal_weights') }}
),

totals as (
    select
        model_id,
        milestone,
        horizon_days,
        cast(count(*) as {{ dbl }}) as total_rows,
        cast(sum(converted) as {{ dbl }}) as total_conversions,
        min(snapshot_date) as first_snapshot_date,
        max(snapshot_date) as last_snapshot_date,
        count(distinct snapshot_date) as snapshot_days
    from evaluated
    group by model_id, milestone, horizon_days
),

hits as (
    select
        evaluated.model_id,
        evaluated.milestone,
        evaluated.horizon_days,
        features.rule_id,
        cast(count(*) as {{ dbl }}) as hit_rows,
        cast(sum(evaluated.converted) as {{ dbl }}) as hit_conversions
    from evaluated
    inner join features
        on
            evaluated.model_id = features.model_id
            and evaluated.snapshot_date = features.as_of
            and evaluated.lead_id = features.lead_id
    group by evaluated.model_id, evaluated.milestone, evaluated.horizon_days, features.rule_id
),

counted as (
    select
        totals.model_id,
        totals.milestone,
        totals.horizon_days,
        catalogue.rule_id,
        catalogue.component,
        catalogue.rule_group,
        catalogue.label,
        catalogue.points,
        totals.first_snapshot_date,
        totals.last_snapshot_date,
        totals.snapshot_days,
        totals.total_rows,
        totals.total_conversions,
        totals.total_conversions / totals.total_rows as base_rate,
        coalesce(hits.hit_rows, 0) as hit_rows,
        coalesce(hits.hit_conversions, 0) as hit_conversions
    from totals
    cross join catalogue
    left join hits
        on
            totals.model_id = hits.model_id
            and totals.milestone = hits.milestone
            and totals.horizon_days = hits.horizon_days
            and catalogue.rule_id = hits.rule_id
),

rates as (
    select
        counted.*,
        counted.total_rows - counted.hit_rows as miss_rows,
        counted.total_conversions - counted.hit_conversions as miss_conversions,
        counted.hit_rows / counted.total_rows as hit_share,
        case when counted.hit_rows > 0 then counted.hit_conversions / counted.hit_rows end as conversion_when_hit,
        case
            when
                counted.total_rows - counted.hit_rows > 0
                then (counted.total_conversions - counted.hit_conversions) / (counted.total_rows - counted.hit_rows)
        end as conversion_when_not_hit,
        -- Shares of converters and of the others in each bin, smoothed.
        (counted.hit_conversions + 0.5) / (counted.total_conversions + 1) as converters_hit_share,
        (counted.hit_rows - counted.hit_conversions + 0.5)
        / (counted.total_rows - counted.total_conversions + 1) as others_hit_share,
        (counted.total_conversions - counted.hit_conversions + 0.5)
        / (counted.total_conversions + 1) as converters_miss_share,
        (counted.total_rows - counted.hit_rows - counted.total_conversions + counted.hit_conversions + 0.5)
        / (counted.total_rows - counted.total_conversions + 1) as others_miss_share
    from counted
),

evidence as (
    select
        rates.*,
        ln(rates.converters_hit_share / rates.others_hit_share) as woe_hit,
        (rates.converters_hit_share - rates.others_hit_share) * ln(rates.converters_hit_share / rates.others_hit_share)
        + (rates.converters_miss_share - rates.others_miss_share)
        * ln(rates.converters_miss_share / rates.others_miss_share)
            as information_value,
        case
            when rates.hit_rows > 0 and rates.miss_rows > 0 and rates.base_rate > 0 and rates.base_rate < 1
                then (rates.conversion_when_hit - rates.conversion_when_not_hit)
                    / sqrt(rates.base_rate * (1 - rates.base_rate) * (1.0 / rates.hit_rows + 1.0 / rates.miss_rows))
        end as z_score
    from rates
),

flagged as (
    select
        evidence.*,
        evidence.hit_rows = 0 as never_fires,
        evidence.hit_share >= 0.95 as fires_for_nearly_everyone,
        coalesce(
            evidence.points * (evidence.conversion_when_hit - evidence.conversion_when_not_hit) < 0
            and abs(evidence.z_score) >= 2,
            false
        ) as has_wrong_sign,
        evidence.hit_rows > 0 and evidence.information_value < 0.02 as has_no_separation,
        evidence.information_value > 0.5 as is_possible_leakage,
        coalesce(points = 0 and evidence.information_value >= 0.1 and abs(evidence.z_score) >= 2, false)
            as is_unscored_signal
    from evidence
),

final as (
    select
        model_id,
        milestone,
        horizon_days,
        rule_id,
        component,
        rule_group,
        label,
        points,
        first_snapshot_date,
        last_snapshot_date,
        snapshot_days,
        cast(hit_rows as {{ dbt.type_bigint() }}) as leads_hit,
        cast(hit_conversions as {{ dbt.type_bigint() }}) as conversions_when_hit,
        hit_share,
        conversion_when_hit,
        conversion_when_not_hit,
        base_rate,
        conversion_when_hit / nullif(base_rate, 0) as lift,
        woe_hit,
        information_value,
        z_score,
        never_fires,
        fires_for_nearly_everyone,
        has_wrong_sign,
        has_no_separation,
        is_possible_leakage,
        is_unscored_signal,
        case
            when never_fires then 'never_fires'
            when fires_for_nearly_everyone then 'fires_for_nearly_everyone'
            when has_wrong_sign then 'wrong_sign'
            when is_possible_leakage then 'possible_leakage'
            when is_unscored_signal then 'unscored_signal'
            when has_no_separation then 'no_separation'
            else 'ok'
        end as verdict
    from flagged
)

select * from final
