package org.leadtocash.lead;

/**
 * 统一社会信用代码 (unified social credit code) of a customer: the GB 32100-2015 rules of
 * {@link org.leadtocash.shared.CreditCode}, which the company profile checks its own tax number with too.
 */
public final class CreditCode {
    private CreditCode() {
    }

    /** @return null when valid, otherwise the rule it breaks */
    public static String problem(String code) {
        return org.leadtocash.shared.CreditCode.problem(code);
    }

    public static boolean isValid(String code) {
        return org.leadtocash.shared.CreditCode.isValid(code);
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        return org.leadtocash.shared.CreditCode.checkCharacter(first17);
    }
}
