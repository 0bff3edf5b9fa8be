package org.leadtocash.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.U8StandIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hand-off on a real H2 database migrated by Flyway, talking HTTP to a local server that behaves like U8
 * ({@link U8StandIn}). {@link U8HandOffPostgresTests} runs the same tests on PostgreSQL. After every test: U8 never
 * created two sale invoices for one biz_id.
 */
class U8HandOffTests {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(1);

    private final DataSource dataSource = newDatabase();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final TestClock clock = new TestClock(Instant.parse("2025-06-02T02:00:00Z"));
    private final U8StandIn u8 = new U8StandIn(clock);
    private final U8HandOff handOff = node(settings());

    /** A new, empty database with the app's migrations up to V5 (this feature's) applied. */
    protected DataSource newDatabase() {
        DataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:erp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("5").load().migrate();
        return h2;
    }

    protected void dropDatabase(JdbcTemplate database) {
        database.execute("SHUTDOWN");
    }

    @AfterEach
    void neverTwoSaleInvoicesForOneBizId() {
        try {
            assertThat(u8.acceptedAdds()).allSatisfy((bizId, created) -> assertThat(created)
                    .as("sale invoices U8 created for %s", bizId).isLessThanOrEqualTo(1));
        } finally {
            u8.close();
            dropDatabase(jdbc);
        }
    }

    // ---- happy path and the payload

