package org.leadtocash.quote;

/**
 * A clause attached to a quote or contract: a copy of one library version ({@code versionId}). {@code quoteVersion}
 * is only set on contract clauses: the version the accepted quote carried (null when the contract added the clause).
 * {@code productModel} is the product the version was written for, null when it is the default text or the type
 * applies to every quote; a quote carries one clause per type and product.
 */
record AttachedClause(String typeCode, String typeName, long versionId, int version, boolean locked, String text,
                      Integer quoteVersion, String productModel) {

    /** A clause that is not specific to one product. */
    AttachedClause(String typeCode, String typeName, long versionId, int version, boolean locked, String text,
                   Integer quoteVersion) {
        this(typeCode, typeName, versionId, version, locked, text, quoteVersion, null);
    }

    static AttachedClause of(ClauseVersion v) {
        return new AttachedClause(v.typeCode(), v.typeName(), v.id(), v.version(), v.locked(), v.text(), null, v.productModel());
    }

    /** Type and product: what identifies the clause within a quote or contract ({@code TYPE} or {@code TYPE@MODEL}). */
    String key() {
        return key(typeCode, productModel);
    }

    static String key(String typeCode, String productModel) {
        return productModel == null || productModel.isEmpty() ? typeCode : typeCode + "@" + productModel;
    }

    /** The column value: '' for a clause not specific to one product. */
    String productColumn() {
        return productModel == null ? "" : productModel;
    }

    static String productFromColumn(String column) {
        return column == null || column.isEmpty() ? null : column;
    }
}
