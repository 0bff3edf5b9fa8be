package org.leadtocash.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.leadtocash.LeadToCashApplication;

/**
 * One application node in a JVM of its own: {@code java -cp <this test JVM's class path>
 * org.leadtocash.LeadToCashApplication --…}, output to a log file, up when {@code /actuator/health} says UP, stopped
 * hard with {@link Process#destroyForcibly()} (SIGKILL on Linux: no shutdown hook, no finally block, no commit of what
 * it was doing — open database transactions die with its connections). A shutdown hook of the test JVM kills it too,
 * should the test JVM end without {@link #close()}. Used by the cluster tests (a node killed mid-work) and by the
 * first-install browser test (a fresh application with its own webapps, whose static state must not meet the shared
 * test context's).
 */
public final class ChildNode implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread killOnExit;

    private ChildNode(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts the node; {@code args} are Spring Boot command-line properties ({@code --key=value}). */
    public static ChildNode start(String name, List<String> args, Path logFile) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Duser.timezone=" + System.getProperty("user.timezone", "UTC"));
        command.add("-cp");
        command.add(classPath());
        command.add(LeadToCashApplication.class.getName());
        command.add("--server.port=" + port);
        command.addAll(args);
        Files.createDirectories(logFile.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        return new ChildNode(name, process, port, logFile);
    }

    /**
     * Surefire's real test class path when it starts the tests through a manifest-only jar; else java.class.path. Empty
     * entries are dropped: Java reads one (surefire's list ends with a separator) as the working directory, whose
     * {@code bpmn/} and {@code forms/} would then be deployed a second time next to {@code target/classes}.
     */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String raw = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return Arrays.stream(raw.split(File.pathSeparator)).filter(e -> !e.isBlank()).distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits until the node's health endpoint answers UP; fails with the end of its log if it dies or times out. */
    public void awaitUp(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("node " + name + " exited with " + process.exitValue() + " while starting:\n" + logTail(80));
            }
            try {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() - end >= 0) {
                throw new AssertionError("node " + name + " not up after " + timeout + ":\n" + logTail(80));
            }
            sleepQuietly(250);
        }
    }

    /** Hard stop: SIGKILL, then waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + name + " (pid " + process.pid() + ") did not die within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(log " + logFile + " unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting anyway
        }
    }

    /** {@code http://localhost:<port>} of the node. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
