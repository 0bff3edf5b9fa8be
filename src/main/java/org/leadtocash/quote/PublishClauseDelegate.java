package org.leadtocash.quote;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.quote.ClausePublishProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FormDates;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * 发布条款版本 Publish clause version: the Tasklist way for legal to publish, for one product ({@code productModel})
 * or as the default text of every product (empty); a type legal added comes as {@code clauseType = OTHER} with its
 * code in {@code otherClauseType}. The publisher is the user who submitted
 * the start form, with the groups the engine authenticated him with; anyone outside {@code legal}, and any invalid
 * input, rolls the start back with the message naming the rule or field.
 */
@Component("publishClauseDelegate")
class PublishClauseDelegate implements JavaDelegate {
    private final ClauseLibrary library;
    private final ZoneId zone;

    public PublishClauseDelegate(ClauseLibrary library, EngineClock clock) {
        this.library = library;
        this.zone = clock.zone();
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String publisher = (String) execution.getVariable(Vars.CLAUSE_PUBLISHER);
        if (user == null || publisher == null || !publisher.equals(user.getUserId())) {
            throw new AccessDeniedException(ClauseLibrary.PUBLISH_RULE + "; start the process as a logged-in legal user");
        }
        List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
        if (!groups.contains(ClauseLibrary.PUBLISHER_GROUP)) {
            throw new AccessDeniedException(ClauseLibrary.PUBLISH_RULE);
        }
        Object type = execution.getVariable(Vars.CLAUSE_TYPE);
        if (ClausePublishProcess.OTHER_TYPE.equals(type)) {
            type = execution.getVariable(Vars.OTHER_CLAUSE_TYPE);
        }
        Object product = execution.getVariable(Vars.PRODUCT_MODEL);
        Object text = execution.getVariable(Vars.CLAUSE_TEXT);
        if (text != null && text.toString().strip().length() > ClausePublishProcess.MAX_FORM_TEXT_LENGTH) {
            throw new InvalidInputException("clauseText", "max-length", "条款正文在任务列表中最多"
                    + ClausePublishProcess.MAX_FORM_TEXT_LENGTH + "字 must be at most " + ClausePublishProcess.MAX_FORM_TEXT_LENGTH
                    + " characters in Tasklist, was " + text.toString().strip().length() + "; publish longer texts (up to "
                    + ClauseLibrary.MAX_TEXT_LENGTH + ") with POST /api/clauses/{typeCode}/versions");
        }
        ClauseVersion version = library.publish(type == null ? null : type.toString(), product == null ? null : product.toString(),
                date(execution.getVariable(Vars.EFFECTIVE_DATE)), text == null ? null : text.toString(), publisher, groups);
        execution.setVariable(Vars.CLAUSE_VERSION_ID, version.id());
        execution.setVariable(Vars.CLAUSE_VERSION, version.version());
        execution.setProcessBusinessKey(version.typeCode() + "-v" + version.version());
    }

    private LocalDate date(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        try {
            return FormDates.parse(value, zone);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("effectiveDate", "date", "生效日期格式有误 must be a date like 2027-01-01");
        }
    }
}
