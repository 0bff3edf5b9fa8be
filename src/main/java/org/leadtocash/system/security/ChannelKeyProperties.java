package org.leadtocash.system.security;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API keys of the lead source channels: channel name (a lead source such as WEBSITE_FORM) → key.
 * A request to {@code POST /api/leads} must carry one of them in header {@code X-Api-Key}.
 */
@ConfigurationProperties(prefix = "leadtocash.security")
record ChannelKeyProperties(Map<String, String> channelKeys) {
    public ChannelKeyProperties {
        channelKeys = channelKeys == null ? Map.of() : Map.copyOf(channelKeys);
    }
}
