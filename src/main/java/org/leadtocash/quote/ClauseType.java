package org.leadtocash.quote;

/**
 * A kind of clause in the library.
 *
 * @param code         e.g. {@code IP_OWNERSHIP}
 * @param name         Chinese then English, e.g. "知识产权归属 IP ownership"
 * @param locked       a quote or contract takes the text as published; nobody edits it there
 * @param appliesToAll attached to every quote whatever the products
 */
record ClauseType(String code, String name, boolean locked, boolean appliesToAll) {
}
