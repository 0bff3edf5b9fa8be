package org.leadtocash.quote;

import java.util.List;

import org.leadtocash.shared.NotFoundException;
import org.springframework.stereotype.Service;

/** The product catalogue quotes are made from. */
@Service
class Catalogue {
    private final CatalogueRepository products;

    public Catalogue(CatalogueRepository products) {
        this.products = products;
    }

    /** Every product, inactive ones included (see {@link Product#active()}), ordered by model. */
    public List<Product> products() {
        return products.products();
    }

    /** @throws NotFoundException if no product has the model */
    public Product product(String model) {
        if (model == null || model.isBlank()) {
            throw new NotFoundException("product model is empty");
        }
        return products.product(model.strip())
                .orElseThrow(() -> new NotFoundException("产品型号不存在 product model '" + model.strip() + "' does not exist"));
    }
}
