package org.leadtocash.payment.statement;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds invoice-number candidates in a bank memo (摘要/附言). Customers write the invoice number into the payment
 * memo in many ways: "货款 发票号：25312000000012345678", "支付INV-2025-0001款", "FP12345678 服务费",
 * "付发票12345678、12345679", with full-width characters ("ＩＮＶ－２０２５－０００１") from Chinese input methods.
 * <p>
 * The memo is NFKC-normalised (full-width → ASCII). Candidates are runs of letters, digits, {@code -} and {@code _}
 * that contain a digit and are 4…40 characters long. Candidates right after a label (发票号码, 发票号, 发票编号, 票号,
 * 发票, invoice no, inv no, …) are <em>labelled</em> and come first; the others follow in memo order. At most
 * {@value #MAX_CANDIDATES} candidates are returned. Which candidate is really an invoice is decided by looking it up
 * among the open journeys (see {@link BankStatementImports}), so no invoice-number format is assumed here. A slash
 * separates candidates (it is how memos list several invoices, and how dates are written), so an invoice number that
 * itself contains {@code /} is only matched through the 发票号 / {@code invoiceNo} field.
 */
final class InvoiceNumbers {
    static final int MAX_CANDIDATES = 8;
    private static final String TOKEN = "[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?";
    private static final Pattern LABELLED = Pattern.compile(
            "(?:发票号码|发票号|发票编号|发票|票号|invoice\\s*(?:no\\.?|number|num|#)?|inv\\s*(?:no\\.?|#))\\s*[:#：＃.]?\\s*((?:"
                    + TOKEN + ")(?:\\s*[,、，/和及&]\\s*(?:" + TOKEN + "))*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKENS = Pattern.compile(TOKEN);

    /** The candidates in a memo: labelled first, each once, in memo order. */
    record Candidates(List<String> labelled, List<String> others) {
        List<String> all() {
            List<String> all = new ArrayList<>(labelled);
            all.addAll(others);
            return all;
        }

        boolean isEmpty() {
            return labelled.isEmpty() && others.isEmpty();
        }
    }

    private InvoiceNumbers() {
    }

    static Candidates candidates(String memo) {
        if (memo == null || memo.isBlank()) {
            return new Candidates(List.of(), List.of());
        }
        String text = Normalizer.normalize(memo, Normalizer.Form.NFKC);
        Set<String> labelled = new LinkedHashSet<>();
        Matcher label = LABELLED.matcher(text);
        while (label.find()) {
            Matcher t = TOKENS.matcher(label.group(1));
            while (t.find()) {
                if (plausible(t.group())) {
                    labelled.add(t.group());
                }
            }
        }
        Set<String> others = new LinkedHashSet<>();
        Matcher t = TOKENS.matcher(text);
        while (t.find()) {
            if (plausible(t.group()) && !labelled.contains(t.group())) {
                others.add(t.group());
            }
        }
        List<String> first = labelled.stream().limit(MAX_CANDIDATES).toList();
        List<String> rest = others.stream().limit(Math.max(0, MAX_CANDIDATES - first.size())).toList();
        return new Candidates(first, rest);
    }

    private static boolean plausible(String token) {
        return token.length() >= 4 && token.length() <= 40 && token.chars().anyMatch(Character::isDigit);
    }
}
