-- Customers from the business licence (营业执照, R-30) and their store tier (R-15). A customer reached through a lead
-- has only its credit code and name until its licence is recorded (form, API or CSV import), so the new columns are
-- nullable. Registered capital is in 万元 (10,000 CNY), as the licence prints it. The store tier is a code the rebate
-- decision (bpmn/rebate-policy.dmn) knows; it is checked against the deployed decision, not by a CHECK constraint, so
-- a process owner adds a tier by deploying the DMN alone. Runs on H2 2.x and PostgreSQL 17.

ALTER TABLE customer ADD COLUMN company_type VARCHAR(100);
ALTER TABLE customer ADD COLUMN legal_representative VARCHAR(100);
ALTER TABLE customer ADD COLUMN registered_capital_wan NUMERIC(18, 4);
ALTER TABLE customer ADD COLUMN established_on DATE;
ALTER TABLE customer ADD COLUMN address VARCHAR(300);
ALTER TABLE customer ADD COLUMN business_scope VARCHAR(2000);
ALTER TABLE customer ADD COLUMN store_tier VARCHAR(40);
ALTER TABLE customer ADD COLUMN licence_recorded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE customer ADD COLUMN licence_recorded_by VARCHAR(64);
