package org.leadtocash.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the benchmark ran on, and this process's resident memory. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        long memKb = kb(Path.of("/proc/meminfo"), "MemTotal:");
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME");
        return String.format(Locale.ROOT, "%d cores%s, %.1f GiB RAM, Java %s (%s), %s %s %s%s",
                cores, cpu == null ? "" : " (" + cpu + ")", memKb / 1024.0 / 1024.0,
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                os == null ? "" : ", " + os.replace("\"", ""));
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** VmRSS of this process in MiB, from /proc/self/status; -1 where there is no /proc. */
    static double rssMib() {
        long kb = kb(Path.of("/proc/self/status"), "VmRSS:");
        return kb < 0 ? -1 : kb / 1024.0;
    }

    private static long kb(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    int sep = line.indexOf(line.contains(":") && !key.equals("PRETTY_NAME") ? ':' : '=');
                    return sep < 0 ? null : line.substring(sep + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return null;
    }
}
