package org.leadtocash.contact;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.leadtocash.contact.ContactRepository.StoredCall;
import org.leadtocash.lead.ChinesePhone;
import org.leadtocash.lead.PhoneDirectory;
import org.leadtocash.lead.PhoneDirectory.PhoneMatch;
import org.leadtocash.shared.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores an accepted call record and matches it. The rep is the staff member whose mobile is the rep's
 * side of the call; the customer side is looked up among the leads' contact phones, preferring the rep's own open
 * lead, then a lead or customer of his, then the newest lead with that number. A number that matches no lead is kept
 * as unmatched. A match on the rep's own lead still waiting for first contact pre-fills that task
 * ({@link FirstContactPrefill}); a matched call counts as a captured contact record.
 */
@Service
class CallRecords {
    private static final Logger log = LoggerFactory.getLogger(CallRecords.class);

    private final ContactRepository repository;
    private final PhoneDirectory directory;
    private final FirstContactPrefill prefill;
    private final EngineClock clock;

    CallRecords(ContactRepository repository, PhoneDirectory directory, FirstContactPrefill prefill, EngineClock clock) {
        this.repository = repository;
        this.directory = directory;
        this.prefill = prefill;
        this.clock = clock;
    }

    /** What happened to a call record. {@code stored} is false for a resend of a record already stored with the same body. */
    record Outcome(boolean stored, String recordId, String repId, boolean matched, String leadId, String customerId,
                   boolean prefilled) {
    }

    /**
     * @throws ReplayRefused when the record id is already stored with a different body
     */
    @Transactional
    public Outcome store(CallRecordInput call, byte[] body) {
        String sha = sha256(body);
        Optional<StoredCall> existing = repository.findCall(call.recordId());
        if (existing.isPresent()) {
            return alreadyStored(existing.get(), sha);
        }
        String repId = directory.staffWithMobile(phone(call.repSide())).orElse(null);
        String party = phone(call.partySide());
        List<PhoneMatch> matches = directory.leadsWithPhone(party);
        PhoneMatch match = matches.stream().min(Comparator.comparingInt(m -> rank(m, repId))).orElse(null);
        boolean prefilled = match != null && repId != null && match.firstContactOpen() && repId.equals(match.assignee())
                && prefill.offer(match.processInstanceId(), call, clock.zone());
        String leadId = match == null ? null : match.leadId();
        String customerId = match == null ? null : match.customerId();
        repository.insertCall(call, sha, repId, party, leadId, customerId, prefilled ? leadId : null, clock.now());
        if (match != null) {
            repository.insertContact(ContactCapture.CALL, true, repId, leadId, customerId, call.start().toInstant(), call.recordId(), null, null);
        }
        log.info("call record {} stored: rep {}, lead {}, pre-filled {}", call.recordId(), repId, leadId, prefilled);
        return new Outcome(true, call.recordId(), repId, match != null, leadId, customerId, prefilled);
    }

    /** After a concurrent insert of the same id lost the race: the same answer a sequential resend gets. */
    Outcome afterDuplicate(String recordId, byte[] body) {
        return alreadyStored(repository.findCall(recordId).orElseThrow(), sha256(body));
    }

    private static Outcome alreadyStored(StoredCall stored, String sha) {
        if (!stored.bodySha256().equals(sha)) {
            throw new ReplayRefused(stored.id());
        }
        return new Outcome(false, stored.id(), stored.repId(), stored.matched(), stored.leadId(), stored.customerId(),
                stored.prefilledLeadId() != null);
    }

    private static int rank(PhoneMatch m, String repId) {
        if (repId != null && m.firstContactOpen() && repId.equals(m.assignee())) {
            return 0;
        }
        if (repId != null && (repId.equals(m.customerOwner()) || repId.equals(m.assignee()))) {
            return 1;
        }
        return 2;
    }

    /** The normalised mainland number, or the number without separators. */
    static String phone(String raw) {
        String normalised = ChinesePhone.normalise(raw);
        return normalised != null ? normalised : raw.replaceAll("[ -]", "");
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The record id is stored already, with a different body: answered 409, nothing changed. */
    static final class ReplayRefused extends RuntimeException {
        ReplayRefused(String recordId) {
            super("call record " + recordId + " is already stored with different content");
        }
    }
}
