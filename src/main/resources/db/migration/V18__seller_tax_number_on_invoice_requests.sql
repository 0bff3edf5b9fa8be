-- The seller's tax number (纳税人识别号) is part of every invoice request, as the bank and account are: it is taken
-- from the company profile when the request is created and sent to U8 with the sale invoice, which checks it against
-- its own account. Requests made before this migration take the profile's current number. Runs on H2 and PostgreSQL.
ALTER TABLE invoice_request ADD COLUMN seller_tax_number VARCHAR(18);
UPDATE invoice_request SET seller_tax_number = (SELECT tax_number FROM company_profile WHERE id = 1)
WHERE seller_tax_number IS NULL;
