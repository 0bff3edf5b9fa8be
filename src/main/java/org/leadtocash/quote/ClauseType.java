package org.leadtocash.quote;

/**
 * A kind of clause in the library: data legal keeps (table {@code clause_type}), no enum, so a new type needs no
 * release or migration.
 *
 * @param code         e.g. {@code IP_OWNERSHIP}; upper case letters, digits and underscores
 * @param name         Chinese then English, e.g. "知识产权归属 IP ownership"
 * @param locked       a quote or contract takes the text as published; nobody edits it there
 * @param appliesToAll attached to every quote whatever the products
 * @param active       inactive types are attached to no new quote; what quotes and contracts cite stays readable
 */
record ClauseType(String code, String name, boolean locked, boolean appliesToAll, boolean active) {
}
