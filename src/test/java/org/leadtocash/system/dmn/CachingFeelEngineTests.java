package org.leadtocash.system.dmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The caching FEEL engine answers exactly as Camunda's own {@link ScalaFeelEngine} (values, booleans, failures and
 * their messages), first from a fresh parse and then from its cache, and it is the engine the app's decisions use.
 * The decision tables themselves are covered end to end by the routing and rebate decision tests.
 */
@AppTest
class CachingFeelEngineTests {
    private static final List<String> UNARY_TESTS = List.of("< 50000", "[50000..200000]", "> 200000", "\"WEBSITE_FORM\"",
            "\"EAST\",\"SOUTH\"", "not(\"NORTH\")", "-", "", "? > 10 and ? < 100", "date(\"2026-11-27\")", "[1..", "x > 1");
    private static final List<String> EXPRESSIONS = List.of("budgetCny * 2", "region", "if budgetCny > 100 then \"big\" else \"small\"",
            "string length(region)", "nosuchvariable", "budgetCny +", "date(\"2026-11-27\") + duration(\"P1D\")");
    private static final List<Object> INPUTS = java.util.Arrays.asList(49_999.99, 50_000, 200_000, 200_000.01, "WEBSITE_FORM", "EAST",
            "NORTH", null, 42, LocalDate.of(2026, 11, 27));

    @Autowired ProcessEngine engine;

    @Test
    void decisionsUseTheCachingEngine() {
        var dmn = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDmnEngineConfiguration();
        assertThat(dmn.getFeelEngine()).isInstanceOf(CachingFeelEngine.class);
    }

    @Test
    void unaryTestsAnswerAsCamundasEngineDoesFreshAndCached() {
        ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());
        CachingFeelEngine caching = new CachingFeelEngine(List.of());
        int compared = 0;
        for (int round = 0; round < 2; round++) {
            for (String test : UNARY_TESTS) {
                for (Object input : INPUTS) {
                    VariableContext variables = Variables.createVariables().putValue("cellInput", input).putValue("x", 5)
                            .asVariableContext();
                    Object expected = outcome(() -> camunda.evaluateSimpleUnaryTests(test, "cellInput", variables));
                    Object actual = outcome(() -> caching.evaluateSimpleUnaryTests(test, "cellInput", variables));
                    assertThat(actual).as("%s with input %s (round %d)", test, input, round).isEqualTo(expected);
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(2 * UNARY_TESTS.size() * INPUTS.size());
        assertThat(caching.cached()).as("one parse per distinct text").isEqualTo(UNARY_TESTS.size());
    }

    @Test
    void expressionsAnswerAsCamundasEngineDoesFreshAndCached() {
        ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());
        CachingFeelEngine caching = new CachingFeelEngine(List.of());
        for (int round = 0; round < 2; round++) {
            for (String expression : EXPRESSIONS) {
                VariableContext variables = Variables.createVariables().putValue("budgetCny", 120_000.0).putValue("region", "EAST")
                        .asVariableContext();
                Object expected = outcome(() -> camunda.evaluateSimpleExpression(expression, variables));
                Object actual = outcome(() -> caching.evaluateSimpleExpression(expression, variables));
                assertThat(actual).as("%s (round %d)", expression, round).isEqualTo(expected);
            }
        }
        assertThat(caching.cached()).isEqualTo(EXPRESSIONS.size());
    }

    @Test
    void aTextThatDoesNotParseFailsWithTheFeelMessageEveryTime() {
        CachingFeelEngine caching = new CachingFeelEngine(List.of());
        VariableContext variables = Variables.createVariables().putValue("cellInput", 1).asVariableContext();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> caching.evaluateSimpleUnaryTests("[1..", "cellInput", variables))
                    .isInstanceOf(FeelException.class).hasMessageContaining("failed to parse");
        }
    }

    /** The value, or the exception's type and message. */
    private static Object outcome(java.util.concurrent.Callable<Object> call) {
        try {
            return call.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
