package io.gyre.bench.runtime;

import io.gyre.runtime.Supervisor;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Base of the benchmark states that spawn Gyre tasks: a {@link GyreHarness} runner for each
 * trial and its {@link #supervisor} to spawn into.
 */
public abstract class GyreBench {
    private GyreHarness gyre;
    /** The scope the benchmarks spawn into, from any thread. */
    protected Supervisor supervisor;

    /** Starts the runner before the trial. */
    @Setup(Level.Trial)
    public void startGyre() {
        gyre = new GyreHarness();
        supervisor = gyre.supervisor();
    }

    /**
     * Stops the runner after the trial.
     *
     * @throws InterruptedException if interrupted while waiting for the runner to end
     */
    @TearDown(Level.Trial)
    public void stopGyre() throws InterruptedException {
        gyre.close();
    }
}
