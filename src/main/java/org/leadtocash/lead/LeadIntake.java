package org.leadtocash.lead;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lead intake: validates, stores the lead and its customer and starts {@code LeadRoutingProcess} with the lead
 * id as business key, all in one transaction. The same channel + external id again returns the first lead and starts
 * nothing. Routing runs asynchronously after the commit, so a routing fault becomes an incident, never a lost lead.
 */
@Service
public class LeadIntake {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyMMdd");

    private final LeadRepository leads;
    private final RuntimeService runtimeService;
    private final EngineClock clock;
    private final TransactionTemplate savepoint;
    private final Regions regions;

    public LeadIntake(LeadRepository leads, RuntimeService runtimeService, EngineClock clock,
                      PlatformTransactionManager transactionManager, Regions regions) {
        this.leads = leads;
        this.regions = regions;
        this.runtimeService = runtimeService;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The outcome of an intake call: the lead, and whether this call created it. */
    public record Received(Lead lead, boolean created) {
    }

    /** A lead from a source channel authenticated by its API key. */
    @Transactional
    public Received receive(Map<String, ?> input, LeadSource channel) {
        LeadDraft draft = LeadValidator.validate(input, true, Set.of(), regions.activeCodes());
        if (draft.source() != channel) {
            throw new InvalidInputException("source", "matches-api-key",
                    "this API key belongs to channel " + channel + "; source must be " + channel);
        }
        Optional<Lead> existing = leads.findByChannel(draft.source(), draft.externalId());
        if (existing.isPresent()) {
            return new Received(existing.get(), false);
        }
        Instant now = clock.now();
        String leadId = newLeadId(now);
        try {
            savepoint.executeWithoutResult(s -> insert(leadId, draft, "channel:" + channel.name(), now));
        } catch (DuplicateKeyException raced) {
            // the same lead arrived twice at once: the other request stored it
            return new Received(leads.findByChannel(draft.source(), draft.externalId()).orElseThrow(() -> raced), false);
        }
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(LeadRoutingProcess.KEY, leadId,
                processVariables(leadId, draft, null));
        leads.setProcessInstance(leadId, instance.getId());
        return new Received(leads.find(leadId).orElseThrow(), true);
    }

    /**
     * A phone lead entered through the Tasklist start form: validated with the same rules; errors roll the start back
     * and Tasklist shows them. Returns the variables the process continues with.
     */
    @Transactional
    public Map<String, Object> registerFromStartForm(Map<String, Object> formVariables, String initiator, String processInstanceId) {
        Map<String, Object> input = new HashMap<>();
        for (String field : LeadValidator.FIELDS) {
            if (formVariables.containsKey(field)) {
                input.put(field, formVariables.get(field));
            }
        }
        input.put("source", LeadSource.PHONE_CALL.name()); // the start form is the phone-lead entry
        input.put("externalId", "TASKLIST-" + processInstanceId);
        LeadDraft draft = LeadValidator.validate(input, true, Set.of(), regions.activeCodes());
        Instant now = clock.now();
        String leadId = newLeadId(now);
        insert(leadId, draft, initiator, now);
        leads.setProcessInstance(leadId, processInstanceId);
        return processVariables(leadId, draft, initiator);
    }

    private void insert(String leadId, LeadDraft draft, String createdBy, Instant now) {
        Customer customer = leads.findCustomerByCreditCode(draft.creditCode()).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            try {
                savepoint.executeWithoutResult(s -> leads.insertCustomer(id, draft.creditCode(), draft.companyName(), now));
            } catch (DuplicateKeyException raced) {
                return leads.findCustomerByCreditCode(draft.creditCode()).orElseThrow(() -> raced);
            }
            return leads.findCustomer(id).orElseThrow();
        });
        leads.insert(leadId, draft, customer.id(), createdBy, now);
    }

    /**
     * The variables the process uses: DMN inputs, what the task forms show. (The escalation deadlines come from the
     * drawn timers of the version that runs: 登记线索 Register lead sets them.) The rest of the
     * lead (credit code, external id, product interest, creation time) stays on {@code sales_lead}: each variable is
     * three rows per lead with full history, and intake throughput is mostly rows written.
     */
    private Map<String, Object> processVariables(String leadId, LeadDraft d, String initiator) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.LEAD_ID, leadId);
        vars.put(Vars.SOURCE, d.source().name());
        vars.put(Vars.COMPANY_NAME, d.companyName());
        vars.put(Vars.CONTACT_NAME, d.contactName());
        vars.put(Vars.CONTACT_PHONE, d.contactPhone());
        vars.put(Vars.REGION, d.region());
        // a double for the DMN table and the forms; the exact amount stays in sales_lead.budget_cny
        vars.put(Vars.BUDGET_CNY, d.budgetCny().doubleValue());
        // not yet: the 4 h reminder asks this before calling a rep, wherever the token is (even routing as an incident)
        vars.put(Vars.LEAD_ASSIGNED, false);
        vars.put(Vars.CONTACT_ATTEMPTS, 0);
        if (initiator != null) {
            vars.put(Vars.LEAD_INITIATOR, initiator);
        }
        return vars;
    }

    private String newLeadId(Instant now) {
        StringBuilder id = new StringBuilder("L").append(LocalDate.ofInstant(now, clock.zone()).format(ID_DATE)).append('-');
        for (int i = 0; i < 6; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
