-- KPI reads over a date range at a year of data (issue 12): composite indexes that hold every column the payment
-- cycle and the node dwell read, so PostgreSQL answers them from the range's index entries alone (index-only scan)
-- instead of visiting each journey's or visit's row. Plain composite indexes: the same file runs on H2.
CREATE INDEX payment_journey_paid_span_ix ON payment_journey (status, paid_at, rep_id, started_at);
CREATE INDEX payment_node_visit_left_span_ix ON payment_node_visit (left_at, journey_id, node, entered_at);
