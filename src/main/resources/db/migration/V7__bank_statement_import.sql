-- Bank-statement import (R-20 node ⑤): every import with its line-by-line report, and the ledger of bank
-- transactions already applied to a payment journey. Runs on H2 2.x and PostgreSQL 17.

-- One row per accepted statement file (a file rejected as malformed leaves no trace here and applies nothing).
-- status: IN_PROGRESS while the lines are being applied one by one, COMPLETED when every line has its outcome.
CREATE TABLE bank_statement_import (
    id                VARCHAR(20)              PRIMARY KEY,
    statement_id      VARCHAR(100),
    account           VARCHAR(64),
    format            VARCHAR(10)              NOT NULL,
    file_name         VARCHAR(255),
    charset           VARCHAR(20)              NOT NULL,
    sha256            VARCHAR(64)              NOT NULL,
    size_bytes        BIGINT                   NOT NULL,
    status            VARCHAR(20)              NOT NULL,
    line_count        INTEGER                  NOT NULL,
    matched_count     INTEGER                  DEFAULT 0 NOT NULL,
    unmatched_count   INTEGER                  DEFAULT 0 NOT NULL,
    duplicate_count   INTEGER                  DEFAULT 0 NOT NULL,
    mismatch_count    INTEGER                  DEFAULT 0 NOT NULL,
    invalid_count     INTEGER                  DEFAULT 0 NOT NULL,
    failed_count      INTEGER                  DEFAULT 0 NOT NULL,
    applied_total     NUMERIC(18, 2)           DEFAULT 0 NOT NULL,
    imported_by       VARCHAR(64)              NOT NULL,
    imported_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT bank_statement_import_format_ck CHECK (format IN ('CSV', 'JSON')),
    CONSTRAINT bank_statement_import_status_ck CHECK (status IN ('IN_PROGRESS', 'COMPLETED'))
);
CREATE INDEX bank_statement_import_at_ix ON bank_statement_import (imported_at);
CREATE INDEX bank_statement_import_sha_ix ON bank_statement_import (sha256);

-- The report: one row per statement line, whatever its outcome. Raw values are kept as read (cut to the column
-- size) so an INVALID line can be shown to finance exactly as the bank sent it.
CREATE TABLE bank_statement_line (
    import_id         VARCHAR(20)              NOT NULL REFERENCES bank_statement_import (id),
    line_no           INTEGER                  NOT NULL,
    transaction_id    VARCHAR(100),
    value_date        VARCHAR(40),
    payer_name        VARCHAR(200),
    payer_account     VARCHAR(64),
    amount            VARCHAR(40),
    currency          VARCHAR(10),
    memo              VARCHAR(500),
    invoice_no        VARCHAR(64),
    outcome           VARCHAR(20)              NOT NULL,
    reason            VARCHAR(40)              NOT NULL,
    message           VARCHAR(1000)            NOT NULL,
    journey_id        VARCHAR(64),
    applied           NUMERIC(18, 2),
    outstanding       NUMERIC(18, 2),
    paid_in_full      BOOLEAN,
    exceeds_by        NUMERIC(18, 2),
    duplicate_of_import VARCHAR(20),
    duplicate_of_line INTEGER,
    errors_json       VARCHAR(4000),
    CONSTRAINT bank_statement_line_pk PRIMARY KEY (import_id, line_no),
    CONSTRAINT bank_statement_line_outcome_ck
        CHECK (outcome IN ('MATCHED', 'UNMATCHED', 'DUPLICATE', 'AMOUNT_MISMATCH', 'INVALID', 'FAILED'))
);
CREATE INDEX bank_statement_line_txn_ix ON bank_statement_line (transaction_id);

-- The idempotency ledger: a bank transaction id is here once it has been applied to a journey, and only then.
-- It is inserted in the same database transaction as the receipt itself, so its primary key makes a second
-- application of the same bank transaction impossible, also for two imports racing on two nodes.
CREATE TABLE bank_receipt_ledger (
    transaction_id    VARCHAR(100)             PRIMARY KEY,
    import_id         VARCHAR(20)              NOT NULL REFERENCES bank_statement_import (id),
    line_no           INTEGER                  NOT NULL,
    invoice_no        VARCHAR(64)              NOT NULL,
    journey_id        VARCHAR(64)              NOT NULL,
    amount            NUMERIC(18, 2)           NOT NULL,
    value_date        DATE                     NOT NULL,
    applied_by        VARCHAR(64)              NOT NULL,
    applied_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX bank_receipt_ledger_journey_ix ON bank_receipt_ledger (journey_id);
