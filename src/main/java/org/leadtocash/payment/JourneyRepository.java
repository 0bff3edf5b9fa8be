package org.leadtocash.payment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL for the tables of {@code V6__payment_journey.sql}; runs in the caller's transaction. Writes that end a node stay,
 * pay a journey or answer a checklist count it in {@link PaymentKpiSummary} in that transaction.
 */
@Repository
class JourneyRepository {
    private static final String COLUMNS = "id, invoice_no, customer_id, customer_name, project_name, rep_id, amount_due,"
            + " amount_received, node, node_since, status, process_instance_id, started_at, paid_at";
    private static final String DETAIL_COLUMNS = COLUMNS + ", invoice_date, procurement_contact_name,"
            + " procurement_contact_mobile, started_by, invoice_signed_date, expected_payment_date, procurement_reference,"
            + " procurement_started_date, customer_paid_date, customer_paid_amount";
    private static final String CHECK_COLUMNS = "id, journey_id, customer_id, customer_name, rep_id, node, node_since,"
            + " occurrence, timer_id, process_instance_id, fired_at, other_cause, note, next_action, next_action_date,"
            + " answered_by, answered_at";

    private final JdbcClient jdbc;
    private final PaymentKpiSummary summary;

    JourneyRepository(JdbcClient jdbc, PaymentKpiSummary summary) {
        this.jdbc = jdbc;
        this.summary = summary;
    }

    // --- journeys ------------------------------------------------------------------------------------------------

    /** Stores a new journey at its first node ({@code firstNode}, a code). */
    void insert(JourneyDraft d, String firstNode, String startedBy, Instant now) {
        jdbc.sql("INSERT INTO payment_journey (id, invoice_no, customer_id, customer_name, project_name, rep_id, amount_due,"
                        + " amount_received, invoice_date, procurement_contact_name, procurement_contact_mobile, node,"
                        + " node_since, status, started_by, started_at) VALUES (:id, :invoiceNo, :customerId, :customerName,"
                        + " :projectName, :repId, :amountDue, 0, :invoiceDate, :contactName, :contactMobile, :node, :now,"
                        + " :status, :startedBy, :now)")
                .param("id", d.id()).param("invoiceNo", d.invoiceNo()).param("customerId", d.customerId())
                .param("customerName", d.customerName()).param("projectName", d.projectName()).param("repId", d.repId())
                .param("amountDue", d.amountDue()).param("invoiceDate", d.invoiceDate())
                .param("contactName", d.procurementContactName()).param("contactMobile", d.procurementContactMobile())
                .param("node", firstNode).param("now", ts(now))
                .param("status", PaymentJourney.OPEN).param("startedBy", startedBy)
                .update();
        jdbc.sql("INSERT INTO payment_node_visit (journey_id, node, entered_at) VALUES (:id, :node, :now)")
                .param("id", d.id()).param("node", firstNode).param("now", ts(now)).update();
    }

