package org.leadtocash.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payment journey settings ({@code leadtocash.payment.*}).
 *
 * @param breakerAfter    a node not moved for this long trips the breaker, and again after every further period
 *                        48 h); read by new journeys when they start
 * @param smsTemplateCode the SMS provider's template for R-21, "请确认付款流程已启动，预计${expectedDate}前完成"
 */
@ConfigurationProperties(prefix = "leadtocash.payment")
record PaymentProperties(@DefaultValue("PT48H") Duration breakerAfter,
                                @DefaultValue("PAYMENT_PROCESS_STARTED") String smsTemplateCode) {

    public PaymentProperties {
        if (breakerAfter.isZero() || breakerAfter.isNegative() || breakerAfter.toMinutes() < 1) {
            throw new IllegalArgumentException("leadtocash.payment.breaker-after must be at least one minute");
        }
    }
}
