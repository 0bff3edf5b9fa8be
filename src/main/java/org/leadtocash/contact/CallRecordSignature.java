package org.leadtocash.contact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Checks a call-record webhook's signature: {@value #SIGNATURE_HEADER} = lower-case hex HMAC-SHA256, keyed with
 * {@code leadtocash.telephony.signing-key}, over the UTF-8 bytes of {@code timestamp + "\n" + body};
 * {@value #TIMESTAMP_HEADER} = the signing time in Unix seconds, at most {@link #WINDOW} from the server's clock either
 * way, so a captured request cannot be replayed later.
 */
@Component
class CallRecordSignature {
    static final String TIMESTAMP_HEADER = "X-Telephony-Timestamp";
    static final String SIGNATURE_HEADER = "X-Telephony-Signature";
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String HMAC = "HmacSHA256";

    private final TelephonyProperties properties;
    private final EngineClock clock;

    CallRecordSignature(TelephonyProperties properties, EngineClock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws SignatureRefused naming the header and the rule it broke */
    void verify(String timestamp, String signature, byte[] body) {
        if (properties.signingKey().isBlank()) {
            throw new SignatureRefused(SIGNATURE_HEADER, "configured", "no telephony signing key is configured: call records are refused");
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw new SignatureRefused(TIMESTAMP_HEADER, "required", "the signing time in Unix seconds is required");
        }
        if (signature == null || signature.isBlank()) {
            throw new SignatureRefused(SIGNATURE_HEADER, "required", "an HMAC-SHA256 signature is required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new SignatureRefused(TIMESTAMP_HEADER, "unix-seconds", "must be the signing time in Unix seconds");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.now()).abs();
        if (skew.compareTo(WINDOW) > 0) {
            throw new SignatureRefused(TIMESTAMP_HEADER, "window", "must be within " + WINDOW.toMinutes() + " minutes of the server's time");
        }
        byte[] expected = sign(properties.signingKey(), timestamp.strip(), body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.strip().toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new SignatureRefused(SIGNATURE_HEADER, "hmac-sha256", "must be the hex HMAC-SHA256 of timestamp + \"\\n\" + body");
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw new SignatureRefused(SIGNATURE_HEADER, "hmac-sha256", "does not match the HMAC-SHA256 of timestamp + \"\\n\" + body");
        }
    }

    static byte[] sign(String key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC));
            mac.update((timestamp + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body == null ? new byte[0] : body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** A request whose signature is missing or wrong: answered 401, nothing stored. */
    static final class SignatureRefused extends RuntimeException {
        private final String header;
        private final String rule;

        SignatureRefused(String header, String rule, String message) {
            super(message);
            this.header = header;
            this.rule = rule;
        }

        String header() {
            return header;
        }

        String rule() {
            return rule;
        }
    }
}
