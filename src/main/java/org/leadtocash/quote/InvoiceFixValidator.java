package org.leadtocash.quote;

import java.util.ArrayList;
import java.util.List;

import org.leadtocash.lead.CreditCode;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Checks finance's correction of the invoice data (核对开票信息) after U8 rejected it: every field is required but
 * the note, the credit code must be valid (GB 32100-2015), the account digits, spaces or hyphens. Throws
 * {@link InvalidInputException} naming every field and rule broken.
 */
@Component
class InvoiceFixValidator {
    static final int MAX_NAME = 200;
    static final int MAX_BANK = 100;
    static final int MAX_ACCOUNT = 40;
    static final int MAX_NOTE = 1000;

    InvoiceFix fix(Object customerName, Object creditCode, Object bank, Object account, Object note) {
        List<FieldError> errors = new ArrayList<>();
        String name = QuoteInput.requiredText(customerName, Vars.INVOICE_CUSTOMER_NAME, MAX_NAME, "购方名称 The buyer's name ", errors);
        String code = QuoteInput.requiredText(creditCode, Vars.INVOICE_CUSTOMER_CREDIT_CODE, 18, "购方税号 The buyer's credit code ", errors);
        if (code != null && code.length() <= 18 && !CreditCode.isValid(code)) {
            errors.add(new FieldError(Vars.INVOICE_CUSTOMER_CREDIT_CODE, "credit-code",
                    "不是有效的统一社会信用代码 not a valid unified social credit code (GB 32100-2015): " + CreditCode.problem(code)));
        }
        String b = QuoteInput.requiredText(bank, Vars.BANK_NAME, MAX_BANK, "开户银行 The bank ", errors);
        String acct = QuoteInput.requiredText(account, Vars.BANK_ACCOUNT, MAX_ACCOUNT, "银行账号 The bank account ", errors);
        if (acct != null && !acct.matches("[0-9][0-9 -]{6,38}[0-9]")) {
            errors.add(new FieldError(Vars.BANK_ACCOUNT, "account-number",
                    "银行账号只能包含数字、空格和连字符 8–40 digits, spaces or hyphens"));
        }
        String n = QuoteInput.optionalText(note, Vars.FIX_NOTE, MAX_NOTE, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new InvoiceFix(name, code, b, acct, n);
    }
}
