package org.leadtocash.notify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How recipients appear in the delivery log and in log lines (user id plus the mobile with its middle masked), and
 * their mobiles for the channels that need one for every recipient (SMS, voice call).
 */
final class Recipients {
    private Recipients() {
    }

    /**
     * Every recipient's mobile, stripped, in order; checked for all of them before the channel sends anything.
     *
     * @throws ChannelDeliveryException {@code "recipient <user id, or #position> has no mobile number"} for the first
     *         recipient without one
     */
    static List<String> mobiles(List<Recipient> recipients) {
        for (int i = 0; i < recipients.size(); i++) {
            String mobile = recipients.get(i).mobile();
            if (mobile == null || mobile.isBlank()) {
                String who = recipients.get(i).userId() == null ? "#" + (i + 1) : recipients.get(i).userId();
                throw new ChannelDeliveryException("recipient " + who + " has no mobile number");
            }
        }
        return recipients.stream().map(r -> r.mobile().strip()).toList();
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
