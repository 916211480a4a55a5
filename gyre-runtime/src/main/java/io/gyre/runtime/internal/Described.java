package io.gyre.runtime.internal;

/** A callback with a human description, for failure and blocked-loop reports. */
record Described(String description, Runnable callback) implements Runnable {
    @Override
    public void run() {
        callback.run();
    }

    static String describe(Runnable r) {
        if (r instanceof Described d) {
            return d.description;
        }
        String n = r.getClass().getName();
        int lambda = n.indexOf("$$Lambda");
        return lambda > 0 ? "lambda in " + n.substring(0, lambda) : n;
    }

    @Override
    public String toString() {
        return description;
    }
}
