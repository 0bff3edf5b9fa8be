package org.leadtocash.erp;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.leadtocash.erp.HandOffLog.Claim;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.OncePerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands a sale invoice to Yonyou U8 through its OpenAPI ({@link U8Client} says what the calls look like; {@link
 * SaleInvoicePayload} the body) at most once per {@code biz_id}, and records every attempt in the hand-off log
 * ({@code erp_handoff}). {@link OncePerKey} runs the claim → send → record sequence across nodes; this class adds
 * U8's part: check the data, commit the tradeid before sending, and resend an uncertain write with the same tradeid
 * (U8 then answers without creating a second voucher), because U8 offers no query by biz_id or tradeid.
 * docs/design/u8-hand-off.md has the steps and the crash cases.
 *
 * <p>A customer goes to U8's customer archive ({@code customer/add}) the same way, once per credit code, under the
 * key {@code CUS-<code>} in the same log, because U8 refuses a sale invoice for a customer code it does not know.
 *
 * <p>Log timestamps and claim ages use the engine clock; the token's expiry uses the system clock.
 */
@Service
public class U8HandOff {
    static final String NOT_CONFIGURED = "未配置U8，已导出待财务导入 not sent: exported for finance to import";
    /** The hand-off log key of a customer archive add starts so; an invoice request id never does. */
    static final String CUSTOMER_BIZ_PREFIX = "CUS-";
    private static final Logger log = LoggerFactory.getLogger(U8HandOff.class);

    private final HandOffLog handOffLog;
    private final OncePerKey<Claim, HandOffEntry> once;
    private final U8Properties properties;
    private final U8Client client;
    private final ObjectMapper mapper;
    private volatile Consumer<U8Client.Answer> afterU8Answered = answer -> { };

    @Autowired
    public U8HandOff(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, U8Properties properties,
                     EngineClock engineClock) {
        this(jdbc, transactionManager, properties, new EngineTime(engineClock, engineClock.zone()),
                Clock.systemUTC());
    }

    /**
     * @param clock      for log timestamps and claim ages
     * @param tokenClock for the token's expiry
     */
    public U8HandOff(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, U8Properties properties,
                     Clock clock, Clock tokenClock) {
        properties.check();
        this.handOffLog = new HandOffLog(jdbc);
        this.once = new OncePerKey<>(handOffLog, transactionManager, clock, properties.claimTimeout(),
                properties.claimWait(), (bizId, interrupted) -> new HandOffInProgressException(interrupted
                        ? "interrupted while waiting for another node to hand off sale invoice " + bizId
                        : "sale invoice " + bizId + " is being handed off to U8 by another node; nothing sent here,"
                                + " try again later"));
        this.properties = properties;
        this.mapper = new ObjectMapper();
        this.client = new U8Client(properties, mapper, tokenClock);
        log.info("U8 hand-off: {}", properties.configured() ? "to " + properties.baseUrl()
                : "no U8 configured, sale invoices are exported for finance and not sent");
    }

    /**
     * Hands the sale invoice to U8 once per {@code order.bizId()}.
     *
     * @return ACCEPTED now, ALREADY_ACCEPTED earlier (nothing sent), or EXPORTED_NOT_SENT (no U8 configured)
     * @throws U8RejectedException        U8 (or our check before sending) refused the data; fix it and call again
     * @throws U8UnavailableException     U8 could not be reached or gave no usable answer; call again later (the
     *                                    same request is resent)
     * @throws HandOffInProgressException another node is handing off the same biz_id; call again later
     * @throws IllegalArgumentException   the order, its bizId or its entry list is missing
     */
    public HandOffResult handOff(SaleInvoiceOrder order) {
        SaleInvoicePayload.checkStructure(order);
        if (order.bizId().startsWith(CUSTOMER_BIZ_PREFIX)) {
            throw new IllegalArgumentException("bizId must not start with " + CUSTOMER_BIZ_PREFIX + ", the customer archive's keys");
        }
        return write(new Write(order.bizId(), "saleinvoice/add", U8Client.SALE_INVOICE_ADD_PATH,
                SaleInvoicePayload.json(order, properties, mapper), SaleInvoicePayload.problems(order),
                "开票信息不完整或不一致 invalid invoice data: "));
    }

    /**
     * Adds the customer to U8's customer archive once per credit code ({@link U8Customer#bizId()}), exactly as a sale
     * invoice is handed off: a later call for the same code sends nothing and answers ALREADY_ACCEPTED.
     *
     * @throws U8RejectedException        U8 (or our check before sending) refused the customer
     * @throws U8UnavailableException     U8 could not be reached; call again later (the same request is resent)
     * @throws HandOffInProgressException another node is adding the same customer; call again later
     */
    public HandOffResult addCustomer(U8Customer customer) {
        if (customer == null) {
            throw new IllegalArgumentException("customer must not be null");
        }
        return write(new Write(customer.bizId(), "customer/add", U8Client.CUSTOMER_ADD_PATH,
                CustomerPayload.json(customer, mapper), CustomerPayload.problems(customer),
                "客户档案信息不完整 invalid customer data: "));
    }

