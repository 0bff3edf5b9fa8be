package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.erp.U8HandOff;
import org.leadtocash.erp.U8Properties;
import org.leadtocash.lead.CustomerBook;
import org.leadtocash.lead.LicenceFields;
import org.leadtocash.quote.U8CustomerArchiveProcess.Task;
import org.leadtocash.quote.U8CustomerArchiveProcess.Vars;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.Licences;
import org.leadtocash.support.ProcessTests;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code bpmn/u8-customer-archive.bpmn}: a customer recorded from its licence starts one instance in the same
 * transaction; its asynchronous task adds the customer to U8's archive once, an outage retries into an incident and a
 * retry after U8 is back adds it once; an invoice whose customer's add is still pending adds the customer first.
 */
@AppTest
class U8CustomerArchiveProcessTests {
    @Autowired QuoteTestSupport support;
    @Autowired CustomerBook customerBook;
    @Autowired AddCustomerToU8Delegate archiveDelegate;
    @Autowired HandOffToU8Delegate handOffDelegate;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactionManager;

    private U8StandIn u8;
    private Object originalArchiveU8;
    private Object originalHandOffU8;

    @BeforeEach
    void setUp() throws Exception {
        support.reset();
        u8 = new U8StandIn();
        U8Properties properties = u8.properties().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))
                .withClaim(Duration.ofSeconds(15), Duration.ZERO);
        U8HandOff configured = new U8HandOff(new JdbcTemplate(dataSource), transactionManager, properties, Clock.systemUTC(),
                Clock.systemUTC());
        originalArchiveU8 = ReflectionTestUtils.getField(archiveDelegate, "u8");
        originalHandOffU8 = ReflectionTestUtils.getField(handOffDelegate, "u8");
        ReflectionTestUtils.setField(archiveDelegate, "u8", configured);
        ReflectionTestUtils.setField(handOffDelegate, "u8", configured);
    }

    @AfterEach
    void tearDown() {
        ReflectionTestUtils.setField(archiveDelegate, "u8", originalArchiveU8);
        ReflectionTestUtils.setField(handOffDelegate, "u8", originalHandOffU8);
        u8.close();
        support.reset();
    }

    private String register(String code, String name) {
        Map<String, Object> licence = Licences.licence(code, name, "KA");
        licence.put(LicenceFields.OWNER_ID, "zhangwei");
        return customerBook.register(licence, "zhangwei").id();
    }

    private static ProcessInstance archiveOf(String customerId) {
        ProcessInstance pi = processInstanceQuery().processDefinitionKey(U8CustomerArchiveProcess.KEY)
                .processInstanceBusinessKey(customerId).singleResult();
        assertThat(pi).as("archive instance of " + customerId).isNotNull();
        return pi;
    }

    @Test
    void aRecordedCustomerIsAddedToU8sArchiveOnceByItsOwnJob() {
        String code = TestData.creditCode();
        String customerId = register(code, "杭州档案便利有限公司");

        ProcessInstance pi = archiveOf(customerId);
        assertThat(pi).isWaitingAt(Task.ADD_CUSTOMER_TO_U8);
        assertThat(u8.customerArchive()).doesNotContain(code);
        execute(job(Task.ADD_CUSTOMER_TO_U8, pi));

        assertThat(pi).isEnded().variables().containsEntry(Vars.U8_OUTCOME, "ACCEPTED").containsEntry(Vars.CREDIT_CODE, code);
        assertThat(u8.customerAdds()).containsExactly(entry(code, 1));
        assertThat(u8.customerBodies().get(0).path("customer").path("name").asText()).isEqualTo("杭州档案便利有限公司");
        // the same licence recorded again is refused, and nothing more is started (other tests' instances stay in history)
        long archiveInstances = historyService().createHistoricProcessInstanceQuery()
                .processDefinitionKey(U8CustomerArchiveProcess.KEY).count();
        assertThatThrownBy(() -> register(code, "杭州档案便利有限公司")).hasMessageContaining("new-customer");
        assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(U8CustomerArchiveProcess.KEY)
                .count()).isEqualTo(archiveInstances);
        assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey(U8CustomerArchiveProcess.KEY)
                .processInstanceBusinessKey(customerId).count()).isOne();
    }

    @Test
    void anOutageRetriesIntoAnIncidentAndARetryAfterU8IsBackAddsTheCustomerOnce() {
        String code = TestData.creditCode();
        ProcessInstance pi = archiveOf(register(code, "杭州停机便利有限公司"));
        u8.answer503(true);

        ProcessTests.JobIncident failed = runUntilIncident(pi, Task.ADD_CUSTOMER_TO_U8);

        assertThat(failed.attempts()).as("R5/PT1M").isEqualTo(5);
        assertThat(failed.incident().getIncidentMessage()).contains("HTTP 503");
        assertThat(u8.customerArchive()).doesNotContain(code);

        u8.answer503(false);
        managementService().setJobRetries(failed.job().getId(), 1);
        execute(jobQuery().jobId(failed.job().getId()).singleResult());
        assertThat(pi).isEnded();
        assertThat(u8.customerAdds()).containsExactly(entry(code, 1));
    }

    @Test
    void anInvoiceForACustomerWhoseAddIsPendingAddsTheCustomerFirstAndU8TakesTheInvoice() {
        String rep = "zhangwei";
        String quotePi = support.quote(rep).processInstanceId();
        String customerId = (String) runtimeService().getVariable(quotePi, QuoteToInvoiceProcess.Vars.CUSTOMER_ID);
        String code = support.creditCodeOf(customerId);
        ProcessInstance archive = archiveOf(customerId);
        u8.answer503(true);
        assertThatThrownBy(() -> execute(job(Task.ADD_CUSTOMER_TO_U8, archive))).isNotNull();
        u8.answer503(false);

        ProcessInstance quote = processInstance(quotePi);
        support.toHandOff(quotePi, rep);
        support.executeJob(quotePi, QuoteToInvoiceProcess.Task.HAND_OFF_TO_U8);

        assertThat(quote).hasPassed(QuoteToInvoiceProcess.Task.HAND_OFF_TO_U8);
        assertThat(support.count("SELECT COUNT(*) FROM invoice_request WHERE status = 'ACCEPTED'")).isOne();
        assertThat(u8.customerAdds()).containsExactly(entry(code, 1));
        assertThat(u8.acceptedBodies()).singleElement().satisfies(b -> {
            assertThat(b.path("saleinvoice").path("customercode").asText()).isEqualTo(code);
            assertThat(b.path("saleinvoice").path("define1").asText()).isEqualTo(U8StandIn.SELLER_TAX_NUMBER);
        });
        // the archive's own job, retried later, sends nothing more
        managementService().setJobRetries(job(Task.ADD_CUSTOMER_TO_U8, archive).getId(), 1);
        execute(job(Task.ADD_CUSTOMER_TO_U8, archive));
        assertThat(archive).isEnded().variables().containsEntry(Vars.U8_OUTCOME, "ALREADY_ACCEPTED");
        assertThat(u8.customerAdds()).containsExactly(entry(code, 1));
    }
}
