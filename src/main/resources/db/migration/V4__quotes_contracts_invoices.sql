-- Quote → contract → invoice request (R-10…R-16, R-30, R-32). Runs on H2 2.x and PostgreSQL 17.
-- Money: NUMERIC(16, 2) in yuan, tax-inclusive where the column says so; rates are fractions (0.1300, rebate 0.0800).
-- Clause texts are copies of the library version they name (clause_version_id), so a quote or contract reads the
-- same forever even if the library moves on.

CREATE TABLE quote (
    id                    VARCHAR(36)    PRIMARY KEY,
    revision              INTEGER        NOT NULL,
    customer_id           VARCHAR(36)    NOT NULL,
    customer_name         VARCHAR(200)   NOT NULL,
    customer_credit_code  VARCHAR(18)    NOT NULL,
    customer_tier         VARCHAR(20)    NOT NULL,
    rep_id                VARCHAR(64)    NOT NULL,
    lead_id               VARCHAR(36),
    quote_date            DATE           NOT NULL,
    delivery_date         DATE           NOT NULL,
    rebate_rate           NUMERIC(6, 4)  NOT NULL,
    net_total             NUMERIC(16, 2) NOT NULL,
    tax_total             NUMERIC(16, 2) NOT NULL,
    total                 NUMERIC(16, 2) NOT NULL,
    status                VARCHAR(20)    NOT NULL,
    answer_note           VARCHAR(1000),
    process_instance_id   VARCHAR(64),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX quote_rep_ix ON quote (rep_id, created_at);
CREATE INDEX quote_customer_ix ON quote (customer_id);

CREATE TABLE quote_line (
    quote_id             VARCHAR(36)    NOT NULL REFERENCES quote (id),
    line_no              INTEGER        NOT NULL,
    product_model        VARCHAR(50)    NOT NULL,
    product_name         VARCHAR(200)   NOT NULL,
    quantity             NUMERIC(14, 2) NOT NULL,
    list_price           NUMERIC(14, 2) NOT NULL,
    unit_price_incl_tax  NUMERIC(14, 2) NOT NULL,
    vat_rate             NUMERIC(5, 4)  NOT NULL,
    net_amount           NUMERIC(16, 2) NOT NULL,
    tax_amount           NUMERIC(16, 2) NOT NULL,
    total_amount         NUMERIC(16, 2) NOT NULL,
    CONSTRAINT quote_line_pk PRIMARY KEY (quote_id, line_no)
);

CREATE TABLE quote_clause (
    quote_id           VARCHAR(36)    NOT NULL REFERENCES quote (id),
    type_code          VARCHAR(40)    NOT NULL,
    type_name          VARCHAR(100)   NOT NULL,
    clause_version_id  BIGINT         NOT NULL,
    clause_version     INTEGER        NOT NULL,
    locked             BOOLEAN        NOT NULL,
    clause_text        VARCHAR(20000) NOT NULL,
    CONSTRAINT quote_clause_pk PRIMARY KEY (quote_id, type_code)
);

CREATE TABLE contract (
    id                           VARCHAR(36)    PRIMARY KEY,
    quote_id                     VARCHAR(36)    NOT NULL REFERENCES quote (id),
    quote_revision               INTEGER        NOT NULL,
    customer_id                  VARCHAR(36)    NOT NULL,
    customer_name                VARCHAR(200)   NOT NULL,
    customer_credit_code         VARCHAR(18)    NOT NULL,
    rep_id                       VARCHAR(64)    NOT NULL,
    delivery_date                DATE           NOT NULL,
    rebate_rate                  NUMERIC(6, 4)  NOT NULL,
    net_total                    NUMERIC(16, 2) NOT NULL,
    tax_total                    NUMERIC(16, 2) NOT NULL,
    total                        NUMERIC(16, 2) NOT NULL,
    status                       VARCHAR(20)    NOT NULL,
    legal_returns                INTEGER        DEFAULT 0 NOT NULL,
    clause_changes               VARCHAR(10000),
    clause_changes_confirmed_at  TIMESTAMP WITH TIME ZONE,
    revision_note                VARCHAR(1000),
    process_instance_id          VARCHAR(64),
    drafted_at                   TIMESTAMP WITH TIME ZONE NOT NULL,
    approved_at                  TIMESTAMP WITH TIME ZONE,
    approved_by                  VARCHAR(64),
    clauses_current_at_approval  BOOLEAN,
    attachments_complete         BOOLEAN,
    CONSTRAINT contract_quote_uk UNIQUE (quote_id)
);
CREATE INDEX contract_rep_ix ON contract (rep_id);
CREATE INDEX contract_drafted_ix ON contract (drafted_at);

CREATE TABLE contract_line (
    contract_id          VARCHAR(36)    NOT NULL REFERENCES contract (id),
    line_no              INTEGER        NOT NULL,
    product_model        VARCHAR(50)    NOT NULL,
    product_name         VARCHAR(200)   NOT NULL,
    quantity             NUMERIC(14, 2) NOT NULL,
    list_price           NUMERIC(14, 2) NOT NULL,
    unit_price_incl_tax  NUMERIC(14, 2) NOT NULL,
    vat_rate             NUMERIC(5, 4)  NOT NULL,
    net_amount           NUMERIC(16, 2) NOT NULL,
    tax_amount           NUMERIC(16, 2) NOT NULL,
    total_amount         NUMERIC(16, 2) NOT NULL,
    CONSTRAINT contract_line_pk PRIMARY KEY (contract_id, line_no)
);

-- quote_version: the version the accepted quote carried (null when the contract added the clause)
CREATE TABLE contract_clause (
    contract_id        VARCHAR(36)    NOT NULL REFERENCES contract (id),
    type_code          VARCHAR(40)    NOT NULL,
    type_name          VARCHAR(100)   NOT NULL,
    clause_version_id  BIGINT         NOT NULL,
    clause_version     INTEGER        NOT NULL,
    locked             BOOLEAN        NOT NULL,
    clause_text        VARCHAR(20000) NOT NULL,
    quote_version      INTEGER,
    CONSTRAINT contract_clause_pk PRIMARY KEY (contract_id, type_code)
);

-- Every legal review of a contract (R-12): APPROVE or RETURN with a reason.
CREATE TABLE contract_review (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    contract_id   VARCHAR(36)   NOT NULL REFERENCES contract (id),
    review_round  INTEGER       NOT NULL,
    decision      VARCHAR(10)   NOT NULL,
    reason        VARCHAR(1000),
    reviewer      VARCHAR(64)   NOT NULL,
    reviewed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX contract_review_contract_ix ON contract_review (contract_id);

-- Refused attempts to change a clause of a quote or contract (R-11). Written in its own transaction, so the record
-- stays although the attempt itself is rolled back. No foreign keys: the record must never be the thing that fails.
CREATE TABLE clause_tamper_attempt (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    quote_id      VARCHAR(36)   NOT NULL,
    contract_id   VARCHAR(36),
    clause_type   VARCHAR(40)   NOT NULL,
    locked        BOOLEAN       NOT NULL,
    actor         VARCHAR(64)   NOT NULL,
    channel       VARCHAR(10)   NOT NULL,
    field         VARCHAR(100),
    attempted_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX clause_tamper_quote_ix ON clause_tamper_attempt (quote_id);

-- The invoice request generated on contract approval (R-13). Rounding: line total incl. tax HALF_UP to the fen;
-- net = total / (1 + rate) HALF_UP to the fen; tax = total - net; header amounts are the sums of the lines.
CREATE TABLE invoice_request (
    id                    VARCHAR(36)    PRIMARY KEY,
    contract_id           VARCHAR(36)    NOT NULL REFERENCES contract (id),
    quote_id              VARCHAR(36)    NOT NULL,
    customer_id           VARCHAR(36)    NOT NULL,
    customer_name         VARCHAR(200)   NOT NULL,
    customer_credit_code  VARCHAR(18)    NOT NULL,
    rep_id                VARCHAR(64)    NOT NULL,
    net_amount            NUMERIC(16, 2) NOT NULL,
    tax_amount            NUMERIC(16, 2) NOT NULL,
    total_amount          NUMERIC(16, 2) NOT NULL,
    bank_name             VARCHAR(100)   NOT NULL,
    bank_account          VARCHAR(40)    NOT NULL,
    invoice_date          DATE           NOT NULL,
    status                VARCHAR(20)    NOT NULL,
    u8_trade_id           VARCHAR(64),
    u8_voucher_id         VARCHAR(64),
    last_error            VARCHAR(1000),
    handed_off_at         TIMESTAMP WITH TIME ZONE,
    process_instance_id   VARCHAR(64),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT invoice_request_contract_uk UNIQUE (contract_id)
);

CREATE TABLE invoice_line (
    invoice_request_id   VARCHAR(36)    NOT NULL REFERENCES invoice_request (id),
    line_no              INTEGER        NOT NULL,
    product_model        VARCHAR(50)    NOT NULL,
    product_name         VARCHAR(200)   NOT NULL,
    quantity             NUMERIC(14, 2) NOT NULL,
    tax_rate             NUMERIC(5, 4)  NOT NULL,
    unit_price_incl_tax  NUMERIC(20, 6) NOT NULL,
    net_amount           NUMERIC(16, 2) NOT NULL,
    tax_amount           NUMERIC(16, 2) NOT NULL,
    total_amount         NUMERIC(16, 2) NOT NULL,
    CONSTRAINT invoice_line_pk PRIMARY KEY (invoice_request_id, line_no)
);

-- Each verdict of a hand-off to U8 as the process saw it (ACCEPTED, ALREADY_ACCEPTED, EXPORTED_NOT_SENT, REJECTED):
-- the invoicing error rate (R-16) is REJECTED / all verdicts. Network faults are no verdict: they retry.
CREATE TABLE invoice_handoff_verdict (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    invoice_request_id  VARCHAR(36)   NOT NULL REFERENCES invoice_request (id),
    outcome             VARCHAR(20)   NOT NULL,
    errcode             VARCHAR(40),
    errmsg              VARCHAR(1000),
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX invoice_handoff_verdict_ix ON invoice_handoff_verdict (recorded_at);

-- Finance's corrections after a U8 rejection.
CREATE TABLE invoice_fix (
    id                  BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    invoice_request_id  VARCHAR(36)   NOT NULL REFERENCES invoice_request (id),
    fixed_by            VARCHAR(64)   NOT NULL,
    fixed_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    changes             VARCHAR(2000) NOT NULL,
    note                VARCHAR(1000)
);
