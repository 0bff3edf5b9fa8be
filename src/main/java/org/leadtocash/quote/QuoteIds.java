package org.leadtocash.quote;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Readable ids: prefix + yyMMdd + '-' + 6 characters without look-alikes, e.g. Q250114-7KQ2MX. */
final class QuoteIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private QuoteIds() {
    }

    static String next(String prefix, Instant now, ZoneId zone) {
        StringBuilder id = new StringBuilder(prefix).append(LocalDate.ofInstant(now, zone).format(DATE)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
