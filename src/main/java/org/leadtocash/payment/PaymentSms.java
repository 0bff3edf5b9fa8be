package org.leadtocash.payment;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.leadtocash.notify.Channel;
import org.leadtocash.notify.Delivery;
import org.leadtocash.notify.NotificationRequest;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.notify.Recipient;
import org.leadtocash.notify.SmsTemplate;
import org.springframework.stereotype.Service;

/**
 * once the customer signed for the invoice, the customer's procurement contact gets the SMS
 * "请确认付款流程已启动，预计X月X日前完成" with the expected payment date the rep entered. Sent through the notify delivery
 * log with template {@code leadtocash.payment.sms-template-code} and the parameter {@code expectedDate}; once per
 * journey.
 */
@Service
class PaymentSms {
    static final String PARAM_EXPECTED_DATE = "expectedDate";
    static final String FIELD_EXPECTED_DATE = "expectedDate";

    private final JourneyRepository journeys;
    private final NotificationService notifications;
    private final PaymentProperties properties;

    public PaymentSms(JourneyRepository journeys, NotificationService notifications, PaymentProperties properties) {
        this.journeys = journeys;
        this.notifications = notifications;
        this.properties = properties;
    }

    /** "6月30日" */
    static String monthDay(LocalDate date) {
        return date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    static String text(LocalDate expected) {
        return "请确认付款流程已启动，预计" + monthDay(expected) + "前完成";
    }

    private static String fill(String value, Map<String, String> fields) {
        String filled = value == null ? "" : value;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            filled = filled.replace("{" + f.getKey() + "}", f.getValue());
        }
        return filled;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String idempotencyKey(String journeyId) {
        return "payment-journey:" + journeyId + ":payment-started-sms";
    }

    /** With the configured template and its parameter {@code expectedDate}. */
    public Delivery sendPaymentStarted(String journeyId, String processInstanceId) {
        return sendPaymentStarted(journeyId, processInstanceId, properties.smsTemplateCode(),
                Map.of(PARAM_EXPECTED_DATE, "{" + FIELD_EXPECTED_DATE + "}"));
    }

    /**
     * With the template and parameters the diagram names; in each parameter value {@code {expectedDate}} ("6月30日"),
     * {@code {customerName}}, {@code {invoiceNo}} and {@code {contactName}} are replaced by the journey's values.
     */
    public Delivery sendPaymentStarted(String journeyId, String processInstanceId, String templateCode,
                                       Map<String, String> templateParams) {
        JourneyDetails details = journeys.details(journeyId)
                .orElseThrow(() -> new IllegalStateException("payment journey " + journeyId + " does not exist"));
        if (details.expectedPaymentDate() == null || details.procurementContactMobile() == null) {
            throw new IllegalStateException("payment journey " + journeyId
                    + " has no expected payment date or procurement contact mobile for the SMS");
        }
        Map<String, String> fields = Map.of(FIELD_EXPECTED_DATE, monthDay(details.expectedPaymentDate()),
                "customerName", nullToEmpty(details.journey().customerName()), "invoiceNo", nullToEmpty(details.journey().invoiceNo()),
                "contactName", nullToEmpty(details.procurementContactName()));
        Map<String, String> params = new LinkedHashMap<>();
        templateParams.forEach((name, value) -> params.put(name, fill(value, fields)));
        String title = SmsTemplate.title(templateCode, params);
        Recipient contact = new Recipient(details.procurementContactName(), details.procurementContactMobile());
        return notifications.send(new NotificationRequest(idempotencyKey(journeyId), Channel.SMS, List.of(contact), title,
                text(details.expectedPaymentDate()), processInstanceId, journeyId));
    }
}
