package org.leadtocash.quote;

/**
 * Finance's checked correction of an invoice request U8 rejected (made by {@link InvoiceFixValidator}): the buyer's
 * name and unified social credit code, the receiving bank and account, and an optional note.
 */
record InvoiceFix(String customerName, String customerCreditCode, String bankName, String bankAccount, String note) {
}
