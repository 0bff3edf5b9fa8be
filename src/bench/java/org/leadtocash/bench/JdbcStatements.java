package org.leadtocash.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements and commits that go through a {@link DataSource}, on any database (H2 or PostgreSQL): a
 * JDBC wrapper that sees every {@code execute…} and every batched statement ({@code addBatch}) with its SQL text. Used
 * to compare one lead in the app with one instance of the same diagram on the bare engine. Work done on a thread
 * inside {@link #ignoring} (the benchmark's own polling) is left out.
 */
final class JdbcStatements {
    private static final ThreadLocal<Boolean> IGNORED = ThreadLocal.withInitial(() -> false);
    private static final Pattern TABLE = Pattern.compile("(?:INTO|UPDATE|FROM)\\s+\"?([A-Za-z_0-9.]+)", Pattern.CASE_INSENSITIVE);

    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();
    private final LongAdder commits = new LongAdder();
    private volatile boolean on;

    /** The app: wraps its {@code DataSource} bean, so Spring, Flyway and the engine all go through the counter. */
    ApplicationContextInitializer<ConfigurableApplicationContext> initializer() {
        return context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && !(bean instanceof Counting) ? wrap(ds) : bean;
            }
        });
    }

    /** A data source whose statements this counter sees. */
    DataSource wrap(DataSource target) {
        return new Counting(target);
    }

    /** Runs {@code work} on this thread without counting what it executes. */
    static <T> T ignoring(Supplier<T> work) {
        boolean before = IGNORED.get();
        IGNORED.set(true);
        try {
            return work.get();
        } finally {
            IGNORED.set(before);
        }
    }

    void start() {
        bySql.clear();
        commits.reset();
        on = true;
    }

    /** Counts since {@link #start()}, per unit of work. */
    record PerUnit(int units, double total, double selects, double inserts, double updates, double deletes, double other,
                   double commits, double historyWrites, Map<String, Double> writesPerTable, Map<String, Double> readsPerTable,
                   List<Map.Entry<String, Double>> top) {
        String text() {
            return String.format(Locale.ROOT, "%.1f statements (%.1f selects, %.1f inserts, %.1f updates, %.1f deletes%s; %.1f of the "
                            + "writes to ACT_HI_*), %.1f commits", total, selects, inserts, updates, deletes,
                    other > 0 ? String.format(Locale.ROOT, ", %.1f other", other) : "", historyWrites, commits);
        }

        String tables(Map<String, Double> perTable, int limit) {
            return perTable.entrySet().stream().limit(limit)
                    .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
        }
    }

    PerUnit stop(int units) {
        on = false;
        double total = 0;
        double[] kinds = new double[5];
        double history = 0;
        Map<String, Double> writes = new ConcurrentHashMap<>();
        Map<String, Double> reads = new ConcurrentHashMap<>();
        for (Map.Entry<String, LongAdder> e : bySql.entrySet()) {
            double n = e.getValue().sum();
            String sql = e.getKey().toUpperCase(Locale.ROOT);
            int kind = sql.startsWith("SELECT") || sql.startsWith("WITH") ? 0 : sql.startsWith("INSERT") ? 1
                    : sql.startsWith("UPDATE") ? 2 : sql.startsWith("DELETE") ? 3 : 4;
            kinds[kind] += n;
            total += n;
            Matcher table = TABLE.matcher(sql);
            String name = table.find() ? table.group(1) : "?";
            if (kind == 0) {
                reads.merge(name, n / units, Double::sum);
            } else {
                writes.merge(name, n / units, Double::sum);
                if (name.startsWith("ACT_HI_")) {
                    history += n;
                }
            }
        }
        List<Map.Entry<String, Double>> top = bySql.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum() / (double) units))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        return new PerUnit(units, total / units, kinds[0] / units, kinds[1] / units, kinds[2] / units, kinds[3] / units,
                kinds[4] / units, commits.sum() / (double) units, history / units, sorted(writes), sorted(reads), top);
    }

    private static Map<String, Double> sorted(Map<String, Double> map) {
        Map<String, Double> out = new LinkedHashMap<>();
        map.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private void count(String sql) {
        if (on && sql != null && !IGNORED.get()) {
            bySql.computeIfAbsent(sql.strip().replaceAll("\\s+", " "), k -> new LongAdder()).increment();
        }
    }

    /** The wrapped data source (a {@link DelegatingDataSource}, so {@code unwrap} still reaches the pool). */
    private final class Counting extends DelegatingDataSource {
        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return connection(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return connection(super.getConnection(username, password));
        }
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (method, args) -> {
            switch (method.getName()) {
                case "prepareStatement" -> {
                    return statement(PreparedStatement.class, (Statement) invoke(target, method, args), (String) args[0]);
                }
                case "prepareCall" -> {
                    return statement(CallableStatement.class, (Statement) invoke(target, method, args), (String) args[0]);
                }
                case "createStatement" -> {
                    return statement(Statement.class, (Statement) invoke(target, method, args), null);
                }
                case "commit" -> {
                    if (on && !IGNORED.get()) {
                        commits.increment();
                    }
                    return invoke(target, method, args);
                }
                default -> {
                    return invoke(target, method, args);
                }
            }
        });
    }

    private <S extends Statement> S statement(Class<S> type, Statement target, String prepared) {
        return proxy(type, target, (method, args) -> {
            String name = method.getName();
            boolean withSql = args != null && args.length > 0 && args[0] instanceof String;
            if (name.equals("addBatch") || (name.startsWith("execute") && !name.equals("executeBatch")
                    && !name.equals("executeLargeBatch"))) {
                count(withSql ? (String) args[0] : prepared);
            }
            return invoke(target, method, args);
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Handler handler) {
        InvocationHandler h = (p, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
                return target;
            }
            return handler.handle(method, args);
        };
        return (T) Proxy.newProxyInstance(JdbcStatements.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
