package io.gyre.runtime;

import java.time.Duration;

/**
 * The main class of the child JVMs that {@link SignalShutdownTest} sends real signals to. It
 * prints every report on stdout, prefixed with {@code REPORT}, and {@code READY} once its
 * signal handling is in place.
 */
final class SignalChild {
    private SignalChild() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        RunnerConfig config = RunnerConfig.builder().name("child").loops(1).shutdownGrace(Duration.ofMillis(500))
                .reporter(r -> say("REPORT " + r.describe())).build();
        Runner.create(config).runAndExit(() -> {
            switch (mode) {
                case "graceful" -> graceful();
                case "stubborn" -> stubborn();
                case "hup" -> {
                    Signals.on("HUP", () -> say("HUP on " + Thread.currentThread().getName()));
                    graceful();
                }
                case "dump" -> {
                    Runner.current().orElseThrow().root().spawn("idle-worker", () -> Gyre.sleep(Duration.ofHours(1)));
                    graceful();
                }
                case "profiled" -> {
                    profile(Duration.ofMillis(500));
                    graceful();
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            return null;
        });
    }

    private static void graceful() {
        say("READY");
        try {
            Gyre.sleep(Duration.ofHours(1));
        } catch (CancelledException e) {
            say("MAIN CANCELLED: " + e.reason());
            throw e;
        }
    }

    /** Keeps a thread busy while JFR's execution sampler (which suspends threads with a signal) runs. */
    private static void profile(Duration busy) {
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            long end = System.nanoTime() + busy.toNanos();
            long spins = 0;
            while (System.nanoTime() < end) {
                spins++;
            }
            say("PROFILED " + (spins > 0));
        }
    }

    private static void stubborn() {
        say("READY");
        while (true) {
            try {
                Gyre.sleep(Duration.ofHours(1));
            } catch (CancelledException e) {
                say("IGNORING " + e.reason());
            }
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
