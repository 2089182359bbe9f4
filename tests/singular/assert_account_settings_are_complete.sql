-- Every setting account_scores reads is in seeds/account_settings.csv, within its range;
-- stops the build naming the setting otherwise.

with

settings as (
    {{ lead_scoring.setting_columns(lead_scoring.settings_table('account_settings'), lead_scoring.account_setting_names()) | indent(4) }}
),

problems as (
    {%- for name in lead_scoring.account_setting_names() %}
    select '{{ name }}' as setting, case when {{ name }} is null then 'missing' end as problem from settings
    union all
    {%- endfor %}
    select 'engagement_top_k' as setting, case when engagement_top_k < 1 then 'must be at least 1' end as problem
    from settings
    union all
    select 'engagement_rank_decay' as setting,
        case when engagement_rank_decay <= 0 or engagement_rank_decay > 1 then 'must be in (0, 1]' end as problem
    from settings
    union all
    select 'segment_b_min' as setting, case when segment_b_min > segment_a_min then 'must not exceed segment_a_min' end as problem
    from settings
    union all
    select 'trend_falling_ratio' as setting,
        case when trend_falling_ratio >= trend_rising_ratio then 'must be below trend_rising_ratio' end as problem
    from settings
),

final as (
    select
        setting,
        {{ lead_scoring.raise_sql_error("'seeds/account_settings.csv, setting ' || setting || ': ' || problem") }} as problem
    from problems
    where problem is not null
)

select * from final
