-- Summary tables (issue 12): KPIs and the SLA heatmap read counters kept per day and group in the transaction that
-- changes the data (shared.SummaryCounters), instead of every item of a range. Days are calendar days in the sales team's
-- zone (leadtocash.zone), so each summary records the zone it was built for; a feature (re)builds its summary from its
-- own rows when this says it was built for no zone (first start after its migration) or another one
-- (shared.SummaryBuilds). Each feature's migration inserts its row. Runs on H2 2.x and PostgreSQL 17.

CREATE TABLE summary_state (
    name      VARCHAR(60)  PRIMARY KEY,     -- the summary table
    zone      VARCHAR(50)  NOT NULL,        -- '' until built
    built_at  TIMESTAMP WITH TIME ZONE
);