    /** Where the customer with this credit code stands in the hand-off log. */
    public enum ArchiveStatus {
        /** never handed to U8 by this app (a customer from before, kept in U8 by hand) */
        NOT_TRIED,
        /** tried and not (yet) accepted: in flight, failed or rejected */
        PENDING,
        /** U8 has it, or (no U8 configured) finance was given it to enter */
        DONE
    }

    public ArchiveStatus customerArchiveStatus(String code) {
        String bizId = CUSTOMER_BIZ_PREFIX + (code == null ? "" : code.strip());
        return inNewTransaction(() -> handOffLog.findDone(bizId).isPresent() ? ArchiveStatus.DONE
                : handOffLog.list(bizId, null, 1).isEmpty() ? ArchiveStatus.NOT_TRIED : ArchiveStatus.PENDING);
    }

    /** One add call: the log key, U8's path, the exact body and the rules it breaks. */
    private record Write(String bizId, String what, String path, String payload, List<String> problems, String problemPrefix) {
    }

    private HandOffResult write(Write write) {
        String bizId = write.bizId();
        String payload = write.payload();
        return once.run(bizId, new OncePerKey.Attempt<>() {
            @Override
            public Claim claim(String token, Instant now) {
                return handOffLog.insertClaim(bizId, token, payload, now);
            }

            @Override
            public HandOffResult send(Claim claim) {
                return underClaim(write, claim);
            }

            @Override
            public HandOffResult done(HandOffEntry earlier) {
                return earlier(earlier);
            }
        });
    }

    /** Attempts newest first; null filters do not filter; limit 1 to 1000. */
    public List<HandOffEntry> attempts(String bizId, AttemptOutcome outcome, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        return inNewTransaction(() -> handOffLog.list(bizId, outcome, limit));
    }

    /** Whether a U8 is configured (else hand-offs are exported and not sent). */
    public boolean configured() {
        return properties.configured();
    }

    /** Test seam: runs after U8 answered saleinvoice/add and before the answer is recorded. */
    void afterU8Answered(Consumer<U8Client.Answer> hook) {
        this.afterU8Answered = hook == null ? answer -> { } : hook;
    }

    /** Resends the request of a taken-over attempt, or checks the data and sends it with a committed tradeid. */
    private HandOffResult underClaim(Write write, Claim claim) {
        String bizId = write.bizId();
        String payload = write.payload();
        if (claim.tradeId() != null) {
            // taken over from a node that died after committing the tradeid: U8 may have this very request
            if (!properties.configured()) {
                String error = "attempt " + claim.id() + " may have reached U8 with tradeid " + claim.tradeId()
                        + ", but no U8 is configured now to resend it to";
                finishUnsuccessful(claim, AttemptOutcome.FAILED, null, null, error);
                throw new U8UnavailableException(error);
            }
            inNewTransaction(() -> {
                handOffLog.addDetail(claim.id(), "resent with the same tradeid after taking over from a node that"
                        + " did not finish");
                return null;
            });
            if (!claim.payload().equals(payload)) {
                log.warn("resending the payload of attempt {} of sale invoice {} unchanged; the invoice data has"
                        + " changed since, the change goes with a later hand-off if U8 rejects this one", claim.id(),
                        bizId);
            }
            return send(write, claim, claim.tradeId(), claim.payload());
        }
        List<String> problems = write.problems();
        if (!problems.isEmpty()) {
            String errmsg = write.problemPrefix() + String.join("; ", problems);
            finishUnsuccessful(claim, AttemptOutcome.REJECTED, U8RejectedException.LOCAL_VALIDATION, errmsg,
                    "not sent: checked before sending");
            throw new U8RejectedException(U8RejectedException.LOCAL_VALIDATION, errmsg);
        }
        if (!properties.configured()) {
            return exported(bizId, payload, claim);
        }
        String reused = reusableTradeId(bizId, claim.id(), payload);
        String tradeId;
        try {
            tradeId = reused != null ? reused : client.newTradeId();
        } catch (RuntimeException e) {
            throw failed(claim, bizId, e);
        }
        if (!inNewTransaction(() -> handOffLog.recordTradeId(claim, tradeId, payload))) {
            throw new HandOffInProgressException("the claim on sale invoice " + bizId + " was taken over by"
                    + " another node before sending; nothing sent here");
        }
        return send(write, claim, tradeId, payload);
    }

    /** Sends the add and records U8's answer. */
    private HandOffResult send(Write write, Claim claim, String tradeId, String sent) {
        String bizId = claim.bizId();
        U8Client.Answer answer;
        try {
            answer = client.add(write.what(), write.path(), tradeId, bizId, sent);
        } catch (RuntimeException e) {
            throw failed(claim, bizId, e);
        }
        afterU8Answered.accept(answer);
        boolean duplicate = !answer.ok() && (properties.duplicateErrcodes().contains(answer.errcode())
                || write.path().equals(U8Client.CUSTOMER_ADD_PATH) && alreadyInArchive(answer));
        if (answer.ok() || duplicate) {
            if (duplicate) {
                log.info("U8 answered sale invoice {} (tradeid {}) as a repeat of an accepted request: errcode {}, {}",
                        bizId, tradeId, answer.errcode(), answer.errmsg());
            }
            return accepted(bizId, tradeId, sent, answer, claim);
        }
        log.warn("U8 rejected {} {} (tradeid {}): errcode {}, errmsg {}", write.what(), bizId, tradeId, answer.errcode(),
                answer.errmsg());
        finishUnsuccessful(claim, AttemptOutcome.REJECTED, answer.errcode(), answer.errmsg(), null);
        throw new U8RejectedException(answer.errcode(), answer.errmsg());
    }

