package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** The payment journey's SQL (V6 and every query of {@link JourneyRepository}) on a real PostgreSQL 17. */
class JourneyRepositoryPostgresTests {
    static final Instant T0 = Instant.parse("2025-06-09T01:00:00.123456Z");
    private static EmbeddedPostgres postgres;
    private static JourneyRepository journeys;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        javax.sql.DataSource db = postgres.getPostgresDatabase();
        org.leadtocash.shared.EngineClock clock = new org.leadtocash.shared.EngineClock(java.time.ZoneId.of("Asia/Shanghai"));
        journeys = new JourneyRepository(JdbcClient.create(db), new PaymentKpiSummary(db, new org.leadtocash.shared.SummaryCounters(db),
                new org.leadtocash.shared.SummaryBuilds(JdbcClient.create(db), clock,
                        new org.springframework.jdbc.datasource.DataSourceTransactionManager(db)), clock));
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void storesMovesPaysAndReadsBackAJourneyWithItsChecksAndKpiRows() {
        JourneyDraft draft = new JourneyDraft("INV250609-PG0001", "PG00000001", null, "A医院", "zhangwei",
                new BigDecimal("1000.00"), LocalDate.of(2025, 6, 2), "王采购", "13912345678", "A医院项目");
        journeys.insert(draft, "INVOICE_SUBMITTED", "system", T0);
        journeys.setProcessInstance(draft.id(), "pi-1");

        PaymentJourney stored = journeys.findForUpdate(draft.id()).orElseThrow();
        assertThat(stored.node()).isEqualTo("INVOICE_SUBMITTED");
        assertThat(stored.nodeSince()).isEqualTo(T0);
        assertThat(journeys.findByInvoiceNo("PG00000001")).contains(stored);
        assertThat(journeys.list("zhangwei", PaymentJourney.OPEN, 10)).containsExactly(stored);
        assertThat(journeys.openNotMovedSince(T0, null)).extracting(d -> d.journey().id()).containsExactly(draft.id());
        assertThat(journeys.openNotMovedSince(T0.minusSeconds(1), "zhangwei")).isEmpty();

        Instant fired = T0.plus(Duration.ofHours(48));
        assertThat(journeys.breakerFirings(draft.id(), "INVOICE_SUBMITTED", T0)).isZero();
        long check = journeys.insertCheck(stored, "INVOICE_SUBMITTED", T0, 1, "BoundaryEvent_X", "pi-1", fired);
        assertThat(journeys.breakerFirings(draft.id(), "INVOICE_SUBMITTED", T0)).isEqualTo(1);
        journeys.answerCheck(check, List.of(BlockerCause.INVOICE_WRONG, BlockerCause.OTHER), "抬头错", "note", "重开",
                LocalDate.of(2025, 6, 12), "zhangwei", fired);
        assertThat(journeys.lastAnsweredChecks(List.of(draft.id())).get(draft.id()).causes())
                .containsExactly(BlockerCause.INVOICE_WRONG, BlockerCause.OTHER);

        Instant signed = T0.plus(Duration.ofHours(50));
        journeys.recordInvoiceSigned(draft.id(), LocalDate.of(2025, 6, 11), LocalDate.of(2025, 6, 30), "王采购", "13912345678");
        journeys.moveTo(draft.id(), "INVOICE_SIGNED", signed);
        journeys.recordProcurementStarted(draft.id(), "CG-1", LocalDate.of(2025, 6, 11));
        journeys.recordCustomerPaid(draft.id(), LocalDate.of(2025, 6, 11), new BigDecimal("1000.00"));
        Instant paid = T0.plus(Duration.ofHours(60));
        journeys.insertReceipt(draft.id(), new BigDecimal("1000.00"), LocalDate.of(2025, 6, 11), "BK-1", Receipt.BANK,
                "INVOICE_SIGNED", "import", paid);
        assertThat(journeys.receiptReferenceUsed(draft.id(), "BK-1")).isTrue();
        journeys.moveTo(draft.id(), "BANK_RECEIVED", paid);
        journeys.touch(draft.id(), paid);
        journeys.setReceived(draft.id(), new BigDecimal("1000.00"), paid);

        JourneyDetails details = journeys.details(draft.id()).orElseThrow();
        assertThat(details.journey().status()).isEqualTo(PaymentJourney.PAID);
        assertThat(details.journey().paidAt()).isEqualTo(paid);
        assertThat(details.expectedPaymentDate()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(journeys.receipts(draft.id())).singleElement().satisfies(r -> assertThat(r.recordedAt()).isEqualTo(paid));
        assertThat(journeys.checks(draft.id())).singleElement().satisfies(c -> assertThat(c.answered()).isTrue());

        Instant from = T0.minus(Duration.ofDays(1));
        Instant to = T0.plus(Duration.ofDays(10));
        assertThat(journeys.paidBetween(from, to, null)).hasSize(1);
        assertThat(journeys.paidBetween(from, to, "lina")).isEmpty();
        assertThat(journeys.visitsEndedBetween(from, to, "zhangwei")).extracting(JourneyRepository.NodeVisit::node)
                .containsExactly("INVOICE_SUBMITTED", "INVOICE_SIGNED", "BANK_RECEIVED");
        assertThat(journeys.causesAnsweredBetween(from, to, null)).extracting(JourneyRepository.CauseRow::cause)
                .containsExactly(BlockerCause.INVOICE_WRONG, BlockerCause.OTHER);
    }
}
