package org.leadtocash.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payment journey settings ({@code leadtocash.payment.*}). The breaker periods are not here: they are drawn on the
 * timers of {@code bpmn/payment-journey.bpmn} (see {@link PaymentNodes}).
 *
 * @param smsTemplateCode the SMS provider's template for R-21, "请确认付款流程已启动，预计${expectedDate}前完成"
 */
@ConfigurationProperties(prefix = "leadtocash.payment")
record PaymentProperties(@DefaultValue("PAYMENT_PROCESS_STARTED") String smsTemplateCode) {
}
