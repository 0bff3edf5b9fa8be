package org.leadtocash.lead;

import java.util.regex.Pattern;

/**
 * Mainland China phone numbers: mobile {@code 1[3-9]} + 9 digits (optionally with +86 / 86), or landline
 * area code (010, 02x, or 0 + three digits), a 7–8 digit number and an optional extension, e.g. {@code 021-62345678-801}.
 * Spaces and hyphens are allowed as separators and dropped on normalisation (the extension keeps its hyphen).
 */
public final class ChinesePhone {
    private static final Pattern MOBILE = Pattern.compile("(?:\\+?86)?(1[3-9]\\d{9})");
    /** Area codes: 010 and 02x have three digits, all others (03x–09x) four. */
    private static final Pattern LANDLINE = Pattern.compile("(0[12]\\d|0[3-9]\\d{2})[- ]?(\\d{7,8})(?:-(\\d{1,6}))?");

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
            return areaCode + "-" + number + (landline.group(3) == null ? "" : "-" + landline.group(3));
        }
        return null;
    }
}
