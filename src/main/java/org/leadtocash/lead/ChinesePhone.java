package org.leadtocash.lead;

import java.util.regex.Pattern;

/**
 * Mainland China phone numbers: mobile {@code 1[3-9]} + 9 digits (optionally with +86 / 86), or landline
 * area code {@code 0} + 2–3 digits, a 7–8 digit number and an optional extension, e.g. {@code 021-62345678-801}.
 * Spaces and hyphens are allowed as separators and dropped on normalisation (the extension keeps its hyphen).
 */
public final class ChinesePhone {
    private static final Pattern MOBILE = Pattern.compile("(?:\\+?86)?(1[3-9]\\d{9})");
    private static final Pattern LANDLINE = Pattern.compile("(0\\d{2,3})[- ]?(\\d{7,8})(?:-(\\d{1,6}))?");

    private ChinesePhone() {
    }

    /** @return the normalised number, or null when it is neither a mainland mobile nor a landline number */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        var mobile = MOBILE.matcher(trimmed.replaceAll("[ -]", ""));
        if (mobile.matches()) {
            return mobile.group(1);
        }
        var landline = LANDLINE.matcher(trimmed.replaceAll("\\s+", ""));
        if (landline.matches()) {
            String areaCode = landline.group(1);
            String number = landline.group(2);
            if (areaCode.length() == 3 && !areaCode.startsWith("01") && !areaCode.startsWith("02")) {
                return null; // three-digit area codes are 010 and 02x only
            }
            return areaCode + "-" + number + (landline.group(3) == null ? "" : "-" + landline.group(3));
        }
        return null;
    }
}
