-- Our own company as printed on quotes and invoice requests and sent to U8 (R-43): one row, entered by an
-- administrator. Every text column may be empty: the application refuses to print or send until the required ones
-- are set, and names what is missing. demo = the demo set-up's invented company (until an administrator saves).
CREATE TABLE company_profile (
    id                SMALLINT     NOT NULL PRIMARY KEY CHECK (id = 1),
    seller_name       VARCHAR(100),
    tax_number        VARCHAR(18),
    address_phone     VARCHAR(200),
    bank_name         VARCHAR(100),
    bank_account      VARCHAR(40),
    logo              BYTEA,
    logo_content_type VARCHAR(20),
    watermark         VARCHAR(40),
    demo              BOOLEAN      DEFAULT FALSE NOT NULL,
    updated_by        VARCHAR(64),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
