package org.leadtocash.quote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.leadtocash.lead.DealSigned;
import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contracts: drafted from the accepted quote with every locked clause re-read from the library —
 * a locked clause legal published anew since the quote is taken at its latest version and the change is described
 * for the rep; clauses the products need that the quote lacked are added. Legal approves or returns with a reason;
 * returns are counted. On approval the deal counts as signed, and the compliance facts of R-32 are recorded.
 */
@Service
class Contracts {
    private final ContractRepository contracts;
    private final Quotes quotes;
    private final Catalogue catalogue;
    private final ClauseLibrary library;
    private final ApplicationEventPublisher events;
    private final EngineClock clock;

    public Contracts(ContractRepository contracts, Quotes quotes, Catalogue catalogue, ClauseLibrary library,
                     ApplicationEventPublisher events, EngineClock clock) {
        this.contracts = contracts;
        this.quotes = quotes;
        this.catalogue = catalogue;
        this.library = library;
        this.events = events;
        this.clock = clock;
    }

    /** 起草合同 Draft contract from the accepted quote (idempotent per quote). */
    @Transactional
    public Contract draft(String quoteId, String processInstanceId) {
        var existing = contracts.findByQuote(quoteId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Quote quote = quotes.get(quoteId);
        if (quote.status() != QuoteStatus.ACCEPTED) {
            throw new IllegalStateException("quote " + quoteId + " is " + quote.status() + ", not ACCEPTED");
        }
        Map<String, Boolean> lockedTypes = library.types().stream()
                .collect(Collectors.toMap(ClauseType::code, ClauseType::locked, (a, b) -> a));
        List<AttachedClause> clauses = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        Set<String> onQuote = new LinkedHashSet<>();
        for (AttachedClause qc : quote.clauses()) {
            onQuote.add(qc.typeCode());
            boolean locked = qc.locked() || lockedTypes.getOrDefault(qc.typeCode(), false);
            if (locked) {
                ClauseVersion latest = library.latest(qc.typeCode());
                clauses.add(new AttachedClause(latest.typeCode(), latest.typeName(), latest.id(), latest.version(), true,
                        latest.text(), qc.version()));
                if (latest.version() != qc.version() || !ClauseGuard.normalize(latest.text()).equals(ClauseGuard.normalize(qc.text()))) {
                    changes.add(QuoteText.clauseChanged(qc, latest));
                }
            } else {
                clauses.add(new AttachedClause(qc.typeCode(), qc.typeName(), qc.versionId(), qc.version(), false, qc.text(),
                        qc.version()));
            }
        }
        for (ClauseVersion required : library.latestFor(requiredTypes(quote.lines()))) {
            if (!onQuote.contains(required.typeCode())) {
                clauses.add(new AttachedClause(required.typeCode(), required.typeName(), required.id(), required.version(),
                        required.locked(), required.text(), null));
                changes.add(QuoteText.clauseAdded(required));
            }
        }
        clauses.sort((a, b) -> a.typeCode().compareTo(b.typeCode()));
        String changeText = changes.isEmpty() ? null : String.join("\n", changes);
        Contract contract = Contract.draftedFrom(quote, QuoteIds.next("C", clock.now(), clock.zone()), clauses, changeText,
                processInstanceId, clock.now());
        contracts.insert(contract);
        return get(contract.id());
    }

    /** The clause types the products need (their own types; the library adds the types that apply to all). */
    private Set<String> requiredTypes(List<PricedLine> lines) {
        Set<String> types = new LinkedHashSet<>();
        for (PricedLine l : lines) {
            try {
                types.addAll(catalogue.product(l.productModel()).clauseTypes());
            } catch (NotFoundException e) {
                // a product taken out of the catalogue since: its clauses stay as quoted
            }
        }
        return types;
    }

    /** 确认条款变更 The rep has seen the clause changes. */
    @Transactional
    public void confirmClauseChanges(String contractId) {
        get(contractId);
        contracts.confirmClauseChanges(contractId, clock.now());
    }

    /**
     * 记录法务审核 Record legal's review: APPROVE, or RETURN with a reason (counted). Approval signs the deal
     * and records whether every locked clause is still the latest and every clause the products need is attached.
     */
    @Transactional
    public void review(String contractId, ReviewVerdict verdict) {
        ReviewDecision decision = verdict.decision();
        String reviewer = verdict.reviewer();
        Contract contract = get(contractId);
        Instant now = clock.now();
        contracts.insertReview(contractId, contract.reviews().size() + 1, decision, verdict.reason(), reviewer, now);
        if (decision == ReviewDecision.RETURN) {
            contracts.markReturned(contractId);
        } else {
            boolean current = contract.clauses().stream().filter(AttachedClause::locked)
                    .allMatch(c -> library.latest(c.typeCode()).version() == c.version());
            Set<String> attached = contract.clauses().stream().map(AttachedClause::typeCode).collect(Collectors.toSet());
            boolean complete = library.latestFor(requiredTypes(contract.lines())).stream()
                    .allMatch(v -> attached.contains(v.typeCode()));
            contracts.markApproved(contractId, reviewer, now, current, complete);
            events.publishEvent(new DealSigned(contract.repId(), contract.customerId(), contract.total(), contract.id(), now));
        }
    }

    /** 修改合同 The rep's revision after a return: prices, delivery date, and a note for legal. */
    @Transactional
    public Contract revise(String contractId, PriceEdit edit) {
        contracts.updatePricing(contractId, edit.deliveryDate(), edit.lines(), edit.totals(), edit.note());
        return get(contractId);
    }

    public Contract get(String contractId) {
        return contracts.find(contractId).orElseThrow(() -> new NotFoundException("contract " + contractId + " not found"));
    }

    /** Owner rep, overseers (viewer null) and legal see a contract; others get 404. */
    public Contract visible(String contractId, String viewer, boolean legal) {
        Contract c = get(contractId);
        if (viewer != null && !legal && !viewer.equals(c.repId())) {
            throw new NotFoundException("contract " + contractId + " not found");
        }
        return c;
    }

    List<Contract> draftedBetween(Instant from, Instant to) {
        return contracts.draftedBetween(from, to);
    }
}
