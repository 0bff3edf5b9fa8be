package org.leadtocash.notify;

import java.util.List;
import java.util.stream.Collectors;

/** How recipients appear in the delivery log and in log lines: user id plus the mobile with its middle masked. */
final class Recipients {
    private Recipients() {
    }

    /** E.g. {@code "zhangsan(138****1234), lisi"}. */
    static String describe(List<Recipient> recipients) {
        return recipients.stream().map(Recipients::describe).collect(Collectors.joining(", "));
    }

    private static String describe(Recipient r) {
        boolean hasMobile = r.mobile() != null && !r.mobile().isBlank();
        String user = r.userId() == null || r.userId().isBlank() ? "?" : r.userId().strip();
        return hasMobile ? user + "(" + mask(r.mobile()) + ")" : user;
    }

    /** Keeps the first three and the last four digits of an 11-digit mobile: {@code 138****1234}. */
    static String mask(String mobile) {
        if (mobile == null) {
            return "null";
        }
        String m = mobile.strip();
        if (m.length() <= 4) {
            return "*".repeat(m.length());
        }
        int keepStart = m.length() >= 11 ? 3 : 0;
        return m.substring(0, keepStart) + "*".repeat(m.length() - keepStart - 4) + m.substring(m.length() - 4);
    }
}