    @Test
    void handsTheInvoiceToU8AndRecordsTradeIdVoucherAndExactPayload() throws Exception {
        HandOffResult result = handOff.handOff(order("IR-1001"));

        assertThat(result.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(result.bizId()).isEqualTo("IR-1001");
        assertThat(result.tradeId()).isNotBlank();
        assertThat(result.u8VoucherId()).isEqualTo(u8.voucherId("IR-1001")).isNotNull();
        assertThat(u8.acceptedAdds("IR-1001")).isEqualTo(1);
        assertThat(u8.acceptedBodies()).singleElement().isEqualTo(MAPPER.readTree(result.payloadJson()));
        assertThat(attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.ACCEPTED);
            assertThat(a.bizId()).isEqualTo("IR-1001");
            assertThat(a.tradeId()).isEqualTo(result.tradeId());
            assertThat(a.u8VoucherId()).isEqualTo(result.u8VoucherId());
            assertThat(a.errcode()).isEqualTo("0");
            assertThat(a.payload()).isEqualTo(result.payloadJson());
            assertThat(a.startedAt()).isEqualTo(clock.instant());
            assertThat(a.finishedAt()).isEqualTo(clock.instant());
        });
    }

    @Test
    void mapsTheOrderToU8SaleInvoiceFields() throws Exception {
        JsonNode inv = MAPPER.readTree(handOff.handOff(order("IR-1002")).payloadJson()).get("saleinvoice");

        assertThat(inv.get("vouchertype").asText()).isEqualTo("26");
        assertThat(inv.get("saletypecode").asText()).isEqualTo("01");
        assertThat(inv.get("date").asText()).isEqualTo("2025-06-02");
        assertThat(inv.get("customercode").asText()).isEqualTo(U8StandIn.KNOWN_CUSTOMER);
        assertThat(inv.get("customername").asText()).isEqualTo("上海联华超市股份有限公司");
        assertThat(inv.get("personcode").asText()).isEqualTo("zhangwei");
        assertThat(inv.get("cbaccount").asText()).isEqualTo("31001234567890123456");
        assertThat(inv.get("memory").asText()).contains("IR-1002", "招商银行上海分行");
        assertThat(inv.has("taxrate")).as("header tax rate only when all lines share one").isFalse();
        JsonNode mould = inv.get("entry").get(0);
        assertThat(mould.get("inventorycode").asText()).isEqualTo("JM-200");
        assertThat(mould.get("inventoryname").asText()).isEqualTo("精密注塑模具");
        assertThat(mould.get("quantity").asText()).isEqualTo("2");
        assertThat(mould.get("taxrate").asText()).isEqualTo("13");
        assertThat(mould.get("quotedprice").asText()).isEqualTo("11300.00");
        assertThat(mould.get("originaltaxedprice").asText()).isEqualTo("10396.00");
        assertThat(mould.get("originalprice").asText()).isEqualTo("9200.00");
        assertThat(mould.get("originalmoney").asText()).isEqualTo("18400.00");
        assertThat(mould.get("originaltax").asText()).isEqualTo("2392.00");
        assertThat(mould.get("originalsum").asText()).isEqualTo("20792.00");
        assertThat(mould.get("originaldiscount").asText()).isEqualTo("1808.00");
        assertThat(mould.get("money").asText()).isEqualTo("18400.00");
        assertThat(mould.get("tax").asText()).isEqualTo("2392.00");
        assertThat(mould.get("sum").asText()).isEqualTo("20792.00");
        JsonNode saas = inv.get("entry").get(1);
        assertThat(saas.get("taxrate").asText()).isEqualTo("6");
        assertThat(saas.get("originalprice").asText()).isEqualTo("4339.62");
        assertThat(saas.get("originalsum").asText()).isEqualTo("4600.00");
    }

    // ---- token

    @Test
    void reusesOneTokenForSeveralHandOffs() {
        handOff.handOff(order("IR-2001"));
        handOff.handOff(order("IR-2002"));
        handOff.handOff(order("IR-2003"));

        assertThat(u8.tokenRequests()).isEqualTo(1);
        assertThat(u8.tradeIdRequests()).isEqualTo(3);
    }

    @Test
    void fetchesANewTokenShortlyBeforeTheOldOneExpires() {
        u8.tokenLifetime(Duration.ofSeconds(600));
        handOff.handOff(order("IR-2101"));
        clock.advance(Duration.ofSeconds(530));
        handOff.handOff(order("IR-2102"));
        assertThat(u8.tokenRequests()).as("still 70 s left, more than a tenth of 600 s").isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        handOff.handOff(order("IR-2103"));

        assertThat(u8.tokenRequests()).as("50 s left: refreshed early").isEqualTo(2);
    }

    @Test
    void fetchesANewTokenAfterTheOldOneExpired() {
        u8.tokenLifetime(Duration.ofSeconds(600));
        handOff.handOff(order("IR-2201"));
        clock.advance(Duration.ofHours(3));

        assertThat(handOff.handOff(order("IR-2202")).outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(u8.tokenRequests()).isEqualTo(2);
    }

    @Test
    void fetchesANewTokenOnceAndRepeatsTheCallWhenU8SaysTheTokenIsInvalid() {
        handOff.handOff(order("IR-2301"));
        u8.revokeTokens();

        HandOffResult result = handOff.handOff(order("IR-2302"));

        assertThat(result.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(u8.tokenRequests()).isEqualTo(2);
        assertThat(u8.acceptedAdds("IR-2302")).isEqualTo(1);
    }

    @Test
    void failsAsUnavailableNotRejectedWhenU8RefusesTheAppSecret() {
        U8HandOff wrongSecret = node(U8Properties.of(u8.url(), U8StandIn.FROM, U8StandIn.TO, U8StandIn.APP_KEY, "not-the-secret-7b1")
                .withTimeouts(Duration.ofSeconds(1), REQUEST_TIMEOUT));

        assertThatThrownBy(() -> wrongSecret.handOff(order("IR-2401")))
                .isInstanceOf(U8UnavailableException.class)
                .hasMessageContaining("U8 refused to issue a token: errcode 20001")
                .hasMessageNotContaining("not-the-secret-7b1");
        assertThat(attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.FAILED);
            assertThat(a.tradeId()).isNull();
        });
        assertThat(u8.addCalls("IR-2401")).isZero();
    }

    // ---- network errors, 5xx, timeouts, unreadable answers

    @Test
    void failsOnHttp500WithoutMarkingAcceptedAndTheRetryResendsTheSameTradeId() {
        u8.bizIdDedup(false);
        u8.answerNextWith(500, "<html><body>500 Internal Server Error</body></html>");

        assertThatThrownBy(() -> handOff.handOff(order("IR-3001")))
                .isInstanceOf(U8UnavailableException.class)
                .isNotInstanceOf(U8RejectedException.class)
                .hasMessageContaining("HTTP 500");
        HandOffEntry failed = attempts().get(0);
        assertThat(failed.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(failed.detail()).contains("HTTP 500");
        assertThat(failed.tradeId()).isNotNull();
        assertThat(u8.acceptedAdds("IR-3001")).isZero();

        HandOffResult retried = handOff.handOff(order("IR-3001"));

        assertThat(retried.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(retried.tradeId()).isEqualTo(failed.tradeId());
        assertThat(u8.tradeIdRequests()).isEqualTo(1);
        assertThat(u8.acceptedAdds("IR-3001")).isEqualTo(1);
        assertThat(attempts()).extracting(HandOffEntry::outcome)
                .containsExactly(AttemptOutcome.ACCEPTED, AttemptOutcome.FAILED);
    }

    @Test
    void usesAFreshTradeIdWhenTheDataChangedAfterAFailedAttempt() {
        u8.answerNextWith(502, "<html><body>502 Bad Gateway</body></html>");
        assertThatThrownBy(() -> handOff.handOff(order("IR-3002"))).isInstanceOf(U8UnavailableException.class);
        String failedTradeId = attempts().get(0).tradeId();
        SaleInvoiceOrder o = order("IR-3002");
        SaleInvoiceOrder otherAccount = new SaleInvoiceOrder(o.bizId(), o.customerCode(), o.customerName(),
                o.salesperson(), o.date(), o.bankName(), "31009999000011112222", o.sellerTaxNumber(), o.entries(), o.netTotal(),
                o.taxTotal(), o.total());

        HandOffResult result = handOff.handOff(otherAccount);

        assertThat(result.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(result.tradeId()).as("a tradeid carries one request only").isNotEqualTo(failedTradeId);
        assertThat(u8.tradeIdRequests()).isEqualTo(2);
        assertThat(u8.acceptedAdds("IR-3002")).isEqualTo(1);
    }

    @Test
    void failsOnTimeoutAndTheRetryGetsTheInvoiceU8CreatedMeanwhile() throws Exception {
        u8.bizIdDedup(false);
        u8.delayNextAnswer(REQUEST_TIMEOUT.plusMillis(700));

        assertThatThrownBy(() -> handOff.handOff(order("IR-3101")))
                .isInstanceOf(U8UnavailableException.class)
                .hasMessageContaining("timeout");
        assertThat(attempts().get(0).outcome()).isEqualTo(AttemptOutcome.FAILED);
        u8.awaitProcessedAdds(1, Duration.ofSeconds(5));
        assertThat(u8.acceptedAdds("IR-3101")).as("U8 created it after the caller gave up").isEqualTo(1);

        HandOffResult retried = handOff.handOff(order("IR-3101"));

        assertThat(retried.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(retried.u8VoucherId()).isEqualTo(u8.voucherId("IR-3101"));
        assertThat(u8.addCalls("IR-3101")).isEqualTo(2);
        assertThat(u8.acceptedAdds("IR-3101")).isEqualTo(1);
    }

    @Test
    void failsWhenTheAnswerIsNotJsonWithAnErrcode() {
        u8.answerNextWith(200, "<html><body>网关错误 Bad gateway</body></html>");
        assertThatThrownBy(() -> handOff.handOff(order("IR-3201")))
                .isInstanceOf(U8UnavailableException.class)
                .hasMessageContaining("not with JSON carrying an errcode");

        u8.answerNextWith(200, "{\"id\":\"1\"}");
        assertThatThrownBy(() -> handOff.handOff(order("IR-3201")))
                .isInstanceOf(U8UnavailableException.class);

        assertThat(attempts()).extracting(HandOffEntry::outcome)
                .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.FAILED);
        assertThat(handOff.handOff(order("IR-3201")).outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
    }

    @Test
    void failsWhenU8CannotBeReached() {
        U8HandOff nowhere = node(U8Properties.of("http://127.0.0.1:1", U8StandIn.FROM, U8StandIn.TO, U8StandIn.APP_KEY,
                U8StandIn.APP_SECRET).withTimeouts(Duration.ofSeconds(1), REQUEST_TIMEOUT));

        assertThatThrownBy(() -> nowhere.handOff(order("IR-3301")))
                .isInstanceOf(U8UnavailableException.class)
                .hasMessageContaining("could not reach U8")
                .hasMessageNotContaining(U8StandIn.APP_SECRET);
    }

    // ---- business rejections

    @Test
    void throwsU8RejectedWithErrcodeAndErrmsgAndSendsTheFixedDataWithAFreshTradeId() {
        SaleInvoiceOrder unknownCustomer = order("IR-4001", "91440300MA5F000001");

        assertThatThrownBy(() -> handOff.handOff(unknownCustomer))
                .isInstanceOfSatisfying(U8RejectedException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(U8StandIn.UNKNOWN_CUSTOMER);
                    assertThat(e.errmsg()).isEqualTo("客户编码[91440300MA5F000001]在客户档案中不存在");
                });
        HandOffEntry rejected = attempts().get(0);
        assertThat(rejected.outcome()).isEqualTo(AttemptOutcome.REJECTED);
        assertThat(rejected.errcode()).isEqualTo(U8StandIn.UNKNOWN_CUSTOMER);
        assertThat(u8.acceptedAdds("IR-4001")).isZero();

        HandOffResult fixed = handOff.handOff(order("IR-4001"));

        assertThat(fixed.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(fixed.tradeId()).isNotEqualTo(rejected.tradeId());
        assertThat(u8.acceptedAdds("IR-4001")).isEqualTo(1);
        assertThat(attempts()).extracting(HandOffEntry::outcome)
                .containsExactly(AttemptOutcome.ACCEPTED, AttemptOutcome.REJECTED);
    }

    @Test
    void rejectsInconsistentAmountsBeforeSendingAndNamesTheFieldAndTheRule() {
        SaleInvoiceOrder o = order("IR-4101");
        List<SaleInvoiceEntry> lines = new ArrayList<>(o.entries());
        SaleInvoiceEntry l = lines.get(1);
        lines.set(1, new SaleInvoiceEntry(l.inventoryCode(), l.inventoryName(), l.quantity(), l.taxRatePercent(),
                l.unitPriceInclTax(), l.netAmount(), new BigDecimal("260.37"), l.totalAmount()));
        SaleInvoiceOrder broken = new SaleInvoiceOrder(o.bizId(), o.customerCode(), o.customerName(), "", o.date(),
                o.bankName(), o.bankAccount(), o.sellerTaxNumber(), lines, o.netTotal(), o.taxTotal(), o.total());

        assertThatThrownBy(() -> handOff.handOff(broken))
                .isInstanceOfSatisfying(U8RejectedException.class, e -> {
                    assertThat(e.errcode()).isEqualTo(U8RejectedException.LOCAL_VALIDATION);
                    assertThat(e.errmsg()).contains("salesperson: must not be blank",
                            "entries[1].totalAmount: netAmount + taxAmount must equal totalAmount to the fen",
                            "taxTotal: must equal the sum of the lines' tax amounts");
                });
        assertThat(u8.tradeIdRequests()).isZero();
        assertThat(u8.addCalls("IR-4101")).isZero();
        assertThat(attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.REJECTED);
            assertThat(a.detail()).isEqualTo("not sent: checked before sending");
        });
    }

    // ---- never twice

    @Test
    void neverSendsAnAcceptedBizIdAgain() {
        u8.bizIdDedup(false);
        HandOffResult first = handOff.handOff(order("IR-5001"));

        HandOffResult second = handOff.handOff(order("IR-5001"));

        assertThat(second.outcome()).isEqualTo(HandOffOutcome.ALREADY_ACCEPTED);
        assertThat(second.tradeId()).isEqualTo(first.tradeId());
        assertThat(second.u8VoucherId()).isEqualTo(first.u8VoucherId());
        assertThat(second.payloadJson()).isEqualTo(first.payloadJson());
        assertThat(u8.addCalls("IR-5001")).isEqualTo(1);
        assertThat(u8.tradeIdRequests()).isEqualTo(1);
        assertThat(u8.acceptedAdds("IR-5001")).isEqualTo(1);
        assertThat(attempts()).hasSize(1);
    }

    @Test
    void resendsTheSameTradeIdAfterU8AcceptedAndTheConnectionDropped() {
        u8.bizIdDedup(false);
        u8.crashAfterAcceptingNextAdd();

        assertThatThrownBy(() -> handOff.handOff(order("IR-5101"))).isInstanceOf(U8UnavailableException.class);
        HandOffEntry failed = attempts().get(0);
        assertThat(failed.outcome()).isEqualTo(AttemptOutcome.FAILED);
        assertThat(u8.acceptedAdds("IR-5101")).isEqualTo(1);

        HandOffResult retried = handOff.handOff(order("IR-5101"));

        assertThat(retried.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(retried.tradeId()).isEqualTo(failed.tradeId());
        assertThat(retried.u8VoucherId()).isEqualTo(u8.voucherId("IR-5101"));
        assertThat(u8.addCalls("IR-5101")).isEqualTo(2);
        assertThat(u8.acceptedAdds("IR-5101")).isEqualTo(1);
    }

    @Test
    void takesOverTheAttemptOfANodeThatDiedAfterU8AcceptedAndResendsItsTradeId() {
        u8.bizIdDedup(false);
        handOff.afterU8Answered(answer -> {
            throw new NodeDied();
        });
        assertThatThrownBy(() -> handOff.handOff(order("IR-5201"))).isInstanceOf(NodeDied.class);
        HandOffEntry inFlight = attempts().get(0);
        assertThat(inFlight.outcome()).isEqualTo(AttemptOutcome.IN_FLIGHT);
        assertThat(inFlight.tradeId()).isNotNull();
        assertThat(u8.acceptedAdds("IR-5201")).isEqualTo(1);

        U8HandOff otherNode = node(settings().withClaim(CLAIM_TIMEOUT, Duration.ofMillis(300)));
        assertThatThrownBy(() -> otherNode.handOff(order("IR-5201")))
                .as("the attempt is recent: its node may still be working")
                .isInstanceOf(HandOffInProgressException.class);
        assertThat(u8.addCalls("IR-5201")).isEqualTo(1);

        clock.advance(CLAIM_TIMEOUT.plusSeconds(1));
        HandOffResult result = otherNode.handOff(order("IR-5201"));

        assertThat(result.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(result.tradeId()).isEqualTo(inFlight.tradeId());
        assertThat(result.u8VoucherId()).isEqualTo(u8.voucherId("IR-5201"));
        assertThat(u8.acceptedAdds("IR-5201")).isEqualTo(1);
        assertThat(attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.ACCEPTED);
            assertThat(a.detail()).contains("resent with the same tradeid after taking over");
        });
        assertThat(otherNode.handOff(order("IR-5201")).outcome()).isEqualTo(HandOffOutcome.ALREADY_ACCEPTED);
    }

    @Test
    void takesOverAClaimLeftBeforeAnythingWasSentAndSendsWithAFreshTradeId() {
        Instant longAgo = clock.instant().minus(CLAIM_TIMEOUT.multipliedBy(2));
        jdbc.update("INSERT INTO erp_handoff (biz_id, outcome, open_key, claim_token, payload, started_at, claimed_at)"
                + " VALUES ('IR-5301', 'IN_FLIGHT', 'IR-5301', 'dead-node', '{}', ?, ?)",
                longAgo.atOffset(java.time.ZoneOffset.UTC), longAgo.atOffset(java.time.ZoneOffset.UTC));

        HandOffResult result = handOff.handOff(order("IR-5301"));

        assertThat(result.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(attempts()).singleElement().satisfies(a -> assertThat(a.payload()).isEqualTo(result.payloadJson()));
    }

    @Test
    void letsOnlyOneOfTwoConcurrentNodesCallU8() throws Exception {
        u8.bizIdDedup(false);
        u8.delayAnswers(Duration.ofMillis(400));
        U8HandOff nodeA = node(settings());
        U8HandOff nodeB = node(settings());
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HandOffResult> a = pool.submit(() -> {
                start.await();
                return nodeA.handOff(order("IR-5401"));
            });
            Future<HandOffResult> b = pool.submit(() -> {
                start.await();
                return nodeB.handOff(order("IR-5401"));
            });

            List<HandOffResult> results = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));

            assertThat(results).extracting(HandOffResult::outcome)
                    .containsExactlyInAnyOrder(HandOffOutcome.ACCEPTED, HandOffOutcome.ALREADY_ACCEPTED);
            assertThat(results).extracting(HandOffResult::u8VoucherId).containsOnly(u8.voucherId("IR-5401"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(u8.addCalls("IR-5401")).isEqualTo(1);
        assertThat(u8.tradeIdRequests()).isEqualTo(1);
        assertThat(u8.acceptedAdds("IR-5401")).isEqualTo(1);
        assertThat(attempts()).singleElement()
                .satisfies(x -> assertThat(x.outcome()).isEqualTo(AttemptOutcome.ACCEPTED));
    }

    @Test
    void getsTheFirstInvoiceBackWhenOurLogLostTheAcceptedAttempt() {
        HandOffResult first = handOff.handOff(order("IR-5501"));
        jdbc.update("DELETE FROM erp_handoff");

        HandOffResult again = handOff.handOff(order("IR-5501"));

        assertThat(again.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(again.tradeId()).isNotEqualTo(first.tradeId());
        assertThat(again.u8VoucherId()).as("U8 recognised the biz_id").isEqualTo(first.u8VoucherId());
        assertThat(u8.acceptedAdds("IR-5501")).isEqualTo(1);
    }

    @Test
    void countsAConfiguredDuplicateErrcodeAsAccepted() {
        u8.bizIdDedup(false);
        u8.answerRepeatsWith("20110", "单据已存在，请勿重复提交 repeated submission");
        U8HandOff node = node(settings().withDuplicateErrcodes(List.of("20110")));
        u8.crashAfterAcceptingNextAdd();
        assertThatThrownBy(() -> node.handOff(order("IR-5601"))).isInstanceOf(U8UnavailableException.class);

        HandOffResult retried = node.handOff(order("IR-5601"));

        assertThat(retried.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(retried.u8VoucherId()).as("the repeat's answer names no voucher").isNull();
        assertThat(attempts().get(0).errcode()).isEqualTo("20110");
        assertThat(u8.acceptedAdds("IR-5601")).isEqualTo(1);
    }

    // ---- not configured

    @Test
    void exportsTheExactPayloadWhenNoU8IsConfigured() throws Exception {
        U8HandOff demo = node(U8Properties.notConfigured());

        HandOffResult result = demo.handOff(order("IR-6001"));

        assertThat(result.outcome()).isEqualTo(HandOffOutcome.EXPORTED_NOT_SENT);
        assertThat(result.tradeId()).isNull();
        assertThat(result.u8VoucherId()).isNull();
        JsonNode inv = MAPPER.readTree(result.payloadJson()).get("saleinvoice");
        assertThat(inv.get("customercode").asText()).isEqualTo(U8StandIn.KNOWN_CUSTOMER);
        assertThat(inv.get("entry")).hasSize(2);
        assertThat(attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AttemptOutcome.EXPORTED_NOT_SENT);
            assertThat(a.detail()).isEqualTo("未配置U8，已导出待财务导入 not sent: exported for finance to import");
            assertThat(a.payload()).isEqualTo(result.payloadJson());
        });
        assertThat(demo.handOff(order("IR-6001"))).isEqualTo(result);
        assertThat(attempts()).hasSize(1);
        assertThat(u8.tokenRequests() + u8.tradeIdRequests() + u8.addCalls("IR-6001")).isZero();
    }

    @Test
    void checksTheDataAlsoWhenOnlyExporting() {
        U8HandOff demo = node(U8Properties.notConfigured());
        SaleInvoiceOrder o = order("IR-6101");
        SaleInvoiceOrder noLines = new SaleInvoiceOrder(o.bizId(), o.customerCode(), o.customerName(),
                o.salesperson(), o.date(), o.bankName(), o.bankAccount(), o.sellerTaxNumber(), List.of(), BigDecimal.ZERO.setScale(2),
                BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2));

        assertThatThrownBy(() -> demo.handOff(noLines))
                .isInstanceOfSatisfying(U8RejectedException.class,
                        e -> assertThat(e.errmsg()).contains("entries: must have at least one line"));
    }

    // ---- settings and programming errors

    @Test
    void refusesToStartWithAnIncompleteU8Configuration() {
        assertThatThrownBy(() -> node(U8Properties.of(u8.url(), "", U8StandIn.TO, "", U8StandIn.APP_SECRET)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from-account must be set when base-url is set")
                .hasMessageContaining("app-key must be set when base-url is set")
                .hasMessageNotContaining(U8StandIn.APP_SECRET);
        assertThatThrownBy(() -> node(settings().withClaim(Duration.ofSeconds(5), Duration.ofSeconds(1))))
                .hasMessageContaining("claim-timeout");
    }

    @Test
    void refusesAMissingBizId() {
        SaleInvoiceOrder o = order("IR-7001");
        assertThatThrownBy(() -> handOff.handOff(new SaleInvoiceOrder(" ", o.customerCode(), o.customerName(),
                o.salesperson(), o.date(), o.bankName(), o.bankAccount(), o.sellerTaxNumber(), o.entries(), o.netTotal(), o.taxTotal(),
                o.total()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bizId");
        assertThatThrownBy(() -> handOff.handOff(null)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the seller's tax number and the customer archive

    @Test
    void sendsTheSellerTaxNumberInDefine1AndU8RefusesAnotherCompanysNumberOrNone() throws Exception {
        JsonNode inv = MAPPER.readTree(handOff.handOff(order("IR-8101")).payloadJson()).get("saleinvoice");
        assertThat(inv.get("define1").asText()).isEqualTo(U8StandIn.SELLER_TAX_NUMBER);

        u8.sellerTaxNumber("91330106MA2H3K4L5N");
        assertThatThrownBy(() -> handOff.handOff(order("IR-8102")))
                .isInstanceOfSatisfying(U8RejectedException.class, e -> assertThat(e.errcode()).isEqualTo("30112"));

        SaleInvoiceOrder o = order("IR-8103");
        SaleInvoiceOrder none = new SaleInvoiceOrder(o.bizId(), o.customerCode(), o.customerName(), o.salesperson(), o.date(),
                o.bankName(), o.bankAccount(), " ", o.entries(), o.netTotal(), o.taxTotal(), o.total());
        int sent = u8.adds();
        assertThatThrownBy(() -> handOff.handOff(none)).isInstanceOfSatisfying(U8RejectedException.class, e -> {
            assertThat(e.errcode()).isEqualTo(U8RejectedException.LOCAL_VALIDATION);
            assertThat(e.errmsg()).contains("sellerTaxNumber");
        });
        assertThat(u8.adds()).as("checked before sending").isEqualTo(sent);
    }

    @Test
    void addsANewCustomerToU8sArchiveOnceAfterWhichU8TakesItsInvoice() throws Exception {
        String code = "91330106MA2H3K4L5N";
        assertThatThrownBy(() -> handOff.handOff(order("IR-8201", code)))
                .isInstanceOfSatisfying(U8RejectedException.class, e -> assertThat(e.errcode()).isEqualTo(U8StandIn.UNKNOWN_CUSTOMER));
        assertThat(handOff.customerArchiveStatus(code)).isEqualTo(U8HandOff.ArchiveStatus.NOT_TRIED);
        U8Customer customer = new U8Customer(code, "杭州新开元便利有限公司", "杭州市西湖区文三路 1 号", "zhangwei", "cust-1");

        HandOffResult added = handOff.addCustomer(customer);
        HandOffResult again = handOff.addCustomer(customer);

        assertThat(added.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(added.bizId()).isEqualTo("CUS-" + code);
        assertThat(again.outcome()).isEqualTo(HandOffOutcome.ALREADY_ACCEPTED);
        assertThat(u8.customerAdds()).containsExactly(java.util.Map.entry(code, 1));
        JsonNode sent = u8.customerBodies().get(0).get("customer");
        assertThat(sent.get("code").asText()).isEqualTo(code);
        assertThat(sent.get("name").asText()).isEqualTo("杭州新开元便利有限公司");
        assertThat(sent.get("abbrname").asText()).isEqualTo("杭州新开元便利有限公司");
        assertThat(sent.get("address").asText()).isEqualTo("杭州市西湖区文三路 1 号");
        assertThat(sent.get("spec_operator").asText()).isEqualTo("zhangwei");
        assertThat(sent.get("memo").asText()).contains("cust-1");
        assertThat(handOff.customerArchiveStatus(code)).isEqualTo(U8HandOff.ArchiveStatus.DONE);
        assertThat(handOff.attempts("CUS-" + code, null, 10)).singleElement()
                .satisfies(a -> assertThat(a.outcome()).isEqualTo(AttemptOutcome.ACCEPTED));

        assertThat(handOff.handOff(order("IR-8201", code)).outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
    }

    @Test
    void aCustomerAddMetByAnOutageIsPendingAndCreatedOnceWhenU8IsBack() {
        String code = "91330106MA2H3K4L6Q";
        U8Customer customer = new U8Customer(code, "杭州停机便利有限公司", null, "zhangwei", "cust-2");
        u8.answer503(true);
        assertThatThrownBy(() -> handOff.addCustomer(customer)).isInstanceOf(U8UnavailableException.class);
        assertThat(handOff.customerArchiveStatus(code)).isEqualTo(U8HandOff.ArchiveStatus.PENDING);
        assertThat(u8.customerArchive()).doesNotContain(code);

        u8.answer503(false);
        assertThat(handOff.addCustomer(customer).outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(handOff.addCustomer(customer).outcome()).isEqualTo(HandOffOutcome.ALREADY_ACCEPTED);
        assertThat(u8.customerAdds()).containsExactly(java.util.Map.entry(code, 1));
    }

    @Test
    void aCustomerU8AlreadyHasCountsAsInTheArchive() {
        HandOffResult known = handOff.addCustomer(new U8Customer(U8StandIn.KNOWN_CUSTOMER, "上海联华超市股份有限公司", null, null, "c"));
        assertThat(known.outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(u8.customerAdds()).isEmpty();
        assertThat(handOff.customerArchiveStatus(U8StandIn.KNOWN_CUSTOMER)).isEqualTo(U8HandOff.ArchiveStatus.DONE);
        assertThatThrownBy(() -> handOff.addCustomer(new U8Customer("bad", " ", null, null, "c")))
                .isInstanceOfSatisfying(U8RejectedException.class, e -> assertThat(e.errmsg()).contains("code", "name"));
    }

    // ---- helpers

    /** Simulates the death of the node (nothing after this runs; it is not a RuntimeException). */
    private static final class NodeDied extends Error {
        NodeDied() {
            super("node died", null, false, false);
        }
    }

    private U8Properties settings() {
        return u8.properties().withTimeouts(Duration.ofSeconds(1), REQUEST_TIMEOUT)
                .withClaim(CLAIM_TIMEOUT, Duration.ofSeconds(10));
    }

    private U8HandOff node(U8Properties properties) {
        return new U8HandOff(jdbc, new DataSourceTransactionManager(dataSource), properties, clock, clock);
    }

    private List<HandOffEntry> attempts() {
        return handOff.attempts(null, null, 100);
    }

    static SaleInvoiceOrder order(String bizId) {
        return order(bizId, U8StandIn.KNOWN_CUSTOMER);
    }

    /**
     * Two lines after an 8 % KA rebate: 2 × JM-200 at 11 300.00 incl. 13 % VAT (20 792.00 = 18 400.00 + 2 392.00) and
     * 1 × SaaS subscription at 5 000.00 incl. 6 % VAT (4 600.00 = 4 339.62 + 260.38).
     */
    static SaleInvoiceOrder order(String bizId, String customerCode) {
        List<SaleInvoiceEntry> lines = List.of(
                new SaleInvoiceEntry("JM-200", "精密注塑模具", new BigDecimal("2"), new BigDecimal("13"),
                        new BigDecimal("11300.00"), new BigDecimal("18400.00"), new BigDecimal("2392.00"),
                        new BigDecimal("20792.00")),
                new SaleInvoiceEntry("SAAS-Y1", "云MES SaaS 年度订阅", new BigDecimal("1"), new BigDecimal("6"),
                        new BigDecimal("5000.00"), new BigDecimal("4339.62"), new BigDecimal("260.38"),
                        new BigDecimal("4600.00")));
        return new SaleInvoiceOrder(bizId, customerCode, "上海联华超市股份有限公司", "zhangwei",
                LocalDate.of(2025, 6, 2), "招商银行上海分行", "31001234567890123456", U8StandIn.SELLER_TAX_NUMBER, lines,
                new BigDecimal("22739.62"), new BigDecimal("2652.38"), new BigDecimal("25392.00"));
    }
}
