package org.leadtocash.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends notifications exactly once per idempotency key and records every attempt in the delivery log.
 *
 * <h2>How exactly-once works</h2>
 * Callers are Camunda async service tasks: their job transaction rolls back on failure and the job is retried, possibly
 * on another node. So nothing here joins the caller's transaction; each step below runs and commits in a transaction
 * of its own ({@code PROPAGATION_REQUIRES_NEW}):
 * <ol>
 * <li><b>Done already?</b> A SENT or NOT_SENT_UNCONFIGURED row with the key is returned as it is; nothing is sent.</li>
 * <li><b>Claim</b> the key: insert a row into {@code notification_claim}, whose primary key is the idempotency key.
 * Only one node can hold it. A node that finds a claim waits (polling, up to {@code claimWait}) for the holder to
 * finish and then returns the holder's delivery, or claims the key itself if the holder failed; after
 * {@code claimWait} it throws {@link NotificationFailedException} without sending (its job retries later). A claim older
 * than {@code claimTimeout} (its node died mid-send) is taken over.</li>
 * <li><b>Check again</b> under the claim (another node may have finished between steps 1 and 2).</li>
 * <li><b>Send</b> through the channel, outside any transaction of ours.</li>
 * <li><b>Record</b> the attempt and delete the claim in one transaction. SENT and NOT_SENT_UNCONFIGURED rows carry the
 * key in {@code success_key}, which has a unique constraint (NULL on FAILED rows, and NULLs never collide on H2 or
 * PostgreSQL): the database itself allows any number of FAILED attempts but only one successful one per key. Because
 * the SENT row commits right after the send, a retry of the caller's job finds it in step 1 and sends nothing.</li>
 * </ol>
 * The one gap left: if the node dies (or the database is gone) between a successful send and step 5, the claim goes
 * stale and a retry after {@code claimTimeout} sends a second time. That is at-least-once in a crash, never a lost
 * message.
 *
 * <p>A channel that is not configured (or a {@link Channel} without a channel bean) sends nothing:
 * the attempt is recorded as NOT_SENT_UNCONFIGURED and {@code send} returns normally, so the demo runs without
 * DingTalk or a voice gateway.
 */
@Service
public class NotificationService {
    static final String UNCONFIGURED = "未配置，未发送 not configured: not sent";
    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final DeliveryLog deliveryLog;
    private final TransactionTemplate newTransaction;
    private final Map<Channel, NotificationChannel> channels;
    private final Duration claimTimeout;
    private final Duration claimWait;
    private final Clock clock;

