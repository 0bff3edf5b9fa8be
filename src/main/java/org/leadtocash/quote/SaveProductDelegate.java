package org.leadtocash.quote;

import java.math.BigDecimal;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.CatalogueUpkeepProcesses.Products;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/** 保存产品 Save product: what the catalogue owner entered on the Tasklist start form, checked by {@link Catalogue#save}. */
@Component("saveProductDelegate")
class SaveProductDelegate implements JavaDelegate {
    private final Catalogue catalogue;

    SaveProductDelegate(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public void execute(DelegateExecution execution) {
        StartFormUser user = StartFormUser.of(execution, Products.EDITOR, Catalogue.OWNER_RULE);
        Object active = execution.getVariable(Products.ACTIVE);
        Object name = execution.getVariable(Products.NAME);
        Object model = execution.getVariable(Products.MODEL);
        Product saved = catalogue.save(new Catalogue.ProductChange(model == null ? null : model.toString(),
                name == null || name.toString().isBlank() ? null : name.toString(),
                decimal(execution, Products.UNIT_PRICE_CNY), decimal(execution, Products.VAT_RATE),
                active == null ? null : Boolean.valueOf(active.toString())), user.id(), user.groups());
        execution.setProcessBusinessKey(saved.model());
    }

    private static BigDecimal decimal(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.toString().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "number", "必须是数字 must be a number, was '" + v + "'");
        }
    }
}
