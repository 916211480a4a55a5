package io.gyre.server;

/**
 * App startup or shutdown work: opening pools, warming caches, closing them again. Runs in a
 * task, so it may block.
 */
@FunctionalInterface
public interface LifespanHook {
    /**
     * Runs the hook.
     *
     * @param state the app state shared with requests; startup hooks put resources here
     * @throws Exception any failure: a failing startup hook stops the server before it binds
     */
    void run(AppState state) throws Exception;
}
