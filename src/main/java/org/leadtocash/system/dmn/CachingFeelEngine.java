package org.leadtocash.system.dmn;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelLogger;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine.UnaryTests$;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;

/**
 * Camunda's FEEL engine for decision tables, with each expression parsed once. {@link ScalaFeelEngine} parses the
 * input entry or expression text on every evaluation (feel-scala #1149), which made routing a lead spend most of its
 * CPU in the FEEL parser. Parsing is a pure function of the text, so the parsed form is kept per text and evaluated
 * against each call's variables exactly as {@code FeelEngine.evalUnaryTests}/{@code evalExpression} do (parse, then
 * {@code eval(parsed, context)}). Results, failures and their messages are the same as Camunda's.
 */
public class CachingFeelEngine extends ScalaFeelEngine {
    /** Distinct expression texts kept; beyond this the cache starts over (decision tables hold far fewer). */
    static final int MAX_CACHED = 10_000;

    private final Map<String, Either<Failure, ParsedExpression>> unaryTests = new ConcurrentHashMap<>();
    private final Map<String, Either<Failure, ParsedExpression>> expressions = new ConcurrentHashMap<>();

    public CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
        super(functionProviders);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
        ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
        CustomContext context = new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new ContextVariableWrapper(variableContext);
            }
        };
        return (T) value(feelEngine.eval(parsed, context));
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
        ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
        StaticVariableProvider input = new StaticVariableProvider(
                new camundajar.impl.scala.collection.immutable.Map.Map1<>(UnaryTests$.MODULE$.inputVariable(), inputVariable));
        ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
        CustomContext context = new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return new CompositeVariableProvider(toScalaList(input, variables));
            }
        };
        return BoxesRunTime.unboxToBoolean(value(feelEngine.eval(parsed, context)));
    }

    /** How many parsed expressions are kept (unary tests + expressions), for tests. */
    int cached() {
        return unaryTests.size() + expressions.size();
    }

    private static ParsedExpression parsed(Map<String, Either<Failure, ParsedExpression>> cache, String expression,
                                           Function<String, Either<Failure, ParsedExpression>> parser) {
        Either<Failure, ParsedExpression> result = cache.get(expression);
        if (result == null) {
            result = parser.apply(expression);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(expression, result);
        }
        return (ParsedExpression) value(result);
    }

    /** The value on the right, or Camunda's evaluation exception with the FEEL engine's message. */
    private static Object value(Either<Failure, ?> either) {
        if (either instanceof Left<Failure, ?> left) {
            throw ScalaFeelLogger.LOGGER.evaluationException(left.value().message());
        }
        return either.toOption().get();
    }
}
