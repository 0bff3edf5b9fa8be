package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.quote.QuoteTestSupport.FINANCE;
import static org.leadtocash.quote.QuoteTestSupport.REP;
import static org.leadtocash.support.ProcessTests.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.company.CompanyField;
import org.leadtocash.company.CompanyProfile;
import org.leadtocash.company.CompanyProfileEdit;
import org.leadtocash.company.CompanyProfileFixtures;
import org.leadtocash.quote.QuoteToInvoiceProcess.Event;
import org.leadtocash.quote.QuoteToInvoiceProcess.Task;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.lead.LicenceFields;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.Licences;
import org.leadtocash.support.ProcessTests;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bpmn/quote-to-invoice.bpmn} end to end on the real engine: the straight path to an exported invoice, the
 * revise loop, the rejected end, the clause-change confirmation branch, the counted legal-return loop, the U8
 * business rejection → finance → resend, 5xx → retries → incident → recovery, the Tasklist start form, and the
 * refusals at every step (invalid input keeps the task open and names the field).
 */
@AppTest
class QuoteToInvoiceProcessTests {
    @Autowired RuntimeService runtimeService;
    @Autowired QuoteTestSupport support;
    @Autowired Quotes quotes;
    @Autowired Contracts contracts;
    @Autowired InvoiceRequests invoiceRequests;
    @Autowired ClauseLibrary library;
    @Autowired JdbcClient jdbc;
    @Autowired CompanyProfileFixtures company;
    @Autowired CompanyProfile companyProfile;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        support.reset();
    }

    @AfterEach
    void tearDown() {
        company.restoreDemo();
        support.reset();
        ClauseTestTypes.drop(jdbc);
    }

    // --- the straight path ----------------------------------------------------------------------------------------

    @Test
    void quoteGoesThroughLegalToAnInvoiceRequestExportedForFinanceWhenNoU8IsConfigured() {
        String customer = support.customerOf("zhangwei");
        LocalDate delivery = TestData.today().plusDays(45);
        Quotes.Started started = support.start("zhangwei",
                QuoteTestSupport.request(customer, "KA", delivery, "JM-200", 2, "SAAS-QT", 1));
        ProcessInstance pi = processInstance(started.processInstanceId());
        assertThat(pi).hasBusinessKey(started.quoteId()).hasPassed(Task.ASSEMBLE_QUOTE).isWaitingAt(Task.EDIT_QUOTE);
        assertThat(pi).task().isAssignedTo("zhangwei");

        Quote assembled = quotes.get(started.quoteId());
        assertThat(assembled.rebateRate()).isEqualByComparingTo("0.08");
        assertThat(assembled.lines()).extracting(PricedLine::productModel).containsExactly("JM-200", "SAAS-QT");
        // 2 × 128000 × 0.92 = 235520.00; 36000 × 0.92 = 33120.00
        assertThat(assembled.lines().get(0).totalAmount()).isEqualByComparingTo("235520.00");
        assertThat(assembled.total()).isEqualByComparingTo("268640.00");
        assertThat(assembled.netTotal().add(assembled.taxTotal())).isEqualByComparingTo(assembled.total());
        assertThat(assembled.clauses()).extracting(AttachedClause::typeCode)
                .containsExactly("FORCE_MAJEURE", "IP_OWNERSHIP", "PAYMENT_TERMS", "TECHNICAL_AGREEMENT", "WARRANTY");
        assertThat(assembled.clauses()).allSatisfy(c -> assertThat(c.version()).isEqualTo(library.latest(c.typeCode()).version()));

        // the rep lowers the mould's price and moves the delivery date
        Map<String, Object> edit = new HashMap<>();
        edit.put(Vars.LINES, QuoteJson.variable(support.linesWithPrice(pi.getId(), 1, "120000.00")));
        edit.put(Vars.DELIVERY_DATE, delivery.plusDays(5).toString());
        completeAs("zhangwei", REP, task(Task.EDIT_QUOTE, pi), edit);
        assertThat(pi).hasPassed(Task.APPLY_QUOTE_EDITS).isWaitingAt(Task.RECORD_CUSTOMER_ANSWER);
        Quote edited = quotes.get(started.quoteId());
        assertThat(edited.lines().get(0).unitPriceInclTax()).isEqualByComparingTo("120000.00");
        assertThat(edited.lines().get(0).totalAmount()).isEqualByComparingTo("220800.00");
        assertThat(edited.deliveryDate()).isEqualTo(delivery.plusDays(5));
        assertThat(edited.total()).isEqualByComparingTo("253920.00");

        support.answer(pi.getId(), "zhangwei", "ACCEPTED", null);
        assertThat(pi).hasPassed(Task.DRAFT_CONTRACT).hasNotPassed(Task.CONFIRM_CLAUSE_CHANGES)
                .isWaitingAt(Task.REVIEW_CONTRACT);
        String contractId = (String) runtimeService.getVariable(pi.getId(), Vars.CONTRACT_ID);
        Contract drafted = contracts.get(contractId);
        assertThat(drafted.clauseChanges()).isNull();
        assertThat(drafted.total()).isEqualByComparingTo("253920.00");
        assertThat(drafted.status()).isEqualTo(ContractStatus.IN_REVIEW);
        assertThat(quotes.get(started.quoteId()).status()).isEqualTo(QuoteStatus.ACCEPTED);
        assertThat(pi).task().hasCandidateGroup("legal");

        support.review(pi.getId(), "APPROVE", null);
        Contract approved = contracts.get(contractId);
        assertThat(approved.status()).isEqualTo(ContractStatus.APPROVED);
        assertThat(approved.approvedBy()).isEqualTo("zhoujie");
        assertThat(approved.clausesCurrentAtApproval()).isTrue();
        assertThat(approved.attachmentsComplete()).isTrue();
        assertThat(jdbc.sql("SELECT amount_cny FROM signed_deal WHERE reference = ?").param(contractId).query(BigDecimal.class).single())
                .isEqualByComparingTo("253920.00");
        // legal's approval is committed before the invoice request is created
        assertThat(pi).isWaitingAt(Task.CREATE_INVOICE_REQUEST);

        execute(job(Task.CREATE_INVOICE_REQUEST, pi));
        assertThat(pi).isWaitingAt(Task.HAND_OFF_TO_U8);
        InvoiceRequest request = invoiceRequests.find((String) runtimeService.getVariable(pi.getId(), Vars.INVOICE_REQUEST_ID));
        assertThat(request.totalAmount()).isEqualByComparingTo("253920.00");
        assertThat(request.netAmount().add(request.taxAmount())).isEqualByComparingTo(request.totalAmount());
        assertThat(request.bankName()).isEqualTo("中国工商银行上海张江支行");
        assertThat(request.bankAccount()).isEqualTo("1001 2345 6789 0123 456");
        assertThat(request.lines()).extracting(InvoiceLine::taxRate).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("0.13"), new BigDecimal("0.06"));

        execute(job(Task.HAND_OFF_TO_U8, pi));
        assertThat(pi).isEnded().hasPassed(Event.INVOICE_EXPORTED_NOT_SENT).hasNotPassed(Event.INVOICE_HANDED_OFF);
        assertThat(invoiceRequests.find(request.id()).status()).isEqualTo("EXPORTED_NOT_SENT");
        assertThat(pi).variables().containsEntry(Vars.U8_OUTCOME, "EXPORTED_NOT_SENT");

        // the payment journey takes over (R-20 ①): one PaymentJourneyProcess keyed by the invoice request
        assertThat(pi).hasPassed(Task.START_PAYMENT_JOURNEY);
        var journey = runtimeService.createProcessInstanceQuery().processDefinitionKey(org.leadtocash.payment.PaymentJourneyProcess.KEY)
                .processInstanceBusinessKey(request.id()).singleResult();
        assertThat(journey).as("payment journey of " + request.id()).isNotNull();
        assertThat(pi).variables().containsEntry(Vars.PAYMENT_JOURNEY_ID, request.id());
    }

    // --- the customer's answer -------------------------------------------------------------------------------------

    @Test
    void reviseLoopsBackToEditingWithTheNextRevision() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.editUnchanged(pi.getId(), "zhangwei");
        Map<String, Object> answer = new HashMap<>();
        answer.put(Vars.CUSTOMER_ANSWER, "REVISE");
        answer.put(Vars.REVISE_NOTE, "客户希望网关单价降到3500元");
        completeAs("zhangwei", REP, task(Task.RECORD_CUSTOMER_ANSWER, pi), answer);

        assertThat(pi).isWaitingAt(Task.EDIT_QUOTE).hasNotPassed(Task.DRAFT_CONTRACT, Event.QUOTE_REJECTED);
        String quoteId = (String) runtimeService.getVariable(pi.getId(), Vars.QUOTE_ID);
        assertThat(quotes.get(quoteId).revision()).isEqualTo(2);
        assertThat(quotes.get(quoteId).status()).isEqualTo(QuoteStatus.OPEN);
        assertThat(quotes.get(quoteId).answerNote()).isEqualTo("客户希望网关单价降到3500元");
        assertThat(runtimeService.getVariable(pi.getId(), Vars.REVISION)).isEqualTo(2);

        Map<String, Object> edit = new HashMap<>();
        edit.put(Vars.LINES, QuoteJson.variable(support.linesWithPrice(pi.getId(), 2, "3500.00")));
        edit.put(Vars.DELIVERY_DATE, TestData.today().plusDays(30).toString());
        completeAs("zhangwei", REP, task(Task.EDIT_QUOTE, pi), edit);
        support.answer(pi.getId(), "zhangwei", "ACCEPTED", null);

        assertThat(pi).isWaitingAt(Task.REVIEW_CONTRACT);
        Contract contract = contracts.get((String) runtimeService.getVariable(pi.getId(), Vars.CONTRACT_ID));
        assertThat(contract.quoteRevision()).isEqualTo(2);
        assertThat(contract.lines().get(1).unitPriceInclTax()).isEqualByComparingTo("3500.00");
    }

    @Test
    void rejectionWithoutAReasonIsRefusedAndKeepsTheAnswerTask() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.editUnchanged(pi.getId(), "zhangwei");

        assertThatThrownBy(() -> support.answer(pi.getId(), "zhangwei", "REJECTED", "  "))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.REJECT_REASON));

        assertThat(pi).isWaitingAt(Task.RECORD_CUSTOMER_ANSWER);
    }

    @Test
    void rejectedQuoteEndsWithTheReason() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.editUnchanged(pi.getId(), "zhangwei");

        support.answer(pi.getId(), "zhangwei", "REJECTED", "客户选择了竞争对手，价格高出12%");

        assertThat(pi).isEnded().hasPassed(Event.QUOTE_REJECTED).hasNotPassed(Task.DRAFT_CONTRACT);
        Quote quote = quotes.get(pi.getBusinessKey());
        assertThat(quote.status()).isEqualTo(QuoteStatus.REJECTED);
        assertThat(quote.answerNote()).isEqualTo("客户选择了竞争对手，价格高出12%");
        assertThat(support.count("SELECT COUNT(*) FROM contract")).isZero();
    }

    @Test
    void editWithAPastDeliveryDateOrAChangedQuantityIsRefusedNamingTheFields() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        List<Map<String, Object>> lines = support.linesWithPrice(pi.getId(), 1, "0");
        lines.get(1).put("quantity", 5);
        Map<String, Object> edit = new HashMap<>();
        edit.put(Vars.LINES, QuoteJson.variable(lines));
        edit.put(Vars.DELIVERY_DATE, TestData.today().minusDays(3).toString());

        assertThatThrownBy(() -> completeAs("zhangwei", REP, task(Task.EDIT_QUOTE, pi), edit))
                .satisfies(e -> assertThat(messages(e)).contains("lines[0].unitPriceInclTax", "lines[1].quantity",
                        Vars.DELIVERY_DATE));
        assertThat(pi).isWaitingAt(Task.EDIT_QUOTE);
        assertThat(quotes.get(pi.getBusinessKey()).lines().get(1).quantity()).isEqualByComparingTo("2");
    }

    // --- contract: newer locked clause, legal returns ----------------------------------------------------------------

    @Test
    void newerLockedClausePublishedAfterTheQuoteIsTakenByTheContractAndConfirmedByTheRep() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        ClauseVersion before = library.latest("IP_OWNERSHIP");
        support.editUnchanged(pi.getId(), "zhangwei");
        ClauseVersion newer = support.publish("IP_OWNERSHIP", before.text().replace("保密期限为合同终止后五年", "保密期限为合同终止后十年"));

        support.answer(pi.getId(), "zhangwei", "ACCEPTED", null);

        assertThat(pi).hasPassed(Task.DRAFT_CONTRACT).isWaitingAt(Task.CONFIRM_CLAUSE_CHANGES);
        assertThat(pi).task().isAssignedTo("zhangwei");
        String changes = (String) runtimeService.getVariable(pi.getId(), Vars.CLAUSE_CHANGES);
        assertThat(changes).contains("知识产权归属 IP ownership", "第" + before.version() + "版 v" + before.version(),
                "第" + newer.version() + "版 v" + newer.version(), "【五】", "【十】");
        assertThat(runtimeService.getVariable(pi.getId(), Vars.CLAUSE_CHANGES_FOUND)).isEqualTo(true);
        Contract contract = contracts.get((String) runtimeService.getVariable(pi.getId(), Vars.CONTRACT_ID));
        AttachedClause ip = contract.clauses().stream().filter(c -> c.typeCode().equals("IP_OWNERSHIP")).findFirst().orElseThrow();
        assertThat(ip.version()).isEqualTo(newer.version());
        assertThat(ip.quoteVersion()).isEqualTo(before.version());
        assertThat(ip.text()).contains("十年");
        // the quote keeps what the customer accepted
        assertThat(quotes.get(pi.getBusinessKey()).clauses()).filteredOn(c -> c.typeCode().equals("IP_OWNERSHIP"))
                .extracting(AttachedClause::version).containsExactly(before.version());
        // the task shows the contract's clauses
        assertThat(taskService().getVariableLocal(task(Task.CONFIRM_CLAUSE_CHANGES, pi).getId(), Vars.CLAUSE_LIST).toString())
                .contains("十年");

        assertThatThrownBy(() -> completeAs("zhangwei", REP, task(Task.CONFIRM_CLAUSE_CHANGES, pi),
                Map.of(Vars.CLAUSE_CHANGES_ACKNOWLEDGED, false)))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.CLAUSE_CHANGES_ACKNOWLEDGED));
        completeAs("zhangwei", REP, task(Task.CONFIRM_CLAUSE_CHANGES, pi), Map.of(Vars.CLAUSE_CHANGES_ACKNOWLEDGED, true));

        assertThat(pi).hasPassed(Task.RECORD_CLAUSE_CONFIRMATION).isWaitingAt(Task.REVIEW_CONTRACT);
        assertThat(contracts.get(contract.id()).clauseChangesConfirmedAt()).isNotNull();
        support.review(pi.getId(), "APPROVE", null);
        assertThat(contracts.get(contract.id()).clausesCurrentAtApproval()).isTrue();
    }

    @Test
    void legalReturnsAreCountedAndEachRevisionGoesBackToLegal() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.toLegalReview(pi.getId(), "zhangwei");
        String contractId = (String) runtimeService.getVariable(pi.getId(), Vars.CONTRACT_ID);

        assertThatThrownBy(() -> support.review(pi.getId(), "RETURN", null))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.RETURN_REASON));
        assertThat(pi).isWaitingAt(Task.REVIEW_CONTRACT);

        support.review(pi.getId(), "RETURN", "交货期过短，模具试模至少需要45天");
        assertThat(pi).isWaitingAt(Task.REVISE_CONTRACT);
        assertThat(pi).task().isAssignedTo("zhangwei");
        assertThat(runtimeService.getVariable(pi.getId(), Vars.RETURN_REASON)).isEqualTo("交货期过短，模具试模至少需要45天");
        assertThat(contracts.get(contractId).status()).isEqualTo(ContractStatus.RETURNED);
        assertThat(contracts.get(contractId).legalReturns()).isEqualTo(1);

        Map<String, Object> revision = new HashMap<>();
        revision.put(Vars.LINES, QuoteJson.variable(support.currentLines(pi.getId())));
        revision.put(Vars.DELIVERY_DATE, TestData.today().plusDays(60).toString());
        assertThatThrownBy(() -> completeAs("zhangwei", REP, task(Task.REVISE_CONTRACT, pi), revision))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.REVISION_NOTE));
        revision.put(Vars.REVISION_NOTE, "交货期改为60天");
        completeAs("zhangwei", REP, task(Task.REVISE_CONTRACT, pi), revision);

        assertThat(pi).hasPassed(Task.APPLY_CONTRACT_REVISION).isWaitingAt(Task.REVIEW_CONTRACT);
        assertThat(contracts.get(contractId).deliveryDate()).isEqualTo(TestData.today().plusDays(60));
        assertThat(contracts.get(contractId).status()).isEqualTo(ContractStatus.IN_REVIEW);
        assertThat(runtimeService.getVariable(pi.getId(), Vars.LEGAL_RETURNS)).isEqualTo(1);

        support.review(pi.getId(), "RETURN", "付款条款需注明预付款比例");
        revision.put(Vars.REVISION_NOTE, "已与客户确认按标准付款条款执行");
        completeAs("zhangwei", REP, task(Task.REVISE_CONTRACT, pi), revision);
        support.review(pi.getId(), "APPROVE", null);

        assertThat(pi).isWaitingAt(Task.CREATE_INVOICE_REQUEST);
        Contract approved = contracts.get(contractId);
        assertThat(approved.legalReturns()).isEqualTo(2);
        assertThat(approved.reviews()).extracting(ContractReview::decision).containsExactly(
                QuoteToInvoiceProcess.ReviewDecision.RETURN, QuoteToInvoiceProcess.ReviewDecision.RETURN,
                QuoteToInvoiceProcess.ReviewDecision.APPROVE);
        assertThat(approved.reviews()).extracting(ContractReview::round).containsExactly(1, 2, 3);
        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(Task.REVIEW_CONTRACT).count()).isEqualTo(3);
    }

    @Test
    void onlyAMemberOfLegalCanRecordTheReview() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.toLegalReview(pi.getId(), "zhangwei");

        assertThatThrownBy(() -> completeAs("admin", List.of(Groups.ADMIN), task(Task.REVIEW_CONTRACT, pi),
                Map.of(Vars.REVIEW_DECISION, "APPROVE")))
                .satisfies(e -> assertThat(messages(e)).contains("legal-only", Vars.REVIEW_DECISION));
        assertThat(pi).isWaitingAt(Task.REVIEW_CONTRACT);
        assertThat(support.count("SELECT COUNT(*) FROM contract_review")).isZero();
    }

    // --- U8 hand-off --------------------------------------------------------------------------------------------------

    @Test
    void u8BusinessRejectionGoesToFinanceWhoseCorrectionIsSentAgainAndAcceptedOnce() throws Exception {
        try (U8StandIn u8 = new U8StandIn()) {
            support.useU8(u8);
            ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
            support.toHandOff(pi.getId(), "zhangwei");
            String requestId = (String) runtimeService.getVariable(pi.getId(), Vars.INVOICE_REQUEST_ID);
            u8.rejectNext("30215", "收款银行账号与开户行不匹配");

            execute(job(Task.HAND_OFF_TO_U8, pi));

            assertThat(pi).hasPassed(Event.U8_REJECTED).isWaitingAt(Task.FIX_INVOICE_DATA);
            assertThat(pi).task().hasCandidateGroup("finance");
            assertThat(runtimeService.getVariable(pi.getId(), Vars.U8_ERROR)).isEqualTo("30215 收款银行账号与开户行不匹配");
            assertThat(invoiceRequests.find(requestId).status()).isEqualTo("REJECTED");
            assertThat(support.count("SELECT COUNT(*) FROM invoice_handoff_verdict WHERE outcome = 'REJECTED'")).isOne();

            Map<String, Object> fix = new HashMap<>();
            fix.put(Vars.INVOICE_CUSTOMER_NAME, runtimeService.getVariable(pi.getId(), Vars.INVOICE_CUSTOMER_NAME));
            fix.put(Vars.INVOICE_CUSTOMER_CREDIT_CODE, runtimeService.getVariable(pi.getId(), Vars.INVOICE_CUSTOMER_CREDIT_CODE));
            fix.put(Vars.BANK_NAME, "中国工商银行上海分行营业部");
            fix.put(Vars.BANK_ACCOUNT, "1001 2345 6789 0000 888");
            fix.put(Vars.FIX_NOTE, "按U8开户行档案更正");
            completeAs("wufang", FINANCE, task(Task.FIX_INVOICE_DATA, pi), fix);

            assertThat(pi).hasPassed(Task.APPLY_INVOICE_FIX).isWaitingAt(Task.HAND_OFF_TO_U8);
            assertThat(invoiceRequests.find(requestId).bankAccount()).isEqualTo("1001 2345 6789 0000 888");
            assertThat(jdbc.sql("SELECT changes FROM invoice_fix WHERE invoice_request_id = ?").param(requestId)
                    .query(String.class).single()).contains("bankAccount: 1001 2345 6789 0123 456 → 1001 2345 6789 0000 888");

            execute(job(Task.HAND_OFF_TO_U8, pi));

            assertThat(pi).isEnded().hasPassed(Event.INVOICE_HANDED_OFF).hasNotPassed(Event.INVOICE_EXPORTED_NOT_SENT);
            assertThat(u8.adds()).isEqualTo(2);
            assertThat(u8.acceptedAdds(requestId)).isOne();
            assertThat(invoiceRequests.find(requestId).status()).isEqualTo("ACCEPTED");
            assertThat(u8.addBodies().get(1).toString()).contains("1001 2345 6789 0000 888");
        }
    }

    @Test
    void invalidFinanceCorrectionIsRefusedNamingEveryField() throws Exception {
        try (U8StandIn u8 = new U8StandIn()) {
            support.useU8(u8);
            ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
            support.toHandOff(pi.getId(), "zhangwei");
            u8.rejectNext("30102", "客户编码不存在");
            execute(job(Task.HAND_OFF_TO_U8, pi));

            Map<String, Object> fix = new HashMap<>();
            fix.put(Vars.INVOICE_CUSTOMER_NAME, " ");
            fix.put(Vars.INVOICE_CUSTOMER_CREDIT_CODE, "91310000MA1K4QX15X");
            fix.put(Vars.BANK_NAME, "中国工商银行");
            fix.put(Vars.BANK_ACCOUNT, "账号12");
            assertThatThrownBy(() -> completeAs("wufang", FINANCE, task(Task.FIX_INVOICE_DATA, pi), fix))
                    .satisfies(e -> assertThat(messages(e)).contains(Vars.INVOICE_CUSTOMER_NAME,
                            Vars.INVOICE_CUSTOMER_CREDIT_CODE, Vars.BANK_ACCOUNT));
            assertThat(pi).isWaitingAt(Task.FIX_INVOICE_DATA);
        }
    }

    @Test
    void u8ServerErrorsRetryFiveTimesThenBecomeAnIncidentAndARetryAfterRecoveryHandsOffOnce() throws Exception {
        try (U8StandIn u8 = new U8StandIn()) {
            support.useU8(u8);
            ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
            support.toHandOff(pi.getId(), "zhangwei");
            String requestId = (String) runtimeService.getVariable(pi.getId(), Vars.INVOICE_REQUEST_ID);
            for (int i = 0; i < 5; i++) {
                u8.answerNextWith(500, "<html>502 Bad Gateway</html>");
            }

            JobIncident failed = runUntilIncident(pi, Task.HAND_OFF_TO_U8);

            assertThat(failed.attempts()).as("R5/PT1M").isEqualTo(5);
            assertThat(failed.incident()).isNotNull();
            assertThat(failed.incident().getActivityId()).isEqualTo(Task.HAND_OFF_TO_U8);
            assertThat(pi).isWaitingAt(Task.HAND_OFF_TO_U8).hasNotPassed(Event.U8_REJECTED);
            assertThat(support.count("SELECT COUNT(*) FROM invoice_handoff_verdict")).isZero();
            assertThat(u8.acceptedAdds(requestId)).isZero();

            // U8 is back: the operator retries the job in Cockpit
            managementService().setJobRetries(failed.job().getId(), 1);
            execute(failed.job());

            assertThat(pi).isEnded().hasPassed(Event.INVOICE_HANDED_OFF);
            assertThat(u8.acceptedAdds(requestId)).isOne();
            assertThat(invoiceRequests.find(requestId).status()).isEqualTo("ACCEPTED");
        }
    }

    // --- company profile (R-43) ---------------------------------------------------------------------------------------

    @Test
    void anIncompleteCompanyProfileMakesTheInvoiceRequestAnIncidentNamingTheFieldsAndARetryAfterTheAdminCompletesItSucceeds() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.toLegalReview(pi.getId(), "zhangwei");
        support.review(pi.getId(), "APPROVE", null);
        company.without(CompanyField.BANK_NAME, CompanyField.BANK_ACCOUNT);

        JobIncident failed = runUntilIncident(pi, Task.CREATE_INVOICE_REQUEST);

        assertThat(failed.incident()).isNotNull();
        assertThat(failed.incident().getActivityId()).isEqualTo(Task.CREATE_INVOICE_REQUEST);
        assertThat(failed.incident().getIncidentMessage())
                .contains("开户行 bank name (bankName)", "银行账号 bank account (bankAccount)", "生成开票申请")
                .doesNotContain("sellerName", "taxNumber");
        assertThat(support.count("SELECT COUNT(*) FROM invoice_request")).as("no invoice without our bank").isZero();

        // the administrator completes the profile; the operator retries the job in Cockpit
        companyProfile.save(new CompanyProfileEdit("上海云帆智能科技有限公司", "91310115MA1K3YFANN", "上海市浦东新区张江路 88 号",
                "中国银行上海浦东分行", "4388 0000 1234 5678", null), "admin");
        managementService().setJobRetries(failed.job().getId(), 1);
        execute(failed.job());

        assertThat(pi).isWaitingAt(Task.HAND_OFF_TO_U8);
        InvoiceRequest request = invoiceRequests.find((String) runtimeService.getVariable(pi.getId(), Vars.INVOICE_REQUEST_ID));
        assertThat(request.bankName()).isEqualTo("中国银行上海浦东分行");
        assertThat(request.bankAccount()).isEqualTo("4388 0000 1234 5678");
    }

    @Test
    void anIncompleteCompanyProfileHoldsTheU8HandOffAsAnIncidentAndNothingIsSentUntilItIsComplete() throws Exception {
        try (U8StandIn u8 = new U8StandIn()) {
            support.useU8(u8);
            ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
            support.toHandOff(pi.getId(), "zhangwei");
            String requestId = (String) runtimeService.getVariable(pi.getId(), Vars.INVOICE_REQUEST_ID);
            company.without(CompanyField.TAX_NUMBER);

            JobIncident failed = runUntilIncident(pi, Task.HAND_OFF_TO_U8);

            assertThat(failed.incident()).isNotNull();
            assertThat(failed.incident().getActivityId()).isEqualTo(Task.HAND_OFF_TO_U8);
            assertThat(failed.incident().getIncidentMessage()).contains("纳税人识别号 taxpayer id (taxNumber)", "U8")
                    .doesNotContain("bankAccount");
            assertThat(u8.adds()).as("nothing reached U8").isZero();

            company.restoreDemo();
            managementService().setJobRetries(failed.job().getId(), 1);
            execute(failed.job());

            assertThat(pi).isEnded().hasPassed(Event.INVOICE_HANDED_OFF);
            assertThat(u8.acceptedAdds(requestId)).isOne();
        }
    }

    // --- Tasklist start form ------------------------------------------------------------------------------------------

    @Test
    void startFormQuotesAnOwnedCustomerByCreditCodeWithTheQuoteIdAsBusinessKey() {
        String customer = support.customerOf("lina", "COMMUNITY");
        Map<String, Object> form = new HashMap<>();
        form.put(Vars.CREDIT_CODE, support.creditCodeOf(customer));
        form.put(Vars.CUSTOMER_TIER, "COMMUNITY");
        form.put(Vars.PRODUCT_MODEL, "GW-100");
        form.put(Vars.QUANTITY, 10);
        form.put(Vars.DELIVERY_DATE, TestData.today().plusDays(20).toString());

        ProcessInstance started = startByFormAs("lina", REP, QuoteToInvoiceProcess.KEY, form);

        ProcessInstance pi = processInstance(started.getId());
        assertThat(pi).isWaitingAt(Task.EDIT_QUOTE).task().isAssignedTo("lina");
        Quote quote = quotes.get(pi.getBusinessKey());
        assertThat(quote.repId()).isEqualTo("lina");
        assertThat(quote.customerId()).isEqualTo(customer);
        assertThat(quote.rebateRate()).isEqualByComparingTo("0.05");
        // 10 × 3980 × 0.95 = 37810.00
        assertThat(quote.total()).isEqualByComparingTo("37810.00");
        assertThat(quote.processInstanceId()).isEqualTo(pi.getId());
        assertThat(runtimeService.getVariable(pi.getId(), Vars.QUOTE_INITIATOR)).isEqualTo("lina");
    }

    @Test
    void startFormForACustomerOwnedByAnotherRepIsRefusedNamingTheFieldAndStoresNothing() {
        String customer = support.customerOf("zhangwei");
        Map<String, Object> form = new HashMap<>();
        form.put(Vars.CUSTOMER_ID, customer);
        form.put(Vars.CUSTOMER_TIER, "KA");
        form.put(Vars.PRODUCT_MODEL, "JM-200");
        form.put(Vars.QUANTITY, 1);
        form.put(Vars.DELIVERY_DATE, TestData.today().plusDays(20).toString());

        assertThatThrownBy(() -> startByFormAs("lina", REP, QuoteToInvoiceProcess.KEY, form))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.CUSTOMER_ID, customer, "owned-customer"));

        assertThat(support.count("SELECT COUNT(*) FROM quote")).isZero();
        assertThat(processInstanceQuery().processDefinitionKey(QuoteToInvoiceProcess.KEY).count()).isZero();
    }

    // --- stale locked clauses (R-11) -------------------------------------------------------------------------------

    @Test
    void aLockedClausePublishedDuringReviewSendsTheContractBackToTheRepAndThenToLegal() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.toLegalReview(pi.getId(), "zhangwei");
        String contractId = (String) runtimeService.getVariable(pi.getId(), Vars.CONTRACT_ID);
        ClauseVersion before = library.latest("IP_OWNERSHIP");

        ClauseVersion newer = support.publish("IP_OWNERSHIP", before.text().replace("保密期限为合同终止后五年", "保密期限为合同终止后八年"));
        ProcessInstance watch = lockedClauseWatch(newer);
        assertThat(watch).isWaitingAt(LockedClauseEffectiveProcess.Event.CLAUSE_EFFECTIVE);
        assertThat(pi).as("nothing moves before the effective date's timer fired").isWaitingAt(Task.REVIEW_CONTRACT);
        execute(job(LockedClauseEffectiveProcess.Event.CLAUSE_EFFECTIVE, watch));
        execute(job(LockedClauseEffectiveProcess.Task.REOPEN_STALE_CONTRACTS, watch));

        assertThat(watch).isEnded().variables().containsEntry(LockedClauseEffectiveProcess.Vars.REOPENED_CONTRACTS, contractId);
        assertThat(pi).hasPassed(Task.REFRESH_LOCKED_CLAUSES).isWaitingAt(Task.CONFIRM_CLAUSE_CHANGES);
        assertThat(pi).task().isAssignedTo("zhangwei");
        assertThat((String) runtimeService.getVariable(pi.getId(), Vars.CLAUSE_CHANGES)).contains("知识产权归属",
                "第" + newer.version() + "版 v" + newer.version(), "【八】");
        Contract contract = contracts.get(contractId);
        assertThat(contract.clauses()).filteredOn(c -> c.typeCode().equals("IP_OWNERSHIP")).singleElement()
                .satisfies(c -> assertThat(c.versionId()).isEqualTo(newer.id()));
        assertThat(contract.clauseChangesConfirmedAt()).isNull();
        assertThat(contract.status()).isEqualTo(ContractStatus.IN_REVIEW);

        completeAs("zhangwei", REP, task(Task.CONFIRM_CLAUSE_CHANGES, pi), Map.of(Vars.CLAUSE_CHANGES_ACKNOWLEDGED, true));
        assertThat(pi).isWaitingAt(Task.REVIEW_CONTRACT);
        support.review(pi.getId(), "APPROVE", null);
        assertThat(pi).hasPassed(Task.RECORD_CONTRACT_REVIEW);
        assertThat(contracts.get(contractId).clausesCurrentAtApproval()).isTrue();
    }

    @Test
    void aLockedClausePublishedWhileTheRepRevisesBringsTheContractBackToHisConfirmation() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.toLegalReview(pi.getId(), "zhangwei");
        support.review(pi.getId(), "RETURN", "交货期过短");
        assertThat(pi).isWaitingAt(Task.REVISE_CONTRACT);

        ClauseVersion newer = support.publish("FORCE_MAJEURE", library.latest("FORCE_MAJEURE").text() + "\n五、疫情防控措施视为不可抗力。");
        ProcessInstance watch = lockedClauseWatch(newer);
        execute(job(LockedClauseEffectiveProcess.Event.CLAUSE_EFFECTIVE, watch));
        execute(job(LockedClauseEffectiveProcess.Task.REOPEN_STALE_CONTRACTS, watch));

        assertThat(pi).isWaitingAt(Task.CONFIRM_CLAUSE_CHANGES);
        assertThat((String) runtimeService.getVariable(pi.getId(), Vars.CLAUSE_CHANGES)).contains("不可抗力", "疫情防控");
    }

    @Test
    void legalCannotApproveAContractWithAnOutdatedLockedClause() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.toLegalReview(pi.getId(), "zhangwei");
        String contractId = (String) runtimeService.getVariable(pi.getId(), Vars.CONTRACT_ID);
        // the new version is in force, the effective-date timer has not fired yet
        support.publish("IP_OWNERSHIP", "知识产权条款（测试修订版）：双方各自的既有知识产权归各自所有。");

        assertThatThrownBy(() -> support.review(pi.getId(), "APPROVE", null))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.REVIEW_DECISION, "stale-locked-clause", "知识产权归属",
                        "不能批准"));

        assertThat(pi).isWaitingAt(Task.REVIEW_CONTRACT);
        Contract contract = contracts.get(contractId);
        assertThat(contract.status()).isEqualTo(ContractStatus.IN_REVIEW);
        assertThat(contract.approvedAt()).isNull();
        assertThat(contract.reviews()).isEmpty();
        // a return is still possible
        support.review(pi.getId(), "RETURN", "请按新版知识产权条款重签");
        assertThat(pi).isWaitingAt(Task.REVISE_CONTRACT);
    }

    @Test
    void theReviewIsRecordedApartFromTheOneTimeSigningAndContractTotalIsThereForTheOwnersConditions() {
        ProcessInstance pi = processInstance(support.quote("zhangwei").processInstanceId());
        support.toLegalReview(pi.getId(), "zhangwei");
        String contractId = (String) runtimeService.getVariable(pi.getId(), Vars.CONTRACT_ID);
        assertThat((Double) runtimeService.getVariable(pi.getId(), Vars.CONTRACT_TOTAL))
                .isEqualTo(contracts.get(contractId).total().doubleValue());

        support.review(pi.getId(), "APPROVE", null);

        assertThat(pi).hasPassed(Task.RECORD_CONTRACT_REVIEW, Task.SIGN_CONTRACT);
        Contract signed = contracts.get(contractId);
        assertThat(signed.status()).isEqualTo(ContractStatus.APPROVED);
        assertThat(signed.approvedBy()).isEqualTo("zhoujie");
        assertThat(contracts.sign(contractId).approvedAt()).as("signing is one-time").isEqualTo(signed.approvedAt());
    }

    /** The LockedClauseEffectiveProcess instance the publication started (business key TYPE-vN). */
    private static ProcessInstance lockedClauseWatch(ClauseVersion published) {
        ProcessInstance watch = processInstanceQuery().processDefinitionKey(LockedClauseEffectiveProcess.KEY)
                .processInstanceBusinessKey(published.typeCode() + "-v" + published.version()).singleResult();
        assertThat(watch).as("watch of " + published.typeCode() + " v" + published.version()).isNotNull();
        return watch;
    }

    // --- one action: a new customer from the business licence → the quote and its PDF link (R-30) ---------------------

    private static Map<String, Object> newCustomerForm(String creditCode, String name, String tier) {
        Map<String, Object> form = new HashMap<>(Licences.licence(creditCode, name, tier));
        form.put(Vars.NEW_CUSTOMER, true);
        form.put(LicenceFields.REGISTERED_CAPITAL, 50.5); // the form's number field submits a number
        form.put(Vars.PRODUCT_MODEL, "GW-100");
        form.put(Vars.QUANTITY, 10);
        form.put(Vars.DELIVERY_DATE, TestData.today().plusDays(20).toString());
        return form;
    }

    @Test
    void startFormWithANewCustomersLicenceRecordsTheCustomerAndTheQuoteAndGivesThePdfLink() {
        String code = TestData.creditCode();

        ProcessInstance started = startByFormAs("zhangwei", REP, QuoteToInvoiceProcess.KEY,
                newCustomerForm(code, "上海一步到位便利有限公司", "COMMUNITY"));

        ProcessInstance pi = processInstance(started.getId());
        assertThat(pi).isWaitingAt(Task.EDIT_QUOTE).task().isAssignedTo("zhangwei");
        Map<String, Object> customer = jdbc.sql("SELECT * FROM customer WHERE credit_code = ?").param(code).query().singleRow();
        assertThat(customer).containsEntry("COMPANY_NAME", "上海一步到位便利有限公司").containsEntry("STORE_TIER", "COMMUNITY")
                .containsEntry("OWNER_ID", "zhangwei").containsEntry("LEGAL_REPRESENTATIVE", "王建国");
        assertThat((BigDecimal) customer.get("REGISTERED_CAPITAL_WAN")).isEqualByComparingTo("50.5");
        Quote quote = quotes.get(pi.getBusinessKey());
        assertThat(quote.customerId()).isEqualTo(customer.get("ID"));
        assertThat(quote.repId()).isEqualTo("zhangwei");
        assertThat(quote.customerTier()).isEqualTo("COMMUNITY");
        assertThat(quote.rebateRate()).isEqualByComparingTo("0.05");
        // 10 × 3980 × 0.95 = 37810.00
        assertThat(quote.total()).isEqualByComparingTo("37810.00");
        assertThat(runtimeService.getVariable(pi.getId(), Vars.QUOTE_PDF)).isEqualTo("/api/quotes/" + quote.id() + "/pdf");
        assertThat(runtimeService.getVariable(pi.getId(), Vars.CUSTOMER_NAME)).isEqualTo("上海一步到位便利有限公司");
    }

    @Test
    void aRefusedNewCustomerStartNamesEveryFieldAndStoresNeitherCustomerNorQuote() {
        Map<String, Object> form = newCustomerForm("91310000MA1FL0000I", "上海拒绝有限公司", "HYPERMARKET");
        form.remove(LicenceFields.LEGAL_REPRESENTATIVE);
        form.put(Vars.PRODUCT_MODEL, "NO-SUCH");

        assertThatThrownBy(() -> startByFormAs("zhangwei", REP, QuoteToInvoiceProcess.KEY, form))
                .satisfies(e -> assertThat(messages(e)).contains("creditCode", "credit-code", "storeTier", "known-tier",
                        "legalRepresentative", "required", "productModel", "known-product"));

        assertThat(support.count("SELECT COUNT(*) FROM customer")).isZero();
        assertThat(support.count("SELECT COUNT(*) FROM quote")).isZero();
        assertThat(processInstanceQuery().processDefinitionKey(QuoteToInvoiceProcess.KEY).count()).isZero();
    }

    @Test
    void aCustomerKnownOnlyFromALeadIsQuotedOnceItsLicenceAndTierAreRecordedByTheSameStartForm() {
        String code = TestData.creditCode();
        data.owner(code, "上海线索便利有限公司", "zhangwei");
        Map<String, Object> existing = new HashMap<>();
        existing.put(Vars.CREDIT_CODE, code);
        existing.put(Vars.PRODUCT_MODEL, "GW-100");
        existing.put(Vars.QUANTITY, 1);
        existing.put(Vars.DELIVERY_DATE, TestData.today().plusDays(20).toString());

        assertThatThrownBy(() -> startByFormAs("zhangwei", REP, QuoteToInvoiceProcess.KEY, existing))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.CUSTOMER_TIER, "customer-tier"));
        assertThat(support.count("SELECT COUNT(*) FROM quote")).isZero();

        ProcessInstance started = startByFormAs("zhangwei", REP, QuoteToInvoiceProcess.KEY,
                newCustomerForm(code, "上海线索便利有限公司", "CHAIN"));
        assertThat(quotes.get(processInstance(started.getId()).getBusinessKey()).rebateRate()).isEqualByComparingTo("0.06");
        assertThat(support.count("SELECT COUNT(*) FROM customer")).isEqualTo(1);
        // another rep cannot take the customer over by typing its licence
        assertThatThrownBy(() -> startByFormAs("lina", REP, QuoteToInvoiceProcess.KEY,
                newCustomerForm(code, "上海线索便利有限公司", "KA")))
                .satisfies(e -> assertThat(messages(e)).contains("creditCode", "new-customer"));
    }

    // --- a required clause without a published text is refused, never silently left out (R-10) -------------------------

    private void gatewayRequiresATypeWithoutText() {
        ClauseTestTypes.recreate(jdbc);
        jdbc.sql("INSERT INTO product_clause_type (product_model, clause_type) VALUES ('GW-100', ?)")
                .param(ClauseTestTypes.LOCKED).update();
    }

    @Test
    void theOneActionStartFormForAProductWhoseRequiredClauseHasNoTextIsRefusedNamingItAndStoresNothing() {
        gatewayRequiresATypeWithoutText();
        String code = TestData.creditCode();

        assertThatThrownBy(() -> startByFormAs("zhangwei", REP, QuoteToInvoiceProcess.KEY,
                newCustomerForm(code, "上海缺条款便利有限公司", "COMMUNITY")))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.PRODUCT_MODEL, "required-clause-text", "GW-100",
                        "测试锁定条款 Test locked clause", "没有已发布的版本 / required clause has no published text"));

        assertThat(support.count("SELECT COUNT(*) FROM customer WHERE credit_code = ?", code)).isZero();
        assertThat(support.count("SELECT COUNT(*) FROM quote")).isZero();
        assertThat(processInstanceQuery().processDefinitionKey(QuoteToInvoiceProcess.KEY).count()).isZero();
    }

    @Test
    void acceptingAQuoteWhoseProductCameToRequireAClauseWithoutTextIsRefusedUntilLegalPublishesIt() {
        String pi = support.quote("zhangwei").processInstanceId();
        support.editUnchanged(pi, "zhangwei");
        gatewayRequiresATypeWithoutText(); // legal made GW-100 require a type after the quote, with no text yet

        assertThatThrownBy(() -> support.answer(pi, "zhangwei", "ACCEPTED", null))
                .satisfies(e -> assertThat(messages(e)).contains("lines[1].productModel", "required-clause-text", "GW-100",
                        ClauseTestTypes.LOCKED));
        assertThat(processInstance(pi)).isWaitingAt(Task.RECORD_CUSTOMER_ANSWER);
        assertThat(support.count("SELECT COUNT(*) FROM contract")).isZero();

        library.publish(ClauseTestTypes.LOCKED, "GW-100", TestData.today(), "网关锁定条款", "zhoujie", List.of(Groups.LEGAL));
        support.answer(pi, "zhangwei", "ACCEPTED", null);
        Contract contract = contracts.get((String) runtimeService.getVariable(pi, Vars.CONTRACT_ID));
        assertThat(contract.clauses()).extracting(AttachedClause::typeCode).contains(ClauseTestTypes.LOCKED);
    }

    /** For {@code LockedClauseTests}, which reads refusals this way too; the one copy is {@link ProcessTests#messages}. */
    static String messages(Throwable e) {
        return ProcessTests.messages(e);
    }
}
