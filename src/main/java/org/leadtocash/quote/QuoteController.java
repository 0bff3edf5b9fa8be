package org.leadtocash.quote;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.leadtocash.shared.CurrentUser;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.Groups;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Quotes, contracts, invoice requests and their KPIs (HTTP Basic, R-06 visibility): a rep sees his own, managers,
 * directors and admins see all; legal also sees contracts, finance also invoice requests. What one may not see is 404.
 */
@RestController
@RequestMapping(path = "/api", produces = MediaType.APPLICATION_JSON_VALUE)
class QuoteController {
    private final Quotes quotes;
    private final EditQuoteTask editQuoteTask;
    private final QuoteDocuments documents;
    private final Contracts contracts;
    private final InvoiceRequests invoiceRequests;
    private final QuotePdf pdf;
    private final QuoteKpi kpi;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final EngineClock clock;

    public QuoteController(Quotes quotes, EditQuoteTask editQuoteTask, QuoteDocuments documents, Contracts contracts,
                           InvoiceRequests invoiceRequests, QuotePdf pdf, QuoteKpi kpi, CurrentUser currentUser,
                           ApplicationEventPublisher events, EngineClock clock) {
        this.quotes = quotes;
        this.editQuoteTask = editQuoteTask;
        this.documents = documents;
        this.contracts = contracts;
        this.invoiceRequests = invoiceRequests;
        this.pdf = pdf;
        this.kpi = kpi;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    /** Starts {@code QuoteToInvoiceProcess} for a customer the caller owns; 201 with the quote id. */
    @PostMapping(path = "/quotes", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Quotes.Started> start(@RequestBody Quotes.QuoteRequest request) {
        Quotes.Started started = quotes.start(request, currentUser.id());
        return ResponseEntity.created(URI.create("/api/quotes/" + started.quoteId())).body(started);
    }

    @GetMapping("/quotes")
    public List<Quote> quotes(@RequestParam(defaultValue = "100") int limit) {
        return quotes.list(viewer(), limit);
    }

    @GetMapping("/quotes/{id}")
    public Quote quote(@PathVariable String id) {
        return quotes.visible(id, viewer());
    }

    /** Edits unit prices and delivery date while the quote waits at 编辑报价 (completes that step); clause changes are refused. */
    @PutMapping(path = "/quotes/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Quote edit(@PathVariable String id, @RequestBody JsonNode body) {
        return editQuoteTask.completeViaApi(id, body, currentUser.id(), currentUser.seesAllSalesData());
    }

    /**
     * The quote as a PDF in one action; 409 naming the missing fields while the company profile is incomplete.
     * Served to the quote's own rep, it counts as sent to the customer.
     */
    @GetMapping(path = "/quotes/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> quotePdf(@PathVariable String id) {
        Quote quote = quotes.visible(id, viewer());
        byte[] document = pdf.render(documents.of(quote));
        if (currentUser.id().equals(quote.repId())) {
            events.publishEvent(new QuoteDocumentSent(quote.id(), quote.revision(), "QUOTE_PDF", quote.repId(), quote.leadId(),
                    quote.customerId(), quote.customerName(), clock.now()));
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("quote-" + quote.id() + "-r" + quote.revision() + ".pdf").build().toString())
                .contentType(MediaType.APPLICATION_PDF).body(document);
    }

    /** Refused clause changes, for overseers and legal. */
    @GetMapping("/clause-tamper-attempts")
    public List<ClauseTamperAttempt> tamperAttempts(@RequestParam(required = false) String quoteId) {
        currentUser.requireAnyGroup(Groups.SALES_MANAGER, Groups.REGIONAL_DIRECTOR, Groups.ADMIN, Groups.LEGAL);
        return quotes.tamperAttempts(quoteId);
    }

    @GetMapping("/contracts/{id}")
    public Contract contract(@PathVariable String id) {
        return contracts.visible(id, viewer(), currentUser.isIn(Groups.LEGAL));
    }

    @GetMapping("/invoice-requests/{id}")
    public InvoiceRequest invoiceRequest(@PathVariable String id) {
        return invoiceRequests.visible(id, viewer(), currentUser.isIn(Groups.FINANCE));
    }

    /**
     * contract KPIs over contracts drafted in [from, to], compliance also over a seeded sample; with
     * {@code perContract=true} also every contract's figures; overseers only.
     */
    @GetMapping("/kpi/contracts")
    public QuoteKpi.Report contractKpi(@RequestParam LocalDate from, @RequestParam LocalDate to,
                                       @RequestParam(required = false) Long seed,
                                       @RequestParam(defaultValue = "false") boolean perContract) {
        currentUser.requireAnyGroup(Groups.OVERSEERS.toArray(String[]::new));
        return kpi.contracts(from, to, seed, perContract);
    }

    private String viewer() {
        return currentUser.seesAllSalesData() ? null : currentUser.id();
    }
}
