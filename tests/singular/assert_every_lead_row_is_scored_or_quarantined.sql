-- Conservation for CRM lead rows: every staged row is either the one row of its lead id that
-- scoring uses (int_leads_deduplicated) or in leads_quarantined with a reason. Returns a row
-- when the counts differ.
{{ lead_scoring.rows_kept_or_quarantined(
    ref('lead_scoring', 'stg_lead_scoring__crm_leads'),
    ref('lead_scoring', 'int_leads_deduplicated'),
    ref('lead_scoring', 'leads_quarantined')
) }}
