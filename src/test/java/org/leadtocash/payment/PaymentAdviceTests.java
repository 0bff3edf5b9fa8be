package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.File;

import java.time.Instant;
import java.time.ZoneId;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The "what to do by when" arithmetic of the stuck view, at fixed clock times in Shanghai, with the nodes' names and
 * suggestions as the shipped diagram draws them.
 */
class PaymentAdviceTests {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final PaymentNodes.Drawn SHIPPED = PaymentNodes.read(Bpmn.readModelFromFile(new File("bpmn/payment-journey.bpmn")),
            "bpmn/payment-journey.bpmn");

    @ParameterizedTest(name = "at {0} local → {1}")
    @CsvSource({
            "2025-06-13T08:30, 2025-06-13T10:00, 今日10点前",
            "2025-06-13T09:00, 2025-06-13T10:00, 今日10点前",
            "2025-06-13T09:01, 2025-06-13T14:00, 今日14点前",
            "2025-06-13T13:00, 2025-06-13T14:00, 今日14点前",
            "2025-06-13T13:30, 2025-06-13T17:00, 今日17点前",
            "2025-06-13T16:00, 2025-06-13T17:00, 今日17点前",
            "2025-06-13T16:01, 2025-06-14T10:00, 明日10点前",
            "2025-06-13T23:59, 2025-06-14T10:00, 明日10点前",
            "2025-06-14T00:00, 2025-06-14T10:00, 今日10点前"})
    void actByIsTheNextCallSlotAtLeastAnHourAway(String now, String expected, String words) {
        Instant at = local(now);

        Instant actBy = PaymentAdvice.actBy(at, SHANGHAI);

        assertThat(actBy).isEqualTo(local(expected));
        assertThat(PaymentAdvice.when(actBy, at, SHANGHAI)).isEqualTo(words);
    }

    @Test
    void sentenceReadsLikeTheSourceExample() {
        Instant now = local("2025-06-13T08:30");
        String sentence = PaymentAdvice.sentence("张三", "A医院", null, node("PROCUREMENT_STARTED"), 36, null,
                PaymentAdvice.suggestion(node("PROCUREMENT_STARTED"), null), PaymentAdvice.actBy(now, SHANGHAI), now,
                SHANGHAI);

        assertThat(sentence).isEqualTo("【张三负责的A医院项目】卡在节点③（采购发起付款流程），已超时36小时，建议今日10点前电话确认流程编号");
    }

    @Test
    void aKnownBlockerCauseChangesTheSuggestionAndIsNamed() {
        Instant now = local("2025-06-13T16:30");
        String sentence = PaymentAdvice.sentence("李娜", "B集团", "B集团智慧仓储项目", node("CUSTOMER_PAID"), 0,
                BlockerCause.BANK_ACCOUNT_FROZEN, PaymentAdvice.suggestion(node("CUSTOMER_PAID"),
                        BlockerCause.BANK_ACCOUNT_FROZEN), PaymentAdvice.actBy(now, SHANGHAI), now, SHANGHAI);

        assertThat(sentence).isEqualTo("【李娜负责的B集团智慧仓储项目】卡在节点④（客户财务打款），刚超时（排查原因：银行账户冻结），"
                + "建议明日10点前电话确认客户解冻时间或更换付款账户");
    }

    @Test
    void everyNodeHasASuggestionAndOtherCausesKeepTheNodes() {
        assertThat(SHIPPED.nodes()).extracting(JourneyNode::code, JourneyNode::number).containsExactly(
                tuple("INVOICE_SUBMITTED", 1), tuple("INVOICE_SIGNED", 2), tuple("PROCUREMENT_STARTED", 3),
                tuple("CUSTOMER_PAID", 4), tuple("BANK_RECEIVED", 5));
        for (JourneyNode node : SHIPPED.nodes()) {
            assertThat(PaymentAdvice.suggestion(node, null)).isNotBlank()
                    .isEqualTo(PaymentAdvice.suggestion(node, BlockerCause.OTHER));
        }
        assertThat(PaymentAdvice.suggestion(node("INVOICE_SUBMITTED"), BlockerCause.INVOICE_WRONG))
                .isEqualTo("与财务核对发票信息并重开发票");
    }

    private static JourneyNode node(String code) {
        return SHIPPED.node(code).orElseThrow();
    }

    private static Instant local(String dateTime) {
        return java.time.LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }
}
