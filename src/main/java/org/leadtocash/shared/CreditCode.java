package org.leadtocash.shared;

/**
 * 统一社会信用代码 (unified social credit code) per GB 32100-2015: 18 characters from the 31-character set
 * {@code 0-9 A-H J-N P-R T-U W-Y} (no I, O, S, V, Z); characters 3–8 are the administrative-division code (digits);
 * the 18th is the check character: C18 = 31 − (Σ Ci·Wi mod 31), with 31 written as 0. Customers carry it, and it is
 * our own company's taxpayer id (纳税人识别号) too.
 */
public final class CreditCode {
    static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCode() {
    }

    /** @return null when valid, otherwise the rule it breaks */
    public static String problem(String code) {
        if (code == null || code.length() != 18) {
            return "must be exactly 18 characters";
        }
        for (int i = 0; i < 18; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return "character " + (i + 1) + " '" + code.charAt(i) + "' is not allowed (digits and upper-case letters except I, O, S, V, Z)";
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(code.charAt(i))) {
                return "characters 3–8 must be the digits of the administrative division code";
            }
        }
        char expected = checkCharacter(code.substring(0, 17));
        if (code.charAt(17) != expected) {
            return "check character is wrong (GB 32100-2015): expected '" + expected + "'";
        }
        return null;
    }

    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The check character for the first 17 characters. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return CHARSET.charAt(check == 31 ? 0 : check);
    }
}
