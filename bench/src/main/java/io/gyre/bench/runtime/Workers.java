package io.gyre.bench.runtime;

import io.gyre.runtime.Supervisor;
import io.gyre.runtime.Task;
import java.util.ArrayList;
import java.util.List;

/** Starts a set of workers and waits for all of them: as Gyre tasks or as raw virtual threads. */
final class Workers {
    private Workers() {
    }

    /** One worker body; {@code index} tells the worker which role it plays. */
    @FunctionalInterface
    interface Body {
        void run(int index) throws Exception;
    }

    static void gyre(Supervisor scope, int count, Body body) {
        List<Task<Object>> tasks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.add(scope.spawn(() -> {
                body.run(index);
                return null;
            }));
        }
        for (Task<Object> t : tasks) {
            t.join();
        }
    }

    static void raw(int count, Body body) throws InterruptedException {
        Thread[] threads = new Thread[count];
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < count; i++) {
            int index = i;
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    body.run(index);
                } catch (Throwable t) {
                    synchronized (failure) {
                        failure[0] = t;
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        synchronized (failure) {
            if (failure[0] != null) {
                throw new IllegalStateException("a benchmark worker failed", failure[0]);
            }
        }
    }
}