    @Autowired
    public NotificationService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                               List<NotificationChannel> channels, NotifyProperties properties) {
        this(jdbc, transactionManager, channels, properties.claimTimeout(), properties.claimWait(), Clock.systemUTC());
    }

    /**
     * @param claimTimeout after this long an unfinished claim (its node died mid-send) may be taken over
     * @param claimWait    how long {@code send} waits for another node that holds the claim on the same key
     */
    public NotificationService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                               List<NotificationChannel> channels, Duration claimTimeout, Duration claimWait,
                               Clock clock) {
        this.deliveryLog = new DeliveryLog(jdbc);
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.channels = new EnumMap<>(Channel.class);
        for (NotificationChannel channel : channels) {
            NotificationChannel other = this.channels.put(channel.channel(), channel);
            if (other != null) {
                throw new IllegalStateException("two notification channels for " + channel.channel() + ": "
                        + other.getClass().getName() + " and " + channel.getClass().getName());
            }
        }
        this.claimTimeout = claimTimeout;
        this.claimWait = claimWait;
        this.clock = clock;
    }

    /**
     * Sends once per idempotency key. If a SENT or NOT_SENT_UNCONFIGURED delivery with that key exists, returns it and
     * sends nothing. Otherwise sends through the channel and records the attempt; on failure records a FAILED attempt
     * and throws.
     *
     * @throws IllegalArgumentException     when a field of the request is missing or too long (the message names it)
     * @throws NotificationFailedException  when the channel failed (the FAILED attempt is committed), or another node
     *                                      is still sending the same key after {@code claimWait}
     */
    public Delivery send(NotificationRequest request) {
        validate(request);
        String key = request.idempotencyKey();
        Instant giveUpAt = clock.instant().plus(claimWait);
        while (true) {
            Optional<Delivery> done = inNewTransaction(() -> deliveryLog.findSuccessful(key));
            if (done.isPresent()) {
                log.debug("notification {} was {} already (delivery {}); not sending again", key,
                        done.get().status(), done.get().id());
                return done.get();
            }
            String token = UUID.randomUUID().toString();
            if (claim(key, token)) {
                return sendUnderClaim(request, token);
            }
            if (!clock.instant().isBefore(giveUpAt)) {
                throw new NotificationFailedException("notification " + key + " is being sent by another node;"
                        + " not sent here, try again later");
            }
            pause(key);
        }
    }

    /** Deliveries matching the query, newest first. */
    public List<Delivery> list(DeliveryQuery query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (query.limit() < 1 || query.limit() > DeliveryQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + DeliveryQuery.MAX_LIMIT);
        }
        return inNewTransaction(() -> deliveryLog.find(query));
    }

    private boolean claim(String key, String token) {
        Instant now = now();
        try {
            inNewTransaction(() -> {
                deliveryLog.insertClaim(key, token, now);
                return null;
            });
            return true;
        } catch (DuplicateKeyException held) {
            // a separate transaction: after a failed statement PostgreSQL accepts no more in the same one
            boolean tookOver = inNewTransaction(
                    () -> deliveryLog.takeOverStaleClaim(key, token, now, now.minus(claimTimeout)));
            if (tookOver) {
                log.warn("took over the claim on notification {}: its holder did not finish within {}", key,
                        claimTimeout);
            }
            return tookOver;
        }
    }

    private Delivery sendUnderClaim(NotificationRequest request, String token) {
        String key = request.idempotencyKey();
        Optional<Delivery> doneMeanwhile = inNewTransaction(() -> deliveryLog.findSuccessful(key));
        if (doneMeanwhile.isPresent()) {
            inNewTransaction(() -> deliveryLog.releaseClaim(key, token));
            return doneMeanwhile.get();
        }
        NotificationChannel channel = channels.get(request.channel());
        if (channel == null || !channel.configured()) {
            log.info("{} is not configured; notification {} recorded as not sent", request.channel(), key);
            return record(request, DeliveryStatus.NOT_SENT_UNCONFIGURED, UNCONFIGURED, token);
        }
        try {
            channel.deliver(request);
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            log.warn("notification {} via {} to {} failed: {}", key, request.channel(),
                    Recipients.describe(request.recipients()), error);
            Delivery failed;
            try {
                failed = record(request, DeliveryStatus.FAILED, error, token);
            } catch (RuntimeException recordingFailed) {
                e.addSuppressed(recordingFailed);
                throw new NotificationFailedException("notification " + key + " via " + request.channel()
                        + " failed (and the attempt could not be recorded): " + error, e, null);
            }
            throw new NotificationFailedException("notification " + key + " via " + request.channel() + " failed: "
                    + error, e, failed);
        }
        try {
            return record(request, DeliveryStatus.SENT, null, token);
        } catch (DuplicateKeyException e) {
            // our claim went stale mid-send and the node that took it over finished first: it has been sent twice
            log.error("notification {} was sent twice: this node's claim was taken over after {}", key, claimTimeout);
            return inNewTransaction(() -> deliveryLog.findSuccessful(key)).orElseThrow(() -> e);
        }
    }

    /** Records the attempt and gives up the claim, in one new transaction. */
    private Delivery record(NotificationRequest request, DeliveryStatus status, String error, String token) {
        return inNewTransaction(() -> {
            Delivery delivery = deliveryLog.insert(request, status, error, now());
            if (!deliveryLog.releaseClaim(request.idempotencyKey(), token)) {
                log.warn("the claim on notification {} was taken over by another node while this one was sending",
                        request.idempotencyKey());
            }
            return delivery;
        });
    }

    private <T> T inNewTransaction(Supplier<T> work) {
        return newTransaction.execute(status -> work.get());
    }

    /** Microseconds, as both H2 and PostgreSQL store them, so a delivery reads back equal to what was written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void pause(String key) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotificationFailedException("interrupted while waiting for another node to send notification "
                    + key);
        }
    }

    private static void validate(NotificationRequest r) {
        if (r == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        List<String> problems = new ArrayList<>();
        if (r.idempotencyKey() == null || r.idempotencyKey().isBlank()) {
            problems.add("idempotencyKey must not be blank");
        } else if (r.idempotencyKey().length() > DeliveryLog.MAX_KEY) {
            problems.add("idempotencyKey must be at most " + DeliveryLog.MAX_KEY + " characters");
        }
        if (r.channel() == null) {
            problems.add("channel must not be null");
        }
        if (r.recipients() == null || r.recipients().isEmpty()) {
            problems.add("recipients must not be empty");
        } else {
            for (int i = 0; i < r.recipients().size(); i++) {
                if (r.recipients().get(i) == null) {
                    problems.add("recipients[" + i + "] must not be null");
                }
            }
        }
        if (r.text() == null || r.text().isBlank()) {
            problems.add("text must not be blank");
        }
        if (r.processInstanceId() != null && r.processInstanceId().length() > DeliveryLog.MAX_PROCESS_INSTANCE_ID) {
            problems.add("processInstanceId must be at most " + DeliveryLog.MAX_PROCESS_INSTANCE_ID + " characters");
        }
        if (r.businessKey() != null && r.businessKey().length() > DeliveryLog.MAX_BUSINESS_KEY) {
            problems.add("businessKey must be at most " + DeliveryLog.MAX_BUSINESS_KEY + " characters");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid notification request: " + String.join("; ", problems));
        }
    }
}
