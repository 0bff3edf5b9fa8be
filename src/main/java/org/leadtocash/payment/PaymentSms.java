package org.leadtocash.payment;

import java.time.LocalDate;
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

    static String idempotencyKey(String journeyId) {
        return "payment-journey:" + journeyId + ":payment-started-sms";
    }

    public Delivery sendPaymentStarted(String journeyId, String processInstanceId) {
        JourneyDetails details = journeys.details(journeyId)
                .orElseThrow(() -> new IllegalStateException("payment journey " + journeyId + " does not exist"));
        if (details.expectedPaymentDate() == null || details.procurementContactMobile() == null) {
            throw new IllegalStateException("payment journey " + journeyId
                    + " has no expected payment date or procurement contact mobile for the SMS");
        }
        String title = SmsTemplate.title(properties.smsTemplateCode(),
                Map.of(PARAM_EXPECTED_DATE, monthDay(details.expectedPaymentDate())));
        Recipient contact = new Recipient(details.procurementContactName(), details.procurementContactMobile());
        return notifications.send(new NotificationRequest(idempotencyKey(journeyId), Channel.SMS, List.of(contact), title,
                text(details.expectedPaymentDate()), processInstanceId, journeyId));
    }
}