    /**
     * U8 answered a customer add with "客户编码…已存在" (the code exists already): a customer entered in U8 by hand before
     * this app knew it, which is what the add was for.
     */
    private static boolean alreadyInArchive(U8Client.Answer answer) {
        String msg = answer.errmsg() == null ? "" : answer.errmsg();
        return msg.contains("已存在") || msg.toLowerCase(java.util.Locale.ROOT).contains("already exists");
    }

    /** The tradeid of the previous attempt when that one FAILED with the same payload: U8 may have it. */
    private String reusableTradeId(String bizId, long claimId, String payload) {
        Optional<HandOffEntry> previous = inNewTransaction(() -> handOffLog.latestOther(bizId, claimId));
        if (previous.isPresent() && previous.get().outcome() == AttemptOutcome.FAILED
                && previous.get().tradeId() != null && previous.get().payload().equals(payload)) {
            log.info("resending sale invoice {} with tradeid {} of failed attempt {}", bizId,
                    previous.get().tradeId(), previous.get().id());
            return previous.get().tradeId();
        }
        return null;
    }

    private HandOffResult accepted(String bizId, String tradeId, String sent, U8Client.Answer answer, Claim claim) {
        String voucherId = answer.id() == null || answer.id().isBlank() ? null : answer.id().strip();
        return once.recordDone(bizId, () -> {
            boolean recorded = inNewTransaction(() -> handOffLog.finishAccepted(claim.id(), tradeId, answer.errcode(),
                    answer.errmsg(), voucherId, once.now()));
            if (!recorded) {
                // a node that took the claim over (it resent the same tradeid) recorded it first
                HandOffEntry row = inNewTransaction(() -> handOffLog.find(claim.id())).orElseThrow();
                if (row.outcome() != AttemptOutcome.ACCEPTED) {
                    throw new IllegalStateException("attempt " + claim.id() + " of sale invoice " + bizId
                            + " was accepted by U8 but is recorded as " + row.outcome());
                }
            }
            log.info("U8 accepted sale invoice {} (tradeid {}, U8 id {})", bizId, tradeId, voucherId);
            return new HandOffResult(bizId, HandOffOutcome.ACCEPTED, tradeId, voucherId, sent);
        }, other -> {
            log.error("sale invoice {} has another accepted hand-off attempt; U8 answered tradeid {} as accepted too",
                    bizId, tradeId);
            return earlier(other);
        });
    }

    private HandOffResult exported(String bizId, String payload, Claim claim) {
        if (!inNewTransaction(() -> handOffLog.finishExported(claim, NOT_CONFIGURED, once.now()))) {
            throw new HandOffInProgressException("the claim on sale invoice " + bizId + " was taken over by another"
                    + " node; not exported here");
        }
        log.info("no U8 configured: sale invoice {} exported for finance to import, not sent", bizId);
        return new HandOffResult(bizId, HandOffOutcome.EXPORTED_NOT_SENT, null, null, payload);
    }

    /** Records a FAILED attempt and returns the exception to throw. */
    private RuntimeException failed(Claim claim, String bizId, RuntimeException e) {
        String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        log.warn("handing sale invoice {} to U8 failed: {}", bizId, error);
        OncePerKey.recordFailure(() -> finishUnsuccessful(claim, AttemptOutcome.FAILED, null, null, error), e);
        return e instanceof U8UnavailableException ? e
                : new U8UnavailableException("handing sale invoice " + bizId + " to U8 failed: " + error, e);
    }

    private boolean finishUnsuccessful(Claim claim, AttemptOutcome outcome, String errcode, String errmsg,
                                       String detail) {
        boolean recorded = inNewTransaction(() -> handOffLog.finishUnsuccessful(claim, outcome, errcode, errmsg,
                detail, once.now()));
        if (!recorded) {
            log.warn("hand-off attempt {} was taken over by another node before it could be recorded as {}",
                    claim.id(), outcome);
        }
        return recorded;
    }

    private static HandOffResult earlier(HandOffEntry done) {
        return done.outcome() == AttemptOutcome.EXPORTED_NOT_SENT
                ? new HandOffResult(done.bizId(), HandOffOutcome.EXPORTED_NOT_SENT, null, null, done.payload())
                : new HandOffResult(done.bizId(), HandOffOutcome.ALREADY_ACCEPTED, done.tradeId(), done.u8VoucherId(),
                        done.payload());
    }

    private <T> T inNewTransaction(Supplier<T> work) {
        return once.inNewTransaction(work);
    }
}
