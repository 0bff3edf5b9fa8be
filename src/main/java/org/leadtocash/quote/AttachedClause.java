package org.leadtocash.quote;

/**
 * A clause attached to a quote or contract: a copy of one library version ({@code versionId}). {@code quoteVersion}
 * is only set on contract clauses: the version the accepted quote carried (null when the contract added the clause).
 */
record AttachedClause(String typeCode, String typeName, long versionId, int version, boolean locked, String text,
                             Integer quoteVersion) {

    static AttachedClause of(ClauseVersion v) {
        return new AttachedClause(v.typeCode(), v.typeName(), v.id(), v.version(), v.locked(), v.text(), null);
    }
}
