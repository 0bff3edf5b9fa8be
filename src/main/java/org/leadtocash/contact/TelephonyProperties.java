package org.leadtocash.contact;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code leadtocash.telephony}: the key shared with the telephony platform to sign call-record webhooks. Empty (the
 * default) means no telephony is connected: every call record is refused as unsigned.
 */
@ConfigurationProperties("leadtocash.telephony")
record TelephonyProperties(String signingKey) {
    TelephonyProperties {
        signingKey = signingKey == null ? "" : signingKey;
    }
}
