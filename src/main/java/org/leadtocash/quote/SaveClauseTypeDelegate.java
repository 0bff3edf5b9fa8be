package org.leadtocash.quote;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.CatalogueUpkeepProcesses.ClauseTypes;
import org.springframework.stereotype.Component;

/** 保存条款类型 Save clause type: what legal entered on the Tasklist start form, checked by {@link ClauseLibrary#saveType}. */
@Component("saveClauseTypeDelegate")
class SaveClauseTypeDelegate implements JavaDelegate {
    private final ClauseLibrary library;

    SaveClauseTypeDelegate(ClauseLibrary library) {
        this.library = library;
    }

    @Override
    public void execute(DelegateExecution execution) {
        StartFormUser user = StartFormUser.of(execution, ClauseTypes.EDITOR, "只有法务组(legal)可以维护条款类型 only members of "
                + "group 'legal' may add or change clause types");
        Object required = execution.getVariable(ClauseTypes.REQUIRED_FOR);
        List<String> models = required == null ? List.of()
                : Arrays.stream(required.toString().split("[,，;；\\s]+")).filter(m -> !m.isBlank()).toList();
        ClauseType saved = library.saveType(new ClauseLibrary.TypeChange(text(execution, ClauseTypes.CODE),
                text(execution, ClauseTypes.NAME), flag(execution, ClauseTypes.LOCKED), flag(execution, ClauseTypes.APPLIES_TO_ALL),
                flag(execution, ClauseTypes.ACTIVE), models), user.id(), user.groups());
        execution.setProcessBusinessKey(saved.code());
    }

    private static String text(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        return v == null ? null : v.toString();
    }

    private static Boolean flag(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        return v == null ? null : Boolean.valueOf(v.toString());
    }
}
