package io.gyre.examples;

import java.util.Arrays;

/**
 * The entry point of {@code ./gyre demo}.
 *
 * <ul>
 *   <li>{@code ./gyre demo [port]} serves the demo shop (a gyre-web app) on 127.0.0.1:8000 (or the
 *       given port): {@code /}, {@code /slow}, {@code /stream}, {@code /echo}, {@code /ws},
 *       {@code /items/{id}}, {@code POST /items}, {@code /openapi.json}, {@code /docs};</li>
 *   <li>{@code ./gyre demo runtime [seconds]} runs the structured-concurrency crawler demo.</li>
 * </ul>
 */
public final class Demo {
    private Demo() {
    }

    /**
     * Runs a demo.
     *
     * @param args {@code [port]}, or {@code runtime [seconds]}
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("runtime")) {
            RuntimeDemo.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        ShopApp.main(args);
    }
}
