package io.gyre.examples;

import java.util.Arrays;

/**
 * The entry point of {@code ./gyre demo}.
 *
 * <p>{@code ./gyre demo runtime [seconds]} runs the structured-concurrency crawler demo.
 */
public final class Demo {
    private Demo() {
    }

    /**
     * Runs a demo.
     *
     * @param args {@code runtime [seconds]}
     */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("runtime")) {
            RuntimeDemo.main(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.err.println("usage: ./gyre demo [runtime [seconds]]");
        System.exit(2);
    }
}
