package org.leadtocash.quote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.leadtocash.lead.DealSigned;
import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
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
        requireClauseTexts(quote.lines());
        List<String> changes = new ArrayList<>();
        List<AttachedClause> fromQuote = quote.clauses().stream().map(qc -> new AttachedClause(qc.typeCode(), qc.typeName(),
                qc.versionId(), qc.version(), qc.locked(), qc.text(), qc.version(), qc.productModel())).toList();
        List<AttachedClause> clauses = withLatestLocked(fromQuote, quote.lines(), true, changes);
        String changeText = changes.isEmpty() ? null : String.join("\n", changes);
        Contract contract = Contract.draftedFrom(quote, QuoteIds.next("C", clock.now(), clock.zone()), clauses, changeText,
                processInstanceId, clock.now());
        contracts.insert(contract);
        return get(contract.id());
    }

    /**
     * Refuses a contract whose products require a clause type with no text in force, naming the line, the
     * product and the type: the rep's "accepted" answer is rolled back with this message until legal publishes one.
     */
    private void requireClauseTexts(List<PricedLine> lines) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String field = "lines[" + i + "].productModel";
            Product product;
            try {
                product = catalogue.product(lines.get(i).productModel());
            } catch (NotFoundException e) {
                continue; // taken out of the catalogue since the quote: its clauses stay as quoted
            }
            library.withoutTextFor(product).forEach(t -> errors.add(library.missingText(field, product, t)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /**
     * The clauses with every locked one at the library's version in force today for its product; the clause
     * types the products need that are missing are added when {@code addMissing}. Each difference is described in
     * {@code changes} for the rep. Unlocked clauses stay as they are.
     */
    private List<AttachedClause> withLatestLocked(List<AttachedClause> current, List<PricedLine> lines, boolean addMissing,
                                                  List<String> changes) {
        Set<String> lockedTypes = library.types().stream().filter(ClauseType::locked).map(ClauseType::code)
                .collect(Collectors.toSet());
        List<ClauseVersion> expected = library.attachmentsFor(products(lines));
        Set<String> expectedLockedTypes = expected.stream().filter(v -> lockedTypes.contains(v.typeCode()))
                .map(ClauseVersion::typeCode).collect(Collectors.toSet());
        List<AttachedClause> result = new ArrayList<>();
        Set<String> typesPresent = new LinkedHashSet<>();
        for (AttachedClause c : current) {
            typesPresent.add(c.typeCode());
            boolean locked = c.locked() || lockedTypes.contains(c.typeCode());
            if (!locked || !expectedLockedTypes.contains(c.typeCode())) {
                // unlocked: as quoted; locked but no longer required (type retired, product gone): as it was
                result.add(c);
            }
        }
        for (ClauseVersion v : expected) {
            boolean locked = lockedTypes.contains(v.typeCode());
            if (locked) {
                AttachedClause old = current.stream().filter(c -> c.key().equals(AttachedClause.key(v.typeCode(), v.productModel())))
                        .findFirst().orElseGet(() -> current.stream().filter(c -> c.typeCode().equals(v.typeCode()))
                                .findFirst().orElse(null));
                result.add(new AttachedClause(v.typeCode(), v.typeName(), v.id(), v.version(), true, v.text(),
                        old == null ? null : old.quoteVersion(), v.productModel()));
                if (old == null) {
                    changes.add(QuoteText.clauseAdded(v));
                } else if (old.versionId() != v.id()
                        || !ClauseGuard.normalize(old.text()).equals(ClauseGuard.normalize(v.text()))) {
                    changes.add(QuoteText.clauseChanged(old, v));
                }
            } else if (addMissing && !typesPresent.contains(v.typeCode())) {
                result.add(new AttachedClause(v.typeCode(), v.typeName(), v.id(), v.version(), false, v.text(), null,
                        v.productModel()));
                changes.add(QuoteText.clauseAdded(v));
            }
        }
        result.sort(Comparator.comparing(AttachedClause::typeCode).thenComparing(AttachedClause::productColumn));
        return result;
    }

    /**
     * The locked clauses of the contract that are not the library's version in force today for their product
     * described for legal; empty when all are current.
     */
    public List<String> staleLockedClauses(Contract contract) {
        Set<String> lockedTypes = library.types().stream().filter(ClauseType::locked).map(ClauseType::code)
                .collect(Collectors.toSet());
        List<String> stale = new ArrayList<>();
        for (ClauseVersion v : library.attachmentsFor(products(contract.lines()))) {
            if (!lockedTypes.contains(v.typeCode())) {
                continue;
            }
            AttachedClause carried = contract.clauses().stream()
                    .filter(c -> c.key().equals(AttachedClause.key(v.typeCode(), v.productModel()))).findFirst().orElse(null);
            if (carried == null || carried.versionId() != v.id()) {
                stale.add(v.typeName() + (v.productModel() == null ? "" : "（" + v.productModel() + "）") + "：合同为"
                        + (carried == null ? "无 none" : "第" + carried.version() + "版 v" + carried.version())
                        + "，条款库现行第" + v.version() + "版 library has v" + v.version() + " in force since " + v.effectiveDate());
            }
        }
        return stale;
    }

    /**
     * 刷新锁定条款 Brings the contract's locked clauses to the library's latest after legal published a newer locked
     * version while the contract was in review or revision: the rep confirms the changes, then legal reviews
     * again. Returns the contract with its new clause changes.
     */
    @Transactional
    public Contract refreshLockedClauses(String contractId) {
        Contract contract = get(contractId);
        List<String> changes = new ArrayList<>();
        List<AttachedClause> clauses = withLatestLocked(contract.clauses(), contract.lines(), false, changes);
        String changeText = changes.isEmpty() ? "锁定条款无变化 no locked clause changed" : String.join("\n", changes);
        contracts.replaceClauses(contractId, clauses, changeText);
        return get(contractId);
    }

    /** The contracts in review or returned to the rep that carry an outdated locked clause. */
    public List<Contract> openContractsWithStaleLockedClauses() {
        return contracts.openContractIds().stream().map(this::get).filter(c -> !staleLockedClauses(c).isEmpty()).toList();
    }

    /** The catalogue products of the lines; a product taken out of the catalogue since is left out. */
    private List<Product> products(List<PricedLine> lines) {
        Map<String, Product> byModel = new LinkedHashMap<>();
        for (PricedLine l : lines) {
            try {
                byModel.putIfAbsent(l.productModel(), catalogue.product(l.productModel()));
            } catch (NotFoundException e) {
                // a product taken out of the catalogue since: its clauses stay as quoted
            }
        }
        return List.copyOf(byModel.values());
    }

    /** 确认条款变更 The rep has seen the clause changes. */
    @Transactional
    public void confirmClauseChanges(String contractId) {
        get(contractId);
        contracts.confirmClauseChanges(contractId, clock.now());
    }

    /**
     * 记录法务审核 Record legal's review: APPROVE, or RETURN with a reason (counted). An approval of a contract
     * that carries an outdated locked clause is refused. Signing is the separate step {@link #sign}.
     */
    @Transactional
    public void review(String contractId, ReviewVerdict verdict) {
        ReviewDecision decision = verdict.decision();
        String reviewer = verdict.reviewer();
        Contract contract = get(contractId);
        if (decision == ReviewDecision.APPROVE) {
            List<String> stale = staleLockedClauses(contract);
            if (!stale.isEmpty()) {
                throw new InvalidInputException(QuoteToInvoiceProcess.Vars.REVIEW_DECISION, "stale-locked-clause",
                        "合同含有过期的锁定条款，不能批准 the contract carries an outdated locked clause and cannot be approved: "
                                + String.join("; ", stale) + "。合同将退回销售确认新条款后再审 it goes back to the rep to "
                                + "confirm the new text, then to legal; 也可以退回 or return it with a reason");
            }
        }
        Instant now = clock.now();
        contracts.insertReview(contractId, contract.reviews().size() + 1, decision, verdict.reason(), reviewer, now);
        if (decision == ReviewDecision.RETURN) {
            contracts.markReturned(contractId);
        }
    }

    /**
     * 合同签署 Contract signed: the one-time step after legal's approval (or approvals: the diagram may ask for more
     * than one, e.g. by {@code contractTotal}). Records the last approver and the compliance facts of R-32, and
     * publishes {@link DealSigned}. A contract already signed stays as it is.
     *
     * @throws IllegalStateException if legal has not approved the contract
     */
    @Transactional
    public Contract sign(String contractId) {
        Contract contract = get(contractId);
        if (contract.status() == ContractStatus.APPROVED) {
            return contract;
        }
        ContractReview last = contract.reviews().isEmpty() ? null : contract.reviews().get(contract.reviews().size() - 1);
        if (last == null || last.decision() != ReviewDecision.APPROVE) {
            throw new IllegalStateException("contract " + contractId + " has no approval by legal to sign");
        }
        Instant now = clock.now();
        boolean current = staleLockedClauses(contract).isEmpty();
        Set<String> attached = contract.clauses().stream().map(AttachedClause::typeCode).collect(Collectors.toSet());
        boolean complete = library.attachmentsFor(products(contract.lines())).stream()
                .allMatch(v -> attached.contains(v.typeCode()));
        contracts.markApproved(contractId, last.reviewer(), now, current, complete);
        events.publishEvent(new DealSigned(contract.repId(), contract.customerId(), contract.total(), contract.id(), now));
        return get(contractId);
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

    List<String> approvedIdsDraftedBetween(Instant from, Instant to) {
        return contracts.approvedIdsDraftedBetween(from, to);
    }

    List<Contract> withReviews(List<String> ids) {
        return contracts.withReviews(ids);
    }
}
