{#- Named scoring models (seeds/scoring_models.csv, docs/scorecards.md): the live model is
    what the seeds hold; a candidate is scored beside it, in shadow, by make shadow / make
    backtest MODEL=..., with its own copies of the scoring seeds. -#}

{% macro shadow_model() %}
    {#- The candidate a shadow run scores (var lead_scoring_shadow_model), or none in a live run. -#}
    {%- set shadow = var('lead_scoring_shadow_model', none) -%}
    {%- if shadow and not modules.re.match('^[a-z][a-z0-9_]*$', shadow | string) -%}
        {{ exceptions.raise_compiler_error("var lead_scoring_shadow_model must be a lower-case model_id, got '" ~ shadow ~ "'") }}
    {%- endif -%}
    {{ return(shadow or none) }}
{% endmacro %}


{% macro model_schema(layer=none) %}
    {#- The custom schema of a model that depends on the scoring model (tag
        lead_scoring_model_specific): the layer's own in a live run; in a shadow run
        <layer>_shadow_<model_id> (marts: shadow_<model_id>), so a candidate never writes
        over the live tables. layer: intermediate, or none for the marts. -#}
    {%- set shadow = lead_scoring.shadow_model() -%}
    {%- if not shadow -%}
        {{ return(layer) }}
    {%- endif -%}
    {{ return((layer ~ '_' if layer else '') ~ 'shadow_' ~ shadow) }}
{% endmacro %}


{% macro scoring_settings(seed_name) %}
    {#- The relation of a scoring seed that a candidate may bring its own copy of (scoring_rules,
        signal_weights, score_caps, scoring_thresholds): in a shadow run, the candidate's
        seed <model_id>__<seed_name> when var lead_scoring_shadow_seeds lists seed_name (make
        shadow lists the files the candidate has), else settings_table(seed_name). -#}
    {%- set overridable = ['scoring_rules', 'signal_weights', 'score_caps', 'scoring_thresholds'] -%}
    {%- if seed_name not in overridable -%}
        {{ exceptions.raise_compiler_error("scoring_settings: " ~ seed_name ~ " is not a seed a candidate model can override") }}
    {%- endif -%}
    {%- set shadow = lead_scoring.shadow_model() -%}
    {%- if shadow and seed_name in (var('lead_scoring_shadow_seeds', []) or []) -%}
        {{ return(ref('lead_scoring', shadow ~ '__' ~ seed_name)) }}
    {%- endif -%}
    {{ return(lead_scoring.settings_table(seed_name)) }}
{% endmacro %}
