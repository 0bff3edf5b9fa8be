package org.leadtocash.lead;

/**
 * A sales region, one team, as kept in the {@code region} table: the code leads, reps and the routing table
 * carry (e.g. {@code EAST}, {@code SOUTHWEST}), its Chinese name, and whether it takes new leads. Sales ops add regions
 * in the product's UI ({@link Regions}); no code names a region.
 */
public record Region(String code, String name, boolean active) {
}
