-- Conservation for CRM account rows: every staged row is either the one row of its account id
-- that scoring uses (int_accounts_deduplicated) or in accounts_quarantined with a reason.
-- Returns a row when the counts differ.
{{ lead_scoring.rows_kept_or_quarantined(
    ref('lead_scoring', 'stg_lead_scoring__crm_accounts'),
    ref('lead_scoring', 'int_accounts_deduplicated'),
    ref('lead_scoring', 'accounts_quarantined')
) }}
