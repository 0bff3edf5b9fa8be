-- R-07 first-contact KPI (issue 12): valid leads counted per creation day in the sales team's zone and per group, so
-- the KPI sums a few rows per day instead of reading every lead of its range. dim is ALL (grp ''), REP (grp the
-- assignee, '(unassigned)' for none), SOURCE or REGION; b00..b40 count the minutes from creation to first contact in
-- shared.DurationHistogram's buckets. Kept by lead.LeadFirstContactSummary in the transaction that changes the lead;
-- built from sales_lead at start-up (summary_state). Runs on H2 2.x and PostgreSQL 17.

CREATE TABLE lead_first_contact_summary (
    summary_day  DATE         NOT NULL,
    dim          VARCHAR(10)  NOT NULL,
    grp          VARCHAR(64)  NOT NULL,
    leads        BIGINT       NOT NULL DEFAULT 0,
    contacted    BIGINT       NOT NULL DEFAULT 0,
    b00          BIGINT       NOT NULL DEFAULT 0,
    b01          BIGINT       NOT NULL DEFAULT 0,
    b02          BIGINT       NOT NULL DEFAULT 0,
    b03          BIGINT       NOT NULL DEFAULT 0,
    b04          BIGINT       NOT NULL DEFAULT 0,
    b05          BIGINT       NOT NULL DEFAULT 0,
    b06          BIGINT       NOT NULL DEFAULT 0,
    b07          BIGINT       NOT NULL DEFAULT 0,
    b08          BIGINT       NOT NULL DEFAULT 0,
    b09          BIGINT       NOT NULL DEFAULT 0,
    b10          BIGINT       NOT NULL DEFAULT 0,
    b11          BIGINT       NOT NULL DEFAULT 0,
    b12          BIGINT       NOT NULL DEFAULT 0,
    b13          BIGINT       NOT NULL DEFAULT 0,
    b14          BIGINT       NOT NULL DEFAULT 0,
    b15          BIGINT       NOT NULL DEFAULT 0,
    b16          BIGINT       NOT NULL DEFAULT 0,
    b17          BIGINT       NOT NULL DEFAULT 0,
    b18          BIGINT       NOT NULL DEFAULT 0,
    b19          BIGINT       NOT NULL DEFAULT 0,
    b20          BIGINT       NOT NULL DEFAULT 0,
    b21          BIGINT       NOT NULL DEFAULT 0,
    b22          BIGINT       NOT NULL DEFAULT 0,
    b23          BIGINT       NOT NULL DEFAULT 0,
    b24          BIGINT       NOT NULL DEFAULT 0,
    b25          BIGINT       NOT NULL DEFAULT 0,
    b26          BIGINT       NOT NULL DEFAULT 0,
    b27          BIGINT       NOT NULL DEFAULT 0,
    b28          BIGINT       NOT NULL DEFAULT 0,
    b29          BIGINT       NOT NULL DEFAULT 0,
    b30          BIGINT       NOT NULL DEFAULT 0,
    b31          BIGINT       NOT NULL DEFAULT 0,
    b32          BIGINT       NOT NULL DEFAULT 0,
    b33          BIGINT       NOT NULL DEFAULT 0,
    b34          BIGINT       NOT NULL DEFAULT 0,
    b35          BIGINT       NOT NULL DEFAULT 0,
    b36          BIGINT       NOT NULL DEFAULT 0,
    b37          BIGINT       NOT NULL DEFAULT 0,
    b38          BIGINT       NOT NULL DEFAULT 0,
    b39          BIGINT       NOT NULL DEFAULT 0,
    b40          BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (summary_day, dim, grp)
);

INSERT INTO summary_state (name, zone) VALUES ('lead_first_contact_summary', '');
