package org.leadtocash.quote;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One published version of a clause. Never changed once published.
 *
 * @param id            database id, stable forever
 * @param version       1, 2, … per clause type (one sequence for the type, whichever product a version is for)
 * @param productModel  the product this text is for; null = the default for every product without its own text
 * @param effectiveDate first day the version is the one new quotes take
 * @param locked        the type's locked flag
 */
record ClauseVersion(long id, String typeCode, String typeName, int version, String productModel, LocalDate effectiveDate,
                     String text, boolean locked, String publishedBy, Instant publishedAt) {
}
