-- Summary tables of the contract KPI (R-12/R-16/R-32, quote.ContractKpiSummary) and the payment KPI (R-24,
-- payment.PaymentKpiSummary), kept with shared.SummaryCounters in the transaction that writes the rows they count, so a
-- KPI reads a few rows per day instead of every contract or journey of its range (issue 12). A row's day is the calendar
-- day, in the sales team's zone, of the date the report groups that figure by. Duration counters: whole-minute
-- histogram buckets b00..b40 of shared.DurationHistogram. Built from the features' rows at start-up (shared.SummaryBuilds).

-- Contracts per day drafted and, for approved ones, the set of users whose APPROVE reviews they carry (sorted, comma
-- separated; '' for contracts not approved): R-32's "approved by a member of legal" is decided when the KPI is read.
CREATE TABLE contract_kpi_summary (
    summary_day           DATE          NOT NULL,
    approvers             VARCHAR(1000) NOT NULL,
    contracts             BIGINT        NOT NULL DEFAULT 0,
    reviewed              BIGINT        NOT NULL DEFAULT 0,   -- reviewed at least once
    returned              BIGINT        NOT NULL DEFAULT 0,   -- returned by legal at least once
    approved              BIGINT        NOT NULL DEFAULT 0,
    handling_centihours   BIGINT        NOT NULL DEFAULT 0,   -- sum of draft → approval in hours, each rounded to 2 decimals, × 100
    clauses_current       BIGINT        NOT NULL DEFAULT 0,   -- approved with every locked clause the library's latest
    attachments_complete  BIGINT        NOT NULL DEFAULT 0,   -- approved with every clause type the products need
    b00 BIGINT NOT NULL DEFAULT 0, b01 BIGINT NOT NULL DEFAULT 0, b02 BIGINT NOT NULL DEFAULT 0, b03 BIGINT NOT NULL DEFAULT 0,
    b04 BIGINT NOT NULL DEFAULT 0, b05 BIGINT NOT NULL DEFAULT 0, b06 BIGINT NOT NULL DEFAULT 0, b07 BIGINT NOT NULL DEFAULT 0,
    b08 BIGINT NOT NULL DEFAULT 0, b09 BIGINT NOT NULL DEFAULT 0, b10 BIGINT NOT NULL DEFAULT 0, b11 BIGINT NOT NULL DEFAULT 0,
    b12 BIGINT NOT NULL DEFAULT 0, b13 BIGINT NOT NULL DEFAULT 0, b14 BIGINT NOT NULL DEFAULT 0, b15 BIGINT NOT NULL DEFAULT 0,
    b16 BIGINT NOT NULL DEFAULT 0, b17 BIGINT NOT NULL DEFAULT 0, b18 BIGINT NOT NULL DEFAULT 0, b19 BIGINT NOT NULL DEFAULT 0,
    b20 BIGINT NOT NULL DEFAULT 0, b21 BIGINT NOT NULL DEFAULT 0, b22 BIGINT NOT NULL DEFAULT 0, b23 BIGINT NOT NULL DEFAULT 0,
    b24 BIGINT NOT NULL DEFAULT 0, b25 BIGINT NOT NULL DEFAULT 0, b26 BIGINT NOT NULL DEFAULT 0, b27 BIGINT NOT NULL DEFAULT 0,
    b28 BIGINT NOT NULL DEFAULT 0, b29 BIGINT NOT NULL DEFAULT 0, b30 BIGINT NOT NULL DEFAULT 0, b31 BIGINT NOT NULL DEFAULT 0,
    b32 BIGINT NOT NULL DEFAULT 0, b33 BIGINT NOT NULL DEFAULT 0, b34 BIGINT NOT NULL DEFAULT 0, b35 BIGINT NOT NULL DEFAULT 0,
    b36 BIGINT NOT NULL DEFAULT 0, b37 BIGINT NOT NULL DEFAULT 0, b38 BIGINT NOT NULL DEFAULT 0, b39 BIGINT NOT NULL DEFAULT 0,
    b40 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (summary_day, approvers)
);
INSERT INTO summary_state (name, zone) VALUES ('contract_kpi_summary', '');

-- U8 verdicts per day recorded (the invoicing error rate).
CREATE TABLE u8_verdict_summary (
    summary_day  DATE   NOT NULL PRIMARY KEY,
    verdicts     BIGINT NOT NULL DEFAULT 0,
    rejections   BIGINT NOT NULL DEFAULT 0
);
INSERT INTO summary_state (name, zone) VALUES ('u8_verdict_summary', '');

