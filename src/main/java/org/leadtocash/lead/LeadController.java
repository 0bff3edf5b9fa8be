package org.leadtocash.lead;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

/** Lead intake for source channels (API key) and lead/customer reads for users (HTTP Basic, R-06 visibility). */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class LeadController {
    private final LeadIntake intake;
    private final LeadQueries queries;
    private final LeadKpi kpi;
    private final CurrentUser currentUser;

    public LeadController(LeadIntake intake, LeadQueries queries, LeadKpi kpi, CurrentUser currentUser) {
        this.intake = intake;
        this.queries = queries;
        this.kpi = kpi;
        this.currentUser = currentUser;
    }

    /** Answer of the intake API. */
    public record IntakeResponse(String leadId, String processInstanceId, String status, boolean created) {
    }

    @PostMapping(path = "/leads", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<IntakeResponse> receive(@RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "json-object", "the request body must be a JSON object");
        }
        LeadSource channel = LeadSource.valueOf(currentUser.channel());
        LeadIntake.Received received = intake.receive(fields(body), channel);
        Lead lead = received.lead();
        IntakeResponse response = new IntakeResponse(lead.id(), lead.processInstanceId(), lead.status().name(), received.created());
        return received.created()
                ? ResponseEntity.created(URI.create("/api/leads/" + lead.id())).body(response)
                : ResponseEntity.ok(response);
    }

    @GetMapping("/leads/{id}")
    public Lead lead(@PathVariable String id) {
        return queries.lead(id, viewer());
    }

    @GetMapping("/leads")
    public List<Lead> leads(@RequestParam(required = false) LeadStatus status, @RequestParam(defaultValue = "100") int limit) {
        return queries.leads(viewer(), status, limit);
    }

    @GetMapping("/customers/{id}")
    public Customer customer(@PathVariable String id) {
        return queries.customer(id, viewer());
    }

    @GetMapping("/customers")
    public List<Customer> customers(@RequestParam(defaultValue = "100") int limit) {
        return queries.customers(viewer(), limit);
    }

    /** R-07 first-contact KPI; a rep gets his own figures, overseers everyone's. */
    @GetMapping("/kpi/leads/first-contact")
    public LeadKpi.Report firstContactKpi(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        return kpi.firstContact(from, to, viewer());
    }

    private String viewer() {
        return currentUser.seesAllSalesData() ? null : currentUser.id();
    }

    /** JSON object → field map; JSON numbers become exact BigDecimals, other types stay recognisably wrong. */
    private static Map<String, Object> fields(JsonNode body) {
        Map<String, Object> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isNumber()) {
                // a float beyond double range reads as Infinity, which has no BigDecimal: the validator names it
                value = v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue())
                        : Double.isFinite(v.doubleValue()) ? v.decimalValue() : (Object) v.doubleValue();
            } else {
                value = v; // objects, arrays, booleans: the validator reports a type error
            }
            fields.put(e.getKey(), value);
        });
        return fields;
    }
}
