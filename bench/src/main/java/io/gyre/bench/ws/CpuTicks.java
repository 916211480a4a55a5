package io.gyre.bench.ws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU time from Linux's /proc, in clock ticks: a server process's and this process's user +
 * system time, and the whole machine's busy time (user, nice, system, irq, softirq, steal).
 */
final class CpuTicks {
    private CpuTicks() {
    }

    /** Returns {server, self, machine busy} ticks, or null when there is no server pid or no /proc. */
    static long[] snapshot(long serverPid) {
        if (serverPid < 0) {
            return null;
        }
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                    + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]) + Long.parseLong(cpu[8]);
            return new long[] {processTicks("/proc/" + serverPid + "/stat"), processTicks("/proc/self/stat"), busy};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long processTicks(String file) throws IOException {
        String stat = Files.readString(Path.of(file));
        String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
    }

    /** The CPU use between two snapshots as {@code key=value} pairs (with a leading space), or "". */
    static String describe(long[] from, long[] to, int clkTck, long nanos) {
        if (from == null || to == null) {
            return "";
        }
        double core = clkTck * (nanos / 1e9) / 100; // ticks in 1 % of one core over the window
        double server = (to[0] - from[0]) / core;
        double self = (to[1] - from[1]) / core;
        double busy = (to[2] - from[2]) / core;
        return String.format(Locale.ROOT, " server_cpu_pct=%.1f client_cpu_pct=%.1f other_cpu_pct=%.1f",
                server, self, busy - server - self);
    }
}
