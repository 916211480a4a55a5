package io.gyre.examples;

/** Placeholder; replaced by the runtime demo. */
public final class Demo {
    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("gyre demo");
    }
}
