-- Every setting account_scores reads is in seeds/account_settings.csv, within its range;
-- stops the build naming the setting otherwise.

with

settings as (
    {{ lead_scoring.setting_columns(
        lead_scoring.settings_table('account_settings'), lead_scoring.account_setting_names()
    ) | indent(4) }}
),

names as (
    {{ lead_scoring.values_select('setting', lead_scoring.account_setting_names()) | indent(4) }}
),

stored as (
    select setting from {{ lead_scoring.settings_table('account_settings') }}
),

problems as (
    select
        names.setting,
        'missing' as problem
    from names
    left join stored
        on names.setting = stored.setting
    where stored.setting is null
    union all
    select
        'engagement_top_k' as setting,
        'must be at least 1' as problem
    from settings
    where engagement_top_k < 1
    union all
    select
        'engagement_rank_decay' as setting,
        'must be above 0 and at most 1' as problem
    from settings
    where engagement_rank_decay <= 0 or engagement_rank_decay > 1
    union all
    select
        'segment_b_min' as setting,
        'must not exceed segment_a_min' as problem
    from settings
    where segment_b_min > segment_a_min
    union all
    select
        'trend_falling_ratio' as setting,
        'must be below trend_rising_ratio' as problem
    from settings
    where trend_falling_ratio >= trend_rising_ratio
),

final as (
    select
        setting,
        {{ lead_scoring.raise_sql_error(
            "'seeds/account_settings.csv, setting ' || setting || ': ' || problem"
        ) }} as problem
    from problems
)

select * from final
