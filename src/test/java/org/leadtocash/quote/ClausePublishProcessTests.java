package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.quote.ClausePublishProcess.Event;
import org.leadtocash.quote.ClausePublishProcess.Task;
import org.leadtocash.quote.ClausePublishProcess.Vars;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bpmn/clause-publish.bpmn} started from its Tasklist start form {@code form-clause-publish}: legal publishes;
 * anyone else and any invalid input is refused with the rule or field named, and a refused start stores nothing.
 */
@AppTest
class ClausePublishProcessTests {
    @Autowired FormService formService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired ClauseLibrary library;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        data.reset();
        ClauseTestTypes.recreate(jdbc);
    }

    @AfterEach
    void tearDown() {
        ClauseTestTypes.drop(jdbc);
    }

    @Test
    void legalPublishesANewVersionFromTheStartForm() {
        LocalDate effective = clock.today().plusDays(7);
        String text = "一、买方提供的图纸及技术资料的知识产权归买方所有。\n二、卖方原有技术的知识产权归卖方所有。";

        ProcessInstance pi = startAs("zhoujie", Groups.LEGAL, form(ClauseTestTypes.LOCKED, effective.toString(), text));

        assertThat(pi).isEnded().hasPassed(Event.CLAUSE_VERSION_ENTERED, Task.PUBLISH_CLAUSE, Event.CLAUSE_VERSION_PUBLISHED);
        ClauseVersion published = library.version(ClauseTestTypes.LOCKED, 1);
        assertThat(published.effectiveDate()).isEqualTo(effective);
        assertThat(published.text()).isEqualTo(text);
        assertThat(published.publishedBy()).isEqualTo("zhoujie");
        assertThat(published.locked()).isTrue();
        assertThat(pi).variables().containsEntry(Vars.CLAUSE_VERSION_ID, published.id()).containsEntry(Vars.CLAUSE_VERSION, 1)
                .containsEntry(Vars.CLAUSE_PUBLISHER, "zhoujie");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult()
                .getBusinessKey()).isEqualTo("TEST_LOCKED-v1");
    }

    @Test
    void takesATextOfFourThousandCharactersAndRefusesALongerOneNamingClauseTextAndTheApi() {
        startAs("zhoujie", Groups.LEGAL, form(ClauseTestTypes.LOCKED, clock.today().toString(),
                "款".repeat(ClausePublishProcess.MAX_FORM_TEXT_LENGTH)));
        assertThat(library.version(ClauseTestTypes.LOCKED, 1).text()).hasSize(4000);

        assertThatThrownBy(() -> startAs("zhoujie", Groups.LEGAL, form(ClauseTestTypes.LOCKED, clock.today().toString(),
                "款".repeat(ClausePublishProcess.MAX_FORM_TEXT_LENGTH + 1))))
                .isInstanceOf(org.leadtocash.shared.InvalidInputException.class)
                .hasMessageContaining("clauseText").hasMessageContaining("4001").hasMessageContaining("/api/clauses/");
        assertThat(library.history(ClauseTestTypes.LOCKED)).hasSize(1);
    }

    @Test
    void aSecondPublicationGetsTheNextNumberAndLeavesTheFirstAsItWas() {
        startAs("zhoujie", Groups.LEGAL, form(ClauseTestTypes.LOCKED, clock.today().toString(), "第一版"));
        ClauseVersion first = library.version(ClauseTestTypes.LOCKED, 1);

        startAs("zhoujie", Groups.LEGAL, form(ClauseTestTypes.LOCKED, clock.today().toString(), "第二版"));

        assertThat(library.history(ClauseTestTypes.LOCKED)).extracting(ClauseVersion::version).containsExactly(1, 2);
        assertThat(library.version(first.id())).isEqualTo(first);
        assertThat(library.latest(ClauseTestTypes.LOCKED).text()).isEqualTo("第二版");
    }

    @Test
    void acceptsTheEffectiveDateAsADateValueToo() {
        LocalDate effective = clock.today().plusDays(1);
        Date asDate = Date.from(effective.atTime(LocalTime.MIDNIGHT).atZone(clock.zone()).toInstant());

        startAs("zhoujie", Groups.LEGAL, form(ClauseTestTypes.OPEN, asDate, "日期类型 a Date value"));

        assertThat(library.version(ClauseTestTypes.OPEN, 1).effectiveDate()).isEqualTo(effective);
    }

    @Test
    void aManagerOrAdministratorWhoMayStartItIsRefusedNamingTheLegalRule() {
        long historyBefore = historicInstances();
        for (String[] user : List.of(new String[] {"limin", Groups.SALES_MANAGER}, new String[] {"admin", Groups.ADMIN})) {
            assertThatThrownBy(() -> startAs(user[0], user[1], form(ClauseTestTypes.LOCKED, clock.today().toString(), "越权 not legal")))
                    .as(user[0])
                    .satisfies(e -> assertThat(messages(e)).contains("legal", "法务"));
        }

        assertThat(library.history(ClauseTestTypes.LOCKED)).isEmpty();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(ClausePublishProcess.KEY).count()).isZero();
        assertThat(historicInstances()).as("the refused start is rolled back, history included").isEqualTo(historyBefore);
    }

    @Test
    void aRepCannotEvenStartIt() {
        assertThatThrownBy(() -> startAs("zhangwei", Groups.SALES_REP, form(ClauseTestTypes.LOCKED, clock.today().toString(), "x")))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining(ClausePublishProcess.KEY);

        assertThat(library.history(ClauseTestTypes.LOCKED)).isEmpty();
    }

    @Test
    void anEffectiveDateInThePastIsRefusedNamingEffectiveDate() {
        assertThatThrownBy(() -> startAs("zhoujie", Groups.LEGAL,
                form(ClauseTestTypes.LOCKED, clock.today().minusDays(1).toString(), "追溯 retroactive")))
                .satisfies(e -> assertThat(messages(e)).contains("effectiveDate", "not-in-past"));

        assertThat(library.history(ClauseTestTypes.LOCKED)).isEmpty();
    }

    @Test
    void aMalformedEffectiveDateIsRefusedNamingEffectiveDate() {
        assertThatThrownBy(() -> startAs("zhoujie", Groups.LEGAL, form(ClauseTestTypes.LOCKED, "2027-13-45", "x")))
                .satisfies(e -> assertThat(messages(e)).contains("effectiveDate", "date"));
    }

    @Test
    void anUnknownTypeAndAnEmptyTextAreRefusedNamingBothFields() {
        long historyBefore = historicInstances();
        assertThatThrownBy(() -> startAs("zhoujie", Groups.LEGAL, form("NO_SUCH_TYPE", clock.today().toString(), "   ")))
                .satisfies(e -> assertThat(messages(e)).contains("clauseType", "known-type", "NO_SUCH_TYPE", "clauseText", "required"));

        assertThat(historicInstances()).isEqualTo(historyBefore);
    }

    @Test
    void theStartFormIsTheDeployedCamundaForm() throws Exception {
        String definitionId = latestDefinition(ClausePublishProcess.KEY).getId();

        assertThat(formService.getStartFormData(definitionId).getCamundaFormRef().getKey()).isEqualTo(ClausePublishProcess.START_FORM);
        try (var form = formService.getDeployedStartForm(definitionId)) {
            String json = new String(form.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(json).contains("\"key\": \"clauseType\"", "\"key\": \"effectiveDate\"", "\"key\": \"clauseText\"",
                    "IP_OWNERSHIP", "FORCE_MAJEURE", "ENVIRONMENTAL");
        }
    }

    private static ProcessInstance startAs(String user, String group, Map<String, Object> form) {
        return startByFormAs(user, List.of(group), ClausePublishProcess.KEY, form);
    }

    /** What Tasklist submits from {@code forms/clause-publish.form}: the date as a yyyy-MM-dd string. */
    private static Map<String, Object> form(String type, Object effectiveDate, String text) {
        Map<String, Object> form = new HashMap<>();
        form.put(Vars.CLAUSE_TYPE, type);
        form.put(Vars.EFFECTIVE_DATE, effectiveDate);
        form.put(Vars.CLAUSE_TEXT, text);
        return form;
    }

    private long historicInstances() {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(ClausePublishProcess.KEY).count();
    }
}