-- The R-32 sample draws from the ids of a range's approved contracts: read from this index alone.
CREATE INDEX contract_drafted_approved_ix ON contract (drafted_at, approved_at, id);

-- Payment durations per day and rep ('' = all reps): measure CYCLE (journeys paid in full, by day paid, node '') and
-- DWELL (node stays, by day the stay ended, per node code as stored). Keys start with the rep and the measure: a report
-- reads one contiguous run of days.
CREATE TABLE payment_kpi_summary (
    summary_day  DATE        NOT NULL,
    rep_id       VARCHAR(64) NOT NULL,
    measure      VARCHAR(10) NOT NULL,
    node         VARCHAR(30) NOT NULL,
    items        BIGINT      NOT NULL DEFAULT 0,
    seconds      BIGINT      NOT NULL DEFAULT 0,   -- sum of whole seconds
    b00 BIGINT NOT NULL DEFAULT 0, b01 BIGINT NOT NULL DEFAULT 0, b02 BIGINT NOT NULL DEFAULT 0, b03 BIGINT NOT NULL DEFAULT 0,
    b04 BIGINT NOT NULL DEFAULT 0, b05 BIGINT NOT NULL DEFAULT 0, b06 BIGINT NOT NULL DEFAULT 0, b07 BIGINT NOT NULL DEFAULT 0,
    b08 BIGINT NOT NULL DEFAULT 0, b09 BIGINT NOT NULL DEFAULT 0, b10 BIGINT NOT NULL DEFAULT 0, b11 BIGINT NOT NULL DEFAULT 0,
    b12 BIGINT NOT NULL DEFAULT 0, b13 BIGINT NOT NULL DEFAULT 0, b14 BIGINT NOT NULL DEFAULT 0, b15 BIGINT NOT NULL DEFAULT 0,
    b16 BIGINT NOT NULL DEFAULT 0, b17 BIGINT NOT NULL DEFAULT 0, b18 BIGINT NOT NULL DEFAULT 0, b19 BIGINT NOT NULL DEFAULT 0,
    b20 BIGINT NOT NULL DEFAULT 0, b21 BIGINT NOT NULL DEFAULT 0, b22 BIGINT NOT NULL DEFAULT 0, b23 BIGINT NOT NULL DEFAULT 0,
    b24 BIGINT NOT NULL DEFAULT 0, b25 BIGINT NOT NULL DEFAULT 0, b26 BIGINT NOT NULL DEFAULT 0, b27 BIGINT NOT NULL DEFAULT 0,
    b28 BIGINT NOT NULL DEFAULT 0, b29 BIGINT NOT NULL DEFAULT 0, b30 BIGINT NOT NULL DEFAULT 0, b31 BIGINT NOT NULL DEFAULT 0,
    b32 BIGINT NOT NULL DEFAULT 0, b33 BIGINT NOT NULL DEFAULT 0, b34 BIGINT NOT NULL DEFAULT 0, b35 BIGINT NOT NULL DEFAULT 0,
    b36 BIGINT NOT NULL DEFAULT 0, b37 BIGINT NOT NULL DEFAULT 0, b38 BIGINT NOT NULL DEFAULT 0, b39 BIGINT NOT NULL DEFAULT 0,
    b40 BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (rep_id, measure, summary_day, node)
);
INSERT INTO summary_state (name, zone) VALUES ('payment_kpi_summary', '');

-- Blocker causes ticked per day the checklist was answered and rep of the check ('' = all reps): dimension ALL
-- (grp ''), NODE (grp = node code) and CUSTOMER (grp = customer id or '', grp_name = the customer name on the check).
-- A report reads all three for one rep (or all) and a run of days: the key starts with those.
CREATE TABLE payment_cause_summary (
    summary_day  DATE         NOT NULL,
    rep_id       VARCHAR(64)  NOT NULL,
    dimension    VARCHAR(10)  NOT NULL,
    grp          VARCHAR(36)  NOT NULL,
    grp_name     VARCHAR(200) NOT NULL,
    cause        VARCHAR(30)  NOT NULL,
    ticks        BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (rep_id, summary_day, dimension, grp, grp_name, cause)
);
INSERT INTO summary_state (name, zone) VALUES ('payment_cause_summary', '');
