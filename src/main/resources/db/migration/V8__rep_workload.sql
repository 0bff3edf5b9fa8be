-- Workload figures kept per rep, so that assignment reads a handful of rows whatever the size of the team and the
-- number of leads (R-03): open leads, deals signed in the recent window and the last assignment, updated in the same
-- transaction as the lead or deal that changes them. Runs on H2 2.x and PostgreSQL 17.

-- open_leads: the rep's ASSIGNED leads (assigned, first contact not yet made)
ALTER TABLE sales_staff ADD COLUMN open_leads INTEGER DEFAULT 0 NOT NULL;
-- recent_deals: the rep's signed_deal rows with in_window = TRUE
ALTER TABLE sales_staff ADD COLUMN recent_deals INTEGER DEFAULT 0 NOT NULL;
-- last_assigned_at: when the rep was last given a lead; NULL = never
ALTER TABLE sales_staff ADD COLUMN last_assigned_at TIMESTAMP WITH TIME ZONE;

-- in_window: counted in the rep's recent_deals. Assignment clears it (and decrements the count) once the deal is older
-- than leadtocash.lead.signed-deal-window. A row written without the application (default FALSE) is simply not counted.
ALTER TABLE signed_deal ADD COLUMN in_window BOOLEAN DEFAULT FALSE NOT NULL;

-- every existing deal starts counted; the first assignment after the upgrade retires those older than the window
UPDATE signed_deal SET in_window = TRUE;

UPDATE sales_staff SET
    open_leads = (SELECT COUNT(*) FROM sales_lead l WHERE l.assignee = sales_staff.user_id AND l.status = 'ASSIGNED'),
    last_assigned_at = (SELECT MAX(l.assigned_at) FROM sales_lead l WHERE l.assignee = sales_staff.user_id),
    recent_deals = (SELECT COUNT(*) FROM signed_deal d WHERE d.rep_id = sales_staff.user_id AND d.in_window = TRUE);

-- The ranking itself (fewest open leads, most recent deals, least recently assigned, user id) read in index order
-- within the team, so a team of 500 costs what a team of 5 does. The query orders by region first (fixed by its WHERE)
-- so that H2, too, sees the order of this index.
CREATE INDEX sales_staff_ranking_ix ON sales_staff
    (region, open_leads, recent_deals DESC, last_assigned_at NULLS FIRST, user_id);

-- deals still counted, oldest first: what the window retires
CREATE INDEX signed_deal_window_ix ON signed_deal (in_window, signed_at);

-- trips of the day without reading past trips
CREATE INDEX rep_trip_end_ix ON rep_trip (end_date);
