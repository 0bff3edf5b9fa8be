package org.leadtocash.contact;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the telephony webhook's signing key. */
@Configuration
@EnableConfigurationProperties(TelephonyProperties.class)
class ContactConfig {
}
