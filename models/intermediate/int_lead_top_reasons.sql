{{ config(
    materialized='view', schema=lead_scoring.model_schema('intermediate'), tags=['lead_scoring_model_specific']
) }}
-- The reasons behind each lead's score as CRM-ready text: the 3 strongest positive then the 2
-- strongest negative contributions of score_contributions, and their rule ids (a key that
-- changes only when the reasons change, not their points or ages). A view: lead_scores_current
-- reads it once, so it costs what a CTE there would.
with

score_contributions as (
    select lead_id, rule_id, reason_text, points from {{ ref('lead_scoring', 'score_contributions') }}
),

contributions as (
    -- Points as shown (one decimal) from the points rounded to 6 decimals first (decimal casts, which
    -- round alike on every engine): float noise between
    -- a full and an incremental build (1e-12) can then neither flip a tie nor the last digit.
    select
        lead_id,
        rule_id,
        reason_text,
        cast(cast(points as decimal(18, 6)) as decimal(12, 1)) as shown_points
    from score_contributions
),

ranked_reasons as (
    -- Below 0.05 a reason would print as +0.0: not worth a rep's attention. Ties on the shown
    -- points go to the smaller rule_id.
    select
        lead_id,
        rule_id,
        shown_points,
        reason_text,
        shown_points > 0 as is_positive,
        row_number() over (
            partition by lead_id, shown_points > 0
            order by abs(shown_points) desc, rule_id
        ) as reason_rank
    from contributions
    where shown_points != 0
),

ranked_texts as (
    select
        lead_id,
        rule_id,
        is_positive,
        reason_rank,
        reason_text || ': ' || case when shown_points > 0 then '+' else '' end
        || cast(shown_points as {{ dbt.type_string() }}) as reason
    from ranked_reasons
    where (is_positive and reason_rank <= 3) or (not is_positive and reason_rank <= 2)
),

top_reasons as (
    -- The 3 strongest positive then the 2 strongest negative reasons, as CRM-ready text, and
    -- their rule ids in the same order: a key that changes only when the reasons themselves
    -- change, not their points or ages (what lead_score_changes compares).
    -- One column per place, joined by concat_ws (which skips the empty places): an
    -- ordered string aggregate sorts every lead's rows and cost 3 s more at 1M leads.
    select
        lead_id,
        concat_ws(
            '; ',
            {%- for place in [(true, 1), (true, 2), (true, 3), (false, 1), (false, 2)] %}
                max(
                    case
                        when {{ 'is_positive' if place[0] else 'not is_positive' }} and reason_rank = {{ place[1] }}
                            then reason
                    end
                ){{ "," if not loop.last }}
            {%- endfor %}
        ) as top_reasons,
        concat_ws(
            ',',
            {%- for place in [(true, 1), (true, 2), (true, 3), (false, 1), (false, 2)] %}
                max(
                    case
                        when {{ 'is_positive' if place[0] else 'not is_positive' }} and reason_rank = {{ place[1] }}
                            then rule_id
                    end
                ){{ "," if not loop.last }}
            {%- endfor %}
        ) as top_reason_ids
    from ranked_texts
    group by lead_id
),

final as (
    select
        lead_id,
        top_reasons,
        top_reason_ids
    from top_reasons
)

select * from final
