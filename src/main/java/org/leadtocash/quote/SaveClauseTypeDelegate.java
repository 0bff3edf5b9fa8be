package org.leadtocash.quote;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.CatalogueUpkeepProcesses.ClauseTypes;
import org.springframework.stereotype.Component;

/**
 * 保存条款类型 Save clause type: what legal entered on the Tasklist start form, checked by {@link ClauseLibrary#saveType}.
 * The form adds and removes products ({@code requiredForAdd}, {@code requiredForRemove}) and leaves a flag whose select
 * says {@code keep} as it is, so changing one thing never silently drops the other products or unlocks the type. A
 * {@code requiredFor} variable (earlier versions of the form) still replaces the whole list.
 */
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
        List<String> models = required == null ? null : models(required);
        ClauseType saved = library.saveType(new ClauseLibrary.TypeChange(text(execution, ClauseTypes.CODE),
                text(execution, ClauseTypes.NAME), flag(execution, ClauseTypes.LOCKED), flag(execution, ClauseTypes.APPLIES_TO_ALL),
                flag(execution, ClauseTypes.ACTIVE), models), user.id(), user.groups());
        List<String> add = models(execution.getVariable(ClauseTypes.REQUIRED_FOR_ADD));
        List<String> remove = models(execution.getVariable(ClauseTypes.REQUIRED_FOR_REMOVE));
        if (!add.isEmpty() || !remove.isEmpty()) {
            library.changeRequiredFor(saved.code(), add, remove, user.id(), user.groups(), ClauseTypes.REQUIRED_FOR_ADD,
                    ClauseTypes.REQUIRED_FOR_REMOVE);
        }
        execution.setProcessBusinessKey(saved.code());
    }

    private static List<String> models(Object value) {
        return value == null ? List.of()
                : Arrays.stream(value.toString().split("[,，;；、\\s]+")).filter(m -> !m.isBlank()).toList();
    }

    private static String text(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        return v == null ? null : v.toString();
    }

    /** true / false, or null (keep) for no value, an empty one or {@code keep}. */
    private static Boolean flag(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        String s = v == null ? "" : v.toString().strip();
        return s.isEmpty() || ClauseTypes.KEEP.equalsIgnoreCase(s) ? null : Boolean.valueOf(s);
    }
}
