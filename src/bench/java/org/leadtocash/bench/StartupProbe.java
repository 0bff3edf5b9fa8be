package org.leadtocash.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Row 6, in a JVM of its own (so memory is the app's alone): starts the app (webapps on, as shipped) or the bare engine
 * on a fresh database, then reports start-up time, heap used after GC and resident memory on one {@code PROBE} line.
 *
 * <p>{@code StartupProbe app|bare h2|pg <h2 directory or PostgreSQL JDBC URL>}
 */
public final class StartupProbe {
    private StartupProbe() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        boolean postgres = args[1].equals("pg");
        String where = args[2];
        double startupMillis;
        AutoCloseable running;
        if (mode.equals("app")) {
            AtomicLong ready = new AtomicLong();
            List<String> appArgs = AppUnderTest.arguments(postgres ? where : null, Path.of(where), "default", true);
            long start = System.nanoTime();
            ConfigurableApplicationContext app = AppUnderTest.builder(postgres)
                    .listeners((ApplicationListener<ApplicationReadyEvent>) e -> ready.compareAndSet(0, System.nanoTime()))
                    .run(appArgs.toArray(String[]::new));
            startupMillis = (ready.get() - start) / 1e6;
            running = app;
        } else {
            String url = postgres ? where : "jdbc:h2:file:" + Path.of(where, "bare").toAbsolutePath() + ";AUTO_SERVER=FALSE;NON_KEYWORDS=VALUE";
            BareEngine bare = BareEngine.boot("probe-bare", url, postgres ? "postgres" : "sa", postgres ? "postgres" : "");
            startupMillis = bare.bootNanos / 1e6;
            running = bare;
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        double heapMib = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;
        double rssMib = Machine.rssMib();
        long jvmMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        System.out.println(String.format(Locale.ROOT, "PROBE startupMillis=%.0f heapMib=%.1f rssMib=%.1f jvmUptimeMillis=%d",
                startupMillis, heapMib, rssMib, jvmMillis));
        System.out.flush();
        running.close();
        System.exit(0);
    }
}
