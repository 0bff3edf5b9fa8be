-- Payment nodes come from the diagram (issue 11, change 8): a node is a user task marked camunda:property paymentNode in
-- bpmn/payment-journey.bpmn, so an owner adds one in Modeler. The database no longer lists the five shipped node names,
-- and a journey may stay at the same node more than once when an owner draws a loop back to it.
-- Runs on H2 2.x and PostgreSQL 17.
ALTER TABLE payment_journey DROP CONSTRAINT payment_journey_node_ck;
ALTER TABLE payment_node_visit DROP CONSTRAINT payment_node_visit_uk;
CREATE INDEX payment_node_visit_journey_ix ON payment_node_visit (journey_id, left_at);
