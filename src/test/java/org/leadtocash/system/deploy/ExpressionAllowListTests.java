package org.leadtocash.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The expression allow-list on its own: what an owner's diagram may and may not evaluate. */
class ExpressionAllowListTests {
    static final Set<String> BEANS = Set.of("assignLeadDelegate", "paymentBreakers", "runtimeService", "dataSource", "leadIntake");
    static final Set<String> DELEGATES = Set.of("assignLeadDelegate", "paymentBreakers");
    static final Predicate<String> IS_BEAN = BEANS::contains;
    static final Predicate<String> IS_DELEGATE = DELEGATES::contains;

    @ParameterizedTest
    @ValueSource(strings = {"${assignLeadDelegate}", "${contactOutcome == 'REACHED'}", "${!leadAssigned}", "${paymentBreakers.cycle()}",
            "${u8Outcome != 'EXPORTED_NOT_SENT'}", "${assignee}", "${contractTotal > 1000000}", "${a && (b || not c)}",
            "${empty nextFollowUpDate}", "${budgetCny ge 50000.5 and region eq \"SOUTH\"}", "#{repId}"})
    void allows(String expression) {
        assertThat(ExpressionAllowList.refusal(expression, IS_BEAN, IS_DELEGATE)).as(expression).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${execution.getProcessEngineServices()}", "${execution}", "${task.delegateTask}",
            "${runtimeService}", "${dataSource.connection}", "${leadIntake.receive(x, y)}", "${dateTime().plusHours(1)}",
            "${contactNotes.length()}", "${vars['x']}", "${''.getClass().forName('java.lang.Runtime')}",
            "${assignLeadDelegate.execute(execution)}", "${paymentBreakers.cycle().getClass()}", "${x = 5}", "${a; b}",
            "${'unterminated}"})
    void refuses(String expression) {
        assertThat(ExpressionAllowList.refusal(expression, IS_BEAN, IS_DELEGATE)).as(expression).isNotNull();
    }

    @Test
    void readsTheVariablesOfAnExpressionButNotItsBeansMethodsKeywordsOrLiterals() {
        assertThat(ExpressionAllowList.variables("${a && paymentBreakers.cycle(nextFollowUpDate, 'P1D') or not empty b}", IS_BEAN))
                .containsExactly("a", "nextFollowUpDate", "b");
        assertThat(ExpressionAllowList.variables("${contactOutcome == 'REACHED' && contactOutcome != \"x y\"}", IS_BEAN))
                .containsExactly("contactOutcome");
        assertThat(ExpressionAllowList.variables("${assignLeadDelegate}", IS_BEAN)).isEmpty();
        assertThat(ExpressionAllowList.variables("${true and 3 > 2}", IS_BEAN)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"R/PT48H", "PT4H", "sales-manager", "${a} and ${b}"})
    void findsEveryExpressionInAText(String text) {
        assertThat(ExpressionAllowList.expressions(text)).hasSize(text.split("\\$\\{", -1).length - 1);
    }
}
