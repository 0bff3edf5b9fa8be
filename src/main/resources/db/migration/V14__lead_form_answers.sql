-- Answers to fields an owner added to a lead's task form in Modeler (e.g. 客户意向等级 intent level): kept with the lead
-- without a column or code per field. One row per lead and field key, the latest answer wins.
CREATE TABLE lead_form_answer (
    lead_id      VARCHAR(36)   NOT NULL REFERENCES sales_lead (id) ON DELETE CASCADE,
    field_key    VARCHAR(100)  NOT NULL,
    label        VARCHAR(200),
    value_text   VARCHAR(4000),
    form_id      VARCHAR(100)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (lead_id, field_key)
);
