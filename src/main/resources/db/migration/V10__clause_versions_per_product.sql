-- Catalogue and clauses per product (R-10, R-11; issue 10): a clause version may belong to one product (its own
-- 技术协议 / 付款条款 / 质保说明) or, with product_model NULL, be the default for every product. Clause types can be
-- switched off by legal (active) without deleting what quotes and contracts cite. A quote or contract carries one
-- clause per type and product; product_model '' marks a clause that is not specific to one product (the default
-- version, or a type that applies to all). Runs on H2 2.x and PostgreSQL 17.

ALTER TABLE clause_type ADD COLUMN active BOOLEAN DEFAULT TRUE NOT NULL;

ALTER TABLE clause_version ADD COLUMN product_model VARCHAR(40);
ALTER TABLE clause_version ADD CONSTRAINT clause_version_product_fk FOREIGN KEY (product_model) REFERENCES product (model);
CREATE INDEX clause_version_product_ix ON clause_version (type_code, product_model, effective_date);

ALTER TABLE quote_clause ADD COLUMN product_model VARCHAR(40) DEFAULT '' NOT NULL;
ALTER TABLE quote_clause DROP CONSTRAINT quote_clause_pk;
ALTER TABLE quote_clause ADD CONSTRAINT quote_clause_pk PRIMARY KEY (quote_id, type_code, product_model);

ALTER TABLE contract_clause ADD COLUMN product_model VARCHAR(40) DEFAULT '' NOT NULL;
ALTER TABLE contract_clause DROP CONSTRAINT contract_clause_pk;
ALTER TABLE contract_clause ADD CONSTRAINT contract_clause_pk PRIMARY KEY (contract_id, type_code, product_model);