    Optional<PaymentJourney> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_journey WHERE id = :id").param("id", id)
                .query(JourneyRepository::journey).optional();
    }

    /** Locks the row until the transaction ends, so concurrent receipts for one journey apply one after the other. */
    Optional<PaymentJourney> findForUpdate(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_journey WHERE id = :id FOR UPDATE").param("id", id)
                .query(JourneyRepository::journey).optional();
    }

    Optional<PaymentJourney> findByInvoiceNo(String invoiceNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment_journey WHERE invoice_no = :no").param("no", invoiceNo)
                .query(JourneyRepository::journey).optional();
    }

    Optional<JourneyDetails> details(String id) {
        return jdbc.sql("SELECT " + DETAIL_COLUMNS + " FROM payment_journey WHERE id = :id").param("id", id)
                .query(JourneyRepository::details).optional();
    }

    /** @param repId only this rep's journeys, or null for all; @param status OPEN, PAID or null for both */
    List<PaymentJourney> list(String repId, String status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM payment_journey WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (repId != null) {
            sql.append(" AND rep_id = :rep");
            params.put("rep", repId);
        }
        if (status != null) {
            sql.append(" AND status = :status");
            params.put("status", status);
        }
        sql.append(" ORDER BY started_at DESC, id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(JourneyRepository::journey).list();
    }

    /**
     * Journeys still at a node (their stay there has not ended: open ones, and paid ones at a node an owner drew after the
     * money) that have not moved since before {@code movedBefore}.
     */
    List<JourneyDetails> openNotMovedSince(Instant movedBefore, String repId) {
        String sql = "SELECT " + DETAIL_COLUMNS + " FROM payment_journey WHERE id IN (SELECT journey_id FROM"
                + " payment_node_visit WHERE left_at IS NULL) AND node_since <= :before"
                + (repId == null ? "" : " AND rep_id = :rep") + " ORDER BY node_since, id";
        var spec = jdbc.sql(sql).param("before", ts(movedBefore));
        if (repId != null) {
            spec = spec.param("rep", repId);
        }
        return spec.query(JourneyRepository::details).list();
    }

    void setProcessInstance(String id, String processInstanceId) {
        jdbc.sql("UPDATE payment_journey SET process_instance_id = :pi WHERE id = :id")
                .param("pi", processInstanceId).param("id", id).update();
    }

    /** The journey reached {@code node} (a code): the visit of the node it was at ends, the new one starts. */
    void moveTo(String id, String node, Instant at) {
        summary.staysEnded(summary.openStays(id), at);
        jdbc.sql("UPDATE payment_node_visit SET left_at = :at WHERE journey_id = :id AND left_at IS NULL")
                .param("at", ts(at)).param("id", id).update();
        jdbc.sql("INSERT INTO payment_node_visit (journey_id, node, entered_at) VALUES (:id, :node, :at)")
                .param("id", id).param("node", node).param("at", ts(at)).update();
        jdbc.sql("UPDATE payment_journey SET node = :node, node_since = :at WHERE id = :id")
                .param("node", node).param("at", ts(at)).param("id", id).update();
    }

    /** The journey's stay at its node ends (its process ended); nothing happens when it has ended already. */
    void leaveNode(String id, Instant at) {
        summary.staysEnded(summary.openStays(id), at);
        jdbc.sql("UPDATE payment_node_visit SET left_at = :at WHERE journey_id = :id AND left_at IS NULL")
                .param("at", ts(at)).param("id", id).update();
    }

    /** Money arrived at ⑤ without moving node: the journey moved all the same. */
    void touch(String id, Instant at) {
        jdbc.sql("UPDATE payment_journey SET node_since = :at WHERE id = :id").param("at", ts(at)).param("id", id).update();
    }

    void setReceived(String id, BigDecimal received, Instant paidAt) {
        PaymentKpiSummary.Paid before = summary.paid(id);
        if (paidAt != null) {
            summary.staysEnded(summary.openStays(id), paidAt);
        }
        jdbc.sql("UPDATE payment_journey SET amount_received = :received, status = :status, paid_at = :paidAt WHERE id = :id")
                .param("received", received).param("status", paidAt == null ? PaymentJourney.OPEN : PaymentJourney.PAID)
                .param("paidAt", ts(paidAt)).param("id", id).update();
        if (paidAt != null) {
            jdbc.sql("UPDATE payment_node_visit SET left_at = :at WHERE journey_id = :id AND left_at IS NULL")
                    .param("at", ts(paidAt)).param("id", id).update();
        }
        summary.paidChanged(before, summary.paid(id));
    }

    void recordInvoiceSigned(String id, LocalDate signedDate, LocalDate expectedPaymentDate, String contactName,
                             String contactMobile) {
        jdbc.sql("UPDATE payment_journey SET invoice_signed_date = :signed, expected_payment_date = :expected,"
                        + " procurement_contact_name = :name, procurement_contact_mobile = :mobile WHERE id = :id")
                .param("signed", signedDate).param("expected", expectedPaymentDate).param("name", contactName)
                .param("mobile", contactMobile).param("id", id).update();
    }

    void recordProcurementStarted(String id, String reference, LocalDate startedDate) {
        jdbc.sql("UPDATE payment_journey SET procurement_reference = :ref, procurement_started_date = :started WHERE id = :id")
                .param("ref", reference).param("started", startedDate).param("id", id).update();
    }

    void recordCustomerPaid(String id, LocalDate paidDate, BigDecimal amount) {
        jdbc.sql("UPDATE payment_journey SET customer_paid_date = :paid, customer_paid_amount = :amount WHERE id = :id")
                .param("paid", paidDate).param("amount", amount).param("id", id).update();
    }

    // --- receipts ------------------------------------------------------------------------------------------------

    boolean receiptReferenceUsed(String journeyId, String reference) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_receipt WHERE journey_id = :id AND reference = :ref")
                .param("id", journeyId).param("ref", reference).query(Integer.class).single() > 0;
    }

    void insertReceipt(String journeyId, BigDecimal amount, LocalDate valueDate, String reference, String source,
                       String nodeBefore, String recordedBy, Instant at) {
        jdbc.sql("INSERT INTO payment_receipt (journey_id, amount, value_date, reference, source, node_before, recorded_by,"
                        + " recorded_at) VALUES (:id, :amount, :valueDate, :ref, :source, :node, :by, :at)")
                .param("id", journeyId).param("amount", amount).param("valueDate", valueDate).param("ref", reference)
                .param("source", source).param("node", nodeBefore).param("by", recordedBy).param("at", ts(at))
                .update();
    }

    List<Receipt> receipts(String journeyId) {
        return jdbc.sql("SELECT amount, value_date, reference, source, node_before, recorded_by, recorded_at"
                        + " FROM payment_receipt WHERE journey_id = :id ORDER BY recorded_at, id")
                .param("id", journeyId)
                .query((rs, i) -> new Receipt(rs.getBigDecimal("amount"), rs.getObject("value_date", LocalDate.class),
                        rs.getString("reference"), rs.getString("source"), rs.getString("node_before"),
                        rs.getString("recorded_by"), instant(rs, "recorded_at")))
                .list();
    }

    // --- breaker and blocker checklists ---------------------------------------------------------------------------

    /** How many times the breaker has fired on this visit of the node (a journey back at ⑤ starts a new count). */
    int breakerFirings(String journeyId, String node, Instant nodeSince) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_blocker_check WHERE journey_id = :id AND node = :node"
                        + " AND node_since = :since")
                .param("id", journeyId).param("node", node).param("since", ts(nodeSince))
                .query(Integer.class).single();
    }

    long insertCheck(PaymentJourney j, String node, Instant nodeSince, int occurrence, String timerId,
                     String processInstanceId, Instant firedAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO payment_blocker_check (journey_id, customer_id, customer_name, rep_id, node, node_since,"
                        + " occurrence, timer_id, process_instance_id, fired_at) VALUES (:id, :customerId, :customerName,"
                        + " :rep, :node, :since, :occurrence, :timer, :pi, :firedAt)")
                .param("id", j.id()).param("customerId", j.customerId()).param("customerName", j.customerName())
                .param("rep", j.repId()).param("node", node).param("since", ts(nodeSince))
                .param("occurrence", occurrence).param("timer", timerId).param("pi", processInstanceId)
                .param("firedAt", ts(firedAt))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<BlockerCheck> check(long id) {
        return jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM payment_blocker_check WHERE id = :id").param("id", id)
                .query(JourneyRepository::check).optional()
                .map(c -> c.withCauses(causes(List.of(c.id())).getOrDefault(c.id(), List.of())));
    }

    void answerCheck(long id, Collection<BlockerCause> causes, String otherCause, String note, String nextAction,
                     LocalDate nextActionDate, String answeredBy, Instant at) {
        PaymentKpiSummary.Answer before = summary.answer(id);
        jdbc.sql("UPDATE payment_blocker_check SET other_cause = :other, note = :note, next_action = :action,"
                        + " next_action_date = :actionDate, answered_by = :by, answered_at = :at WHERE id = :id")
                .param("other", otherCause).param("note", note).param("action", nextAction)
                .param("actionDate", nextActionDate).param("by", answeredBy).param("at", ts(at)).param("id", id).update();
        jdbc.sql("DELETE FROM payment_blocker_cause WHERE check_id = :id").param("id", id).update();
        for (BlockerCause cause : causes) {
            jdbc.sql("INSERT INTO payment_blocker_cause (check_id, cause) VALUES (:id, :cause)")
                    .param("id", id).param("cause", cause.name()).update();
        }
        summary.answerChanged(before, summary.answer(id));
    }

    /** Every breaker firing of the journey, newest first, with the causes ticked. */
    List<BlockerCheck> checks(String journeyId) {
        List<BlockerCheck> checks = jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM payment_blocker_check"
                        + " WHERE journey_id = :id ORDER BY fired_at DESC, id DESC")
                .param("id", journeyId).query(JourneyRepository::check).list();
        return withCauses(checks);
    }

    /** The last answered checklist of each of the journeys, with its causes. */
    Map<String, BlockerCheck> lastAnsweredChecks(Collection<String> journeyIds) {
        Map<String, BlockerCheck> last = new LinkedHashMap<>();
        if (journeyIds.isEmpty()) {
            return last;
        }
        List<BlockerCheck> answered = jdbc.sql("SELECT " + CHECK_COLUMNS + " FROM payment_blocker_check"
                        + " WHERE journey_id IN (:ids) AND answered_at IS NOT NULL ORDER BY answered_at DESC, id DESC")
                .param("ids", journeyIds).query(JourneyRepository::check).list();
        for (BlockerCheck c : answered) {
            last.putIfAbsent(c.journeyId(), c);
        }
        List<BlockerCheck> withCauses = withCauses(new ArrayList<>(last.values()));
        withCauses.forEach(c -> last.put(c.journeyId(), c));
        return last;
    }

    // --- KPI reads -----------------------------------------------------------------------------------------------

    /**
     * Start and payment time of the journeys paid in full within [from, to): only what the payment cycle needs, so a
     * 90-day read at a year of data reads two timestamps a row (index-only with V17's covering index).
     */
    List<PaidSpan> paidBetween(Instant from, Instant to, String repId) {
        String sql = "SELECT started_at, paid_at FROM payment_journey WHERE status = 'PAID' AND paid_at >= :from AND paid_at < :to"
                + (repId == null ? "" : " AND rep_id = :rep") + " ORDER BY paid_at, id";
        var spec = jdbc.sql(sql).param("from", ts(from)).param("to", ts(to));
        if (repId != null) {
            spec = spec.param("rep", repId);
        }
        return spec.query((rs, i) -> new PaidSpan(instant(rs, "started_at"), instant(rs, "paid_at"))).list();
    }

    /** Node visits that ended within [from, to). */
    List<NodeVisit> visitsEndedBetween(Instant from, Instant to, String repId) {
        String sql = "SELECT v.journey_id, v.node, v.entered_at, v.left_at FROM payment_node_visit v"
                + " JOIN payment_journey j ON j.id = v.journey_id WHERE v.left_at >= :from AND v.left_at < :to"
                + (repId == null ? "" : " AND j.rep_id = :rep") + " ORDER BY v.left_at, v.id";
        var spec = jdbc.sql(sql).param("from", ts(from)).param("to", ts(to));
        if (repId != null) {
            spec = spec.param("rep", repId);
        }
        return spec.query((rs, i) -> new NodeVisit(rs.getString("journey_id"), rs.getString("node"),
                instant(rs, "entered_at"), instant(rs, "left_at"))).list();
    }

    /** Causes ticked in checklists answered within [from, to): one row per check and cause. */
    List<CauseRow> causesAnsweredBetween(Instant from, Instant to, String repId) {
        String sql = "SELECT c.journey_id, c.customer_id, c.customer_name, c.node, k.cause FROM payment_blocker_check c"
                + " JOIN payment_blocker_cause k ON k.check_id = c.id WHERE c.answered_at >= :from AND c.answered_at < :to"
                + (repId == null ? "" : " AND c.rep_id = :rep") + " ORDER BY c.id, k.cause";
        var spec = jdbc.sql(sql).param("from", ts(from)).param("to", ts(to));
        if (repId != null) {
            spec = spec.param("rep", repId);
        }
        return spec.query((rs, i) -> new CauseRow(rs.getString("journey_id"), rs.getString("customer_id"),
                rs.getString("customer_name"), rs.getString("node"),
                BlockerCause.valueOf(rs.getString("cause")))).list();
    }

    // --- rows ----------------------------------------------------------------------------------------------------

    record PaidSpan(Instant startedAt, Instant paidAt) {
    }

    record NodeVisit(String journeyId, String node, Instant enteredAt, Instant leftAt) {
    }

    record CauseRow(String journeyId, String customerId, String customerName, String node, BlockerCause cause) {
    }

    private List<BlockerCheck> withCauses(List<BlockerCheck> checks) {
        if (checks.isEmpty()) {
            return checks;
        }
        Map<Long, List<BlockerCause>> causes = causes(checks.stream().map(BlockerCheck::id).toList());
        return checks.stream().map(c -> c.withCauses(causes.getOrDefault(c.id(), List.of()))).toList();
    }

    private Map<Long, List<BlockerCause>> causes(Collection<Long> checkIds) {
        Map<Long, List<BlockerCause>> causes = new LinkedHashMap<>();
        jdbc.sql("SELECT check_id, cause FROM payment_blocker_cause WHERE check_id IN (:ids)")
                .param("ids", checkIds)
                .query((ResultSet rs) -> {
                    causes.computeIfAbsent(rs.getLong("check_id"), k -> new ArrayList<>())
                            .add(BlockerCause.valueOf(rs.getString("cause")));
                });
        causes.values().forEach(list -> list.sort(null));
        return causes;
    }

    private static PaymentJourney journey(ResultSet rs, int row) throws SQLException {
        return new PaymentJourney(rs.getString("id"), rs.getString("invoice_no"), rs.getString("customer_id"),
                rs.getString("customer_name"), rs.getString("project_name"), rs.getString("rep_id"),
                rs.getBigDecimal("amount_due"), rs.getBigDecimal("amount_received"),
                rs.getString("node"), instant(rs, "node_since"), rs.getString("status"),
                rs.getString("process_instance_id"), instant(rs, "started_at"), instant(rs, "paid_at"));
    }

    private static JourneyDetails details(ResultSet rs, int row) throws SQLException {
        return new JourneyDetails(journey(rs, row), rs.getObject("invoice_date", LocalDate.class),
                rs.getString("procurement_contact_name"), rs.getString("procurement_contact_mobile"),
                rs.getString("started_by"), rs.getObject("invoice_signed_date", LocalDate.class),
                rs.getObject("expected_payment_date", LocalDate.class), rs.getString("procurement_reference"),
                rs.getObject("procurement_started_date", LocalDate.class),
                rs.getObject("customer_paid_date", LocalDate.class), rs.getBigDecimal("customer_paid_amount"));
    }

    private static BlockerCheck check(ResultSet rs, int row) throws SQLException {
        return new BlockerCheck(rs.getLong("id"), rs.getString("journey_id"), rs.getString("customer_id"),
                rs.getString("customer_name"), rs.getString("rep_id"), rs.getString("node"),
                instant(rs, "node_since"), rs.getInt("occurrence"), rs.getString("timer_id"),
                rs.getString("process_instance_id"), instant(rs, "fired_at"), List.of(), rs.getString("other_cause"),
                rs.getString("note"), rs.getString("next_action"), rs.getObject("next_action_date", LocalDate.class),
                rs.getString("answered_by"), instant(rs, "answered_at"));
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
