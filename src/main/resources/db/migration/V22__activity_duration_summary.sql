-- SLA heatmap (issue 12): how long finished activity instances spent at each activity, per calendar day in the sales
-- team's zone on which the activity instance ENDED, per process definition key (all versions) and activity. Kept by
-- system.engine.ActivityDurationSummary from the engine's history events, in the transaction that writes the engine's
-- own history (shared.SummaryCounters), so the heatmap's median reads a few rows per day instead of ACT_HI_ACTINST.
-- b00..b40 are the buckets of shared.DurationHistogram. History cleanup does not change these rows: they count the ends
-- the application saw. Runs on H2 2.x and PostgreSQL 17.

CREATE TABLE activity_duration_summary (
    summary_day   DATE         NOT NULL,
    proc_def_key  VARCHAR(255) NOT NULL,
    act_id        VARCHAR(255) NOT NULL,
    finished      BIGINT       NOT NULL DEFAULT 0,
    b00           BIGINT       NOT NULL DEFAULT 0,
    b01           BIGINT       NOT NULL DEFAULT 0,
    b02           BIGINT       NOT NULL DEFAULT 0,
    b03           BIGINT       NOT NULL DEFAULT 0,
    b04           BIGINT       NOT NULL DEFAULT 0,
    b05           BIGINT       NOT NULL DEFAULT 0,
    b06           BIGINT       NOT NULL DEFAULT 0,
    b07           BIGINT       NOT NULL DEFAULT 0,
    b08           BIGINT       NOT NULL DEFAULT 0,
    b09           BIGINT       NOT NULL DEFAULT 0,
    b10           BIGINT       NOT NULL DEFAULT 0,
    b11           BIGINT       NOT NULL DEFAULT 0,
    b12           BIGINT       NOT NULL DEFAULT 0,
    b13           BIGINT       NOT NULL DEFAULT 0,
    b14           BIGINT       NOT NULL DEFAULT 0,
    b15           BIGINT       NOT NULL DEFAULT 0,
    b16           BIGINT       NOT NULL DEFAULT 0,
    b17           BIGINT       NOT NULL DEFAULT 0,
    b18           BIGINT       NOT NULL DEFAULT 0,
    b19           BIGINT       NOT NULL DEFAULT 0,
    b20           BIGINT       NOT NULL DEFAULT 0,
    b21           BIGINT       NOT NULL DEFAULT 0,
    b22           BIGINT       NOT NULL DEFAULT 0,
    b23           BIGINT       NOT NULL DEFAULT 0,
    b24           BIGINT       NOT NULL DEFAULT 0,
    b25           BIGINT       NOT NULL DEFAULT 0,
    b26           BIGINT       NOT NULL DEFAULT 0,
    b27           BIGINT       NOT NULL DEFAULT 0,
    b28           BIGINT       NOT NULL DEFAULT 0,
    b29           BIGINT       NOT NULL DEFAULT 0,
    b30           BIGINT       NOT NULL DEFAULT 0,
    b31           BIGINT       NOT NULL DEFAULT 0,
    b32           BIGINT       NOT NULL DEFAULT 0,
    b33           BIGINT       NOT NULL DEFAULT 0,
    b34           BIGINT       NOT NULL DEFAULT 0,
    b35           BIGINT       NOT NULL DEFAULT 0,
    b36           BIGINT       NOT NULL DEFAULT 0,
    b37           BIGINT       NOT NULL DEFAULT 0,
    b38           BIGINT       NOT NULL DEFAULT 0,
    b39           BIGINT       NOT NULL DEFAULT 0,
    b40           BIGINT       NOT NULL DEFAULT 0,
    -- the heatmap reads one key's days: key first
    PRIMARY KEY (proc_def_key, summary_day, act_id)
);

INSERT INTO summary_state (name, zone) VALUES ('activity_duration_summary', '');

-- the index the heatmap's former per-activity history queries needed (added at start-up by the removed
-- system.engine.HeatmapHistoryIndex): nothing reads ACT_HI_ACTINST that way any more, and it cost every history write
DROP INDEX IF EXISTS L2C_IDX_HI_ACT_DEF_END;
