package org.leadtocash.quote;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.leadtocash.quote.ClauseTamperAttempt.Channel;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Clause lock (R-11). Clause texts of a quote or contract come from the legal library only: the rep changes prices and
 * the delivery date, never a clause. Any attempt to change, add or drop a clause — through a task form, the quote API
 * or a process variable — is refused with a message naming the clause, and recorded in {@code clause_tamper_attempt}
 * in a transaction of its own, so the record stays while the attempt is rolled back. Locked clauses (知识产权归属,
 * 不可抗力定义, …) say so; unlocked clauses (技术协议, 付款条款, 质保说明) are refused and recorded too, because their
 * wording is the library version the quote carries (a different wording needs legal to publish a version).
 */
@Service
class ClauseGuard {
    private static final Logger log = LoggerFactory.getLogger(ClauseGuard.class);

    private final QuoteRepository quotes;
    private final ClauseLibrary library;
    private final EngineClock clock;
    private final TransactionTemplate ownTransaction;

    public ClauseGuard(QuoteRepository quotes, ClauseLibrary library, EngineClock clock, PlatformTransactionManager tm) {
        this.quotes = quotes;
        this.library = library;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(tm);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** One clause somebody tried to change; {@code field} is the variable or body field it came through. */
    public record Attempt(String typeCode, String typeName, boolean locked, String field) {
    }

    /** Is this the name of a variable that carries clause texts (ours or a tampering one)? */
    public static boolean isClauseVariable(String name) {
        return Vars.CLAUSES.equals(name) || Vars.CLAUSE_LIST.equals(name) || name.startsWith(Vars.CLAUSE_PREFIX);
    }

    /**
     * Compares what a variable or body field says about the clauses with the truth. {@code clause_<TYPE>}: the text of
     * that clause; {@code clauses}: a list of {typeCode, text[, version]} or a map type → text; {@code clauseList}: the
     * read-only list the forms show (a clause missing from it counts as an attempt to drop it).
     */
    public List<Attempt> differences(List<AttachedClause> truth, String field, Object value) {
        if (value == null) {
            return List.of();
        }
        Map<String, AttachedClause> byType = truth.stream()
                .collect(Collectors.toMap(AttachedClause::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<Attempt> attempts = new ArrayList<>();
        if (field.startsWith(Vars.CLAUSE_PREFIX)) {
            String type = field.substring(Vars.CLAUSE_PREFIX.length());
            JsonNode node = QuoteJson.tree(value);
            String text = node.isTextual() ? node.textValue() : QuoteJson.text(node, "text", "clauseText");
            if (text == null) {
                text = node.toString();
            }
            compare(byType, type, text, null, field, attempts);
            return attempts;
        }
        JsonNode node = QuoteJson.tree(value);
        if (node.isArray()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (JsonNode item : node) {
                String type = QuoteJson.text(item, "typeCode", "type", "code", "clauseType");
                if (type == null) {
                    everyLocked(byType, field, attempts);
                    continue;
                }
                String key = AttachedClause.key(type, QuoteJson.text(item, "productModel"));
                seen.add(key);
                JsonNode version = item.get("version");
                compare(byType, key, QuoteJson.text(item, "text", "clauseText"),
                        version != null && version.canConvertToInt() ? version.intValue() : null, field, attempts);
            }
            if (Vars.CLAUSE_LIST.equals(field)) {
                byType.values().stream().filter(c -> !seen.contains(c.key()))
                        .forEach(c -> attempts.add(new Attempt(c.typeCode(), c.typeName(), c.locked(), field)));
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                compare(byType, e.getKey(), v.isTextual() ? v.textValue() : QuoteJson.text(v, "text", "clauseText"),
                        null, field, attempts);
            });
        } else {
            // a bare text claiming to be "the clauses": it would replace them all
            everyLocked(byType, field, attempts);
        }
        return attempts.stream().distinct().toList();
    }

    /** Records every attempt (own transaction) and refuses with one field error per clause. */
    public InvalidInputException refuse(String quoteId, String contractId, Collection<Attempt> attempts, String actor,
                                        Channel channel) {
        var at = clock.now();
        List<Attempt> distinct = attempts.stream().distinct().toList();
        try {
            ownTransaction.executeWithoutResult(s -> distinct.forEach(a -> quotes.insertTamperAttempt(quoteId, contractId,
                    a.typeCode(), a.locked(), actor == null ? "unknown" : actor, channel, a.field(), at)));
        } catch (RuntimeException e) {
            log.error("Could not record clause change attempt on quote {} by {}", quoteId, actor, e);
        }
        log.warn("Refused clause change on quote {} (contract {}) by {} via {}: {}", quoteId, contractId, actor, channel,
                distinct.stream().map(Attempt::typeCode).toList());
        List<FieldError> errors = distinct.stream().map(a -> new FieldError(a.field(), a.locked() ? "locked-clause" : "clause-from-library",
                message(a))).toList();
        return new InvalidInputException(errors);
    }

    /** Throws the refusal when there is anything to refuse. */
    public void check(String quoteId, String contractId, List<Attempt> attempts, String actor, Channel channel) {
        if (!attempts.isEmpty()) {
            throw refuse(quoteId, contractId, attempts, actor, channel);
        }
    }

    static String message(Attempt a) {
        if (a.locked()) {
            return a.typeName() + " 为锁定条款 is locked: 条款内容只来自法务条款库的最新版本，不能在报价或合同中修改 "
                    + "it always comes from the latest version in legal's clause library and cannot be changed in a quote "
                    + "or contract; 此次修改已被拒绝并记录 this attempt was refused and recorded";
        }
        return a.typeName() + " 的条款文本来自条款库 comes from the clause library: 报价和合同只能修改价格和交货日期 "
                + "quotes and contracts change only prices and the delivery date; 此次修改已被拒绝并记录 this attempt was "
                + "refused and recorded";
    }

    /** @param key the clause's type code, or TYPE@MODEL for a product's own text ({@link AttachedClause#key()}) */
    private void compare(Map<String, AttachedClause> byType, String key, String text, Integer version, String field,
                         List<Attempt> attempts) {
        AttachedClause clause = byType.get(key);
        String type = key.contains("@") ? key.substring(0, key.indexOf('@')) : key;
        if (clause == null) {
            // an attempt to add a clause the quote does not carry
            ClauseType known = library.types().stream().filter(t -> t.code().equals(type)).findFirst().orElse(null);
            attempts.add(new Attempt(type, known == null ? type : known.name(), known != null && known.locked(), field));
            return;
        }
        boolean textDiffers = text != null && !normalize(text).equals(normalize(clause.text()));
        boolean versionDiffers = version != null && version != clause.version();
        if (textDiffers || versionDiffers) {
            attempts.add(new Attempt(clause.typeCode(), clause.typeName(), clause.locked(), field));
        }
    }

    private static void everyLocked(Map<String, AttachedClause> byType, String field, List<Attempt> attempts) {
        byType.values().stream().filter(AttachedClause::locked)
                .forEach(c -> attempts.add(new Attempt(c.typeCode(), c.typeName(), true, field)));
    }

    static String normalize(String text) {
        return Objects.requireNonNullElse(text, "").replace("\r\n", "\n").strip();
    }

    /** The read-only list the forms show. */
    static List<Map<String, Object>> displayList(List<AttachedClause> clauses) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (AttachedClause c : clauses) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("typeCode", c.typeCode());
            item.put("typeName", c.typeName());
            if (c.productModel() != null) {
                item.put("productModel", c.productModel());
            }
            item.put("version", c.version());
            item.put("locked", c.locked());
            item.put("text", c.text());
            list.add(item);
        }
        return list;
    }
}
