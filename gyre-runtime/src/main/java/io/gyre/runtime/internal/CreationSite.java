package io.gyre.runtime.internal;

import java.util.List;

/**
 * Where a task was spawned: the first caller frame outside the runtime; the whole stack in
 * debug mode. Captured with a {@link StackWalker} that stops at the first frame it needs.
 */
final class CreationSite {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String RUNTIME = "io.gyre.runtime.";

    private final StackWalker.StackFrame frame;
    private final List<StackWalker.StackFrame> full;

    private CreationSite(StackWalker.StackFrame frame, List<StackWalker.StackFrame> full) {
        this.frame = frame;
        this.full = full;
    }

    /*
     * Walking the stack costs about a microsecond, as much as a whole virtual-thread spawn. A
     * lambda's hidden class stands for one lambda expression in the source, which is nearly always
     * written at the spawn call: its site is walked once and then cached per class.
     */
    private static final ClassValue<CreationSite> BY_LAMBDA = new ClassValue<>() {
        @Override
        protected CreationSite computeValue(Class<?> type) {
            return capture(false);
        }
    };

    static CreationSite capture(boolean debug, Class<?> bodyClass) {
        if (!debug && bodyClass.isHidden()) {
            return BY_LAMBDA.get(bodyClass);
        }
        return capture(debug);
    }

    static CreationSite capture(boolean debug) {
        if (debug) {
            List<StackWalker.StackFrame> all = WALKER.walk(s -> s
                    .dropWhile(CreationSite::internal).toList());
            return new CreationSite(all.isEmpty() ? null : all.getFirst(), all);
        }
        StackWalker.StackFrame f = WALKER.walk(s -> s
                .filter(x -> !internal(x)).findFirst().orElse(null));
        return new CreationSite(f, null);
    }

    /** Frames of the runtime and of the JDK are never the interesting creation site. */
    private static boolean internal(StackWalker.StackFrame f) {
        String c = f.getClassName();
        // the runtime's own tests live in its packages and must still show as creation sites
        return (c.startsWith(RUNTIME) && !c.contains("Test")) || c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    @Override
    public String toString() {
        if (frame == null) {
            return "<unknown>";
        }
        if (full == null) {
            return format(frame);
        }
        StringBuilder sb = new StringBuilder(format(frame));
        for (int i = 1; i < full.size(); i++) {
            sb.append("\n\t\tfrom ").append(format(full.get(i)));
        }
        return sb.toString();
    }

    private static String format(StackWalker.StackFrame f) {
        String cls = f.getClassName();
        int dot = cls.lastIndexOf('.');
        return cls.substring(dot + 1) + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber()
                + ")";
    }
}
