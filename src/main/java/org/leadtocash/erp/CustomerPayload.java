package org.leadtocash.erp;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps a {@link U8Customer} to the body of U8 OpenAPI {@code customer/add} ({@code {"customer":{"code","name",
 * "abbrname","address","spec_operator","memo"}}}, the API centre's names, every value a string) and checks it first.
 * docs/design/u8-openapi.md lists the fields.
 */
final class CustomerPayload {
    /** U8's customer abbreviation (客户简称) holds at most this many characters. */
    static final int MAX_ABBREVIATION = 30;

    private CustomerPayload() {
    }

    /** Every broken rule as "field: rule", empty when U8 can be asked. */
    static List<String> problems(U8Customer c) {
        List<String> problems = new ArrayList<>();
        if (c.code() == null || !c.code().strip().matches("[0-9A-Z]{18}")) {
            problems.add("code: must be the 18-character unified social credit code");
        }
        if (c.name() == null || c.name().isBlank()) {
            problems.add("name: must not be blank");
        }
        return problems;
    }

    static String json(U8Customer c, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode customer = body.putObject("customer");
        put(customer, "code", c.code());
        put(customer, "name", c.name());
        String name = c.name() == null ? null : c.name().strip();
        put(customer, "abbrname", name == null || name.length() <= MAX_ABBREVIATION ? name : name.substring(0, MAX_ABBREVIATION));
        put(customer, "address", c.address());
        put(customer, "spec_operator", c.salesperson());
        put(customer, "memo", "L2C客户 " + (c.ourId() == null ? "" : c.ourId().strip()));
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the customer JSON", e);
        }
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }
}
