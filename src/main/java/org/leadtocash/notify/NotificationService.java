package org.leadtocash.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.leadtocash.shared.OncePerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Sends notifications exactly once per idempotency key and records every attempt in the delivery log.
 * {@link OncePerKey} runs the claim → send → record sequence across nodes (docs/design/exactly-once-per-key.md); a
 * node that dies between a send and its record leaves the one gap: the retry after the claim timeout sends again.
 *
 * <p>A channel that is not configured (or a {@link Channel} without a channel bean) sends nothing:
 * the attempt is recorded as NOT_SENT_UNCONFIGURED and {@code send} returns normally, so the demo runs without
 * DingTalk or a voice gateway.
 */
@Service
public class NotificationService {
    static final String UNCONFIGURED = "未配置，未发送 not configured: not sent";
    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final DeliveryLog deliveryLog;
    private final OncePerKey<DeliveryLog.Claim, Delivery> once;
    private final Map<Channel, NotificationChannel> channels;
    private final Duration claimTimeout;

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
        this.once = new OncePerKey<>(deliveryLog, transactionManager, clock, claimTimeout, claimWait,
                (key, interrupted) -> new NotificationFailedException(interrupted
                        ? "interrupted while waiting for another node to send notification " + key
                        : "notification " + key + " is being sent by another node; not sent here, try again later"));
        this.channels = new EnumMap<>(Channel.class);
        for (NotificationChannel channel : channels) {
            NotificationChannel other = this.channels.put(channel.channel(), channel);
            if (other != null) {
                throw new IllegalStateException("two notification channels for " + channel.channel() + ": "
                        + other.getClass().getName() + " and " + channel.getClass().getName());
            }
        }
        this.claimTimeout = claimTimeout;
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
        return once.run(key, new OncePerKey.Attempt<>() {
            @Override
            public DeliveryLog.Claim claim(String token, Instant now) {
                return deliveryLog.insertClaim(key, token, now);
            }

            @Override
            public Delivery send(DeliveryLog.Claim claim) {
                return sendUnderClaim(request, claim);
            }

            @Override
            public Delivery done(Delivery earlier) {
                return earlier;
            }
        });
    }

    /** Deliveries matching the query, newest first. */
    public List<Delivery> list(DeliveryQuery query) {
        if (query == null) {
            throw new IllegalArgumentException("query must not be null");
        }
        if (query.limit() < 1 || query.limit() > DeliveryQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + DeliveryQuery.MAX_LIMIT);
        }
        return once.inNewTransaction(() -> deliveryLog.find(query));
    }

    private Delivery sendUnderClaim(NotificationRequest request, DeliveryLog.Claim claim) {
        String key = request.idempotencyKey();
        NotificationChannel channel = channels.get(request.channel());
        if (channel == null || !channel.configured()) {
            log.info("{} is not configured; notification {} recorded as not sent", request.channel(), key);
            return record(request, DeliveryStatus.NOT_SENT_UNCONFIGURED, UNCONFIGURED, claim);
        }
        try {
            channel.deliver(request);
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            log.warn("notification {} via {} to {} failed: {}", key, request.channel(),
                    Recipients.describe(request.recipients()), error);
            Optional<Delivery> failed = OncePerKey.recordFailure(
                    () -> record(request, DeliveryStatus.FAILED, error, claim), e);
            throw failed.isPresent()
                    ? new NotificationFailedException("notification " + key + " via " + request.channel()
                            + " failed: " + error, e, failed.get())
                    : new NotificationFailedException("notification " + key + " via " + request.channel()
                            + " failed (and the attempt could not be recorded): " + error, e, null);
        }
        return once.recordDone(key, () -> record(request, DeliveryStatus.SENT, null, claim), first -> {
            // our claim went stale mid-send and the node that took it over finished first: it has been sent twice
            log.error("notification {} was sent twice: this node's claim was taken over after {}", key, claimTimeout);
            return first;
        });
    }

    /** Records the attempt and gives up the claim, in one new transaction. */
    private Delivery record(NotificationRequest request, DeliveryStatus status, String error,
                            DeliveryLog.Claim claim) {
        return once.inNewTransaction(() -> {
            Delivery delivery = deliveryLog.insert(request, status, error, once.now());
            if (!deliveryLog.releaseClaim(claim)) {
                log.warn("the claim on notification {} was taken over by another node while this one was sending",
                        request.idempotencyKey());
            }
            return delivery;
        });
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
