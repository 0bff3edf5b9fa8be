package org.leadtocash.system.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a JUEL expression in an owner's diagram may do: read process variables, name one of the application's own
 * delegate beans (and call a method on it), compare, combine with and/or/not, and use literals. Nothing else: no method
 * call or property on anything but an app delegate ({@code ${execution.getProcessEngineServices()}}), no other Spring
 * bean ({@code ${runtimeService}}, {@code ${dataSource}}), no function ({@code ${dateTime()}}), no index ({@code ${a[0]}}).
 * Deploying a diagram is running its expressions with the engine's rights, so this is the fence.
 */
final class ExpressionAllowList {
    /** Names the engine resolves to its own objects, whose methods reach the whole engine. */
    static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "caseExecution", "externalTask", "variableScope",
            "processEngine", "processEngineServices");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt",
            "gt", "le", "ge", "div", "mod");
    private static final Set<String> OPERATORS = Set.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*",
            "/", "%", "?", ":", "(", ")", ",");

    /** How a name in an expression resolves in this application. */
    enum Name { VARIABLE, APP_DELEGATE, OTHER_BEAN }

    private ExpressionAllowList() {
    }

    /** The {@code ${…}} / {@code #{…}} expressions in a text (an attribute value or element text). */
    static List<String> expressions(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (text != null && i < text.length() - 1) {
            char c = text.charAt(i);
            if ((c == '$' || c == '#') && text.charAt(i + 1) == '{') {
                int end = i + 2;
                char quote = 0;
                while (end < text.length() && (quote != 0 || text.charAt(end) != '}')) {
                    char e = text.charAt(end);
                    if (quote != 0 && e == quote) {
                        quote = 0;
                    } else if (quote == 0 && (e == '\'' || e == '"')) {
                        quote = e;
                    }
                    end++;
                }
                out.add(text.substring(i, Math.min(end + 1, text.length())));
                i = end + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    /** Why the expression is outside the allow-list, or null when it is inside. */
    static String refusal(String expression, Predicate<String> isBean, Predicate<String> isAppDelegate) {
        if (!expression.endsWith("}")) {
            return "unterminated expression";
        }
        List<String> tokens;
        try {
            tokens = tokens(expression.substring(2, expression.length() - 1));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String previous = i > 0 ? tokens.get(i - 1) : "";
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (t.equals(".")) {
                // only appDelegate.method(…): the name before must be an app delegate, the name after a method called
                if (!(isAppDelegate.test(previous) && !(i > 1 && tokens.get(i - 2).equals(".")) && identifier(next)
                        && i + 2 < tokens.size() && tokens.get(i + 2).equals("("))) {
                    return "'." + next + "' reaches into '" + previous + "': only a method of one of the application's"
                            + " delegate beans may be called";
                }
                continue;
            }
            if (t.equals("(") && identifier(previous) && !KEYWORDS.contains(previous)
                    && !(i > 1 && tokens.get(i - 2).equals("."))) {
                return "'" + previous + "(…)' calls a function; only process variables and the application's delegate beans may be used";
            }
            if (identifier(t) && !KEYWORDS.contains(t) && !previous.equals(".")) {
                if (ENGINE_OBJECTS.contains(t)) {
                    return "'" + t + "' is the engine's own object, which reaches every engine service";
                }
                if (isBean.test(t) && !isAppDelegate.test(t)) {
                    return "'" + t + "' is a Spring bean that is neither one of the application's delegates nor marked ModelFunctions";
                }
            }
        }
        return null;
    }

    /**
     * The process variables an allowed expression reads: every name that is not a keyword, a bean, the engine's object,
     * a method after a dot or a function; empty for an expression outside the allow-list (refused for that reason).
     */
    static List<String> variables(String expression, Predicate<String> isBean) {
        List<String> out = new ArrayList<>();
        List<String> tokens;
        try {
            tokens = tokens(expression.substring(2, expression.length() - 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return out;
        }
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            String previous = i > 0 ? tokens.get(i - 1) : "";
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (identifier(t) && !KEYWORDS.contains(t) && !previous.equals(".") && !next.equals("(")
                    && !ENGINE_OBJECTS.contains(t) && !isBean.test(t) && !out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static boolean identifier(String token) {
        return !token.isEmpty() && Character.isJavaIdentifierStart(token.charAt(0)) && token.chars().allMatch(Character::isJavaIdentifierPart);
    }

    private static List<String> tokens(String body) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = body.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated text literal");
                }
                if (body.substring(i + 1, end).contains("\\")) {
                    throw new IllegalArgumentException("escapes in text literals are not allowed");
                }
                out.add("'literal'");
                i = end + 1;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < body.length() && (Character.isDigit(body.charAt(end)) || body.charAt(end) == '.'
                        || body.charAt(end) == 'e' || body.charAt(end) == 'E')) {
                    end++;
                }
                out.add("0");
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i;
                while (end < body.length() && Character.isJavaIdentifierPart(body.charAt(end))) {
                    end++;
                }
                out.add(body.substring(i, end));
                i = end;
            } else if (c == '.') {
                out.add(".");
                i++;
            } else {
                String two = i + 1 < body.length() ? body.substring(i, i + 2) : "";
                if (OPERATORS.contains(two)) {
                    out.add(two);
                    i += 2;
                } else if (OPERATORS.contains(String.valueOf(c))) {
                    out.add(String.valueOf(c));
                    i++;
                } else {
                    throw new IllegalArgumentException("'" + c + "' is not allowed in an expression (only variables, the"
                            + " application's delegate beans, literals, comparisons and and/or/not)");
                }
            }
        }
        return out;
    }
}
