-- A host model built on the package's output: the MQLs RevOps syncs back to the CRM.
select
    lead_id,
    segment,
    score_cell,
    mql_reason,
    top_reasons
from {{ ref('lead_scoring', 'lead_scores') }}
where is_mql
