package io.gyre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A primitive that would have to wait refuses on a loop thread instead of stalling the loop. */
@org.junit.jupiter.api.Timeout(20)
class WaitingOnALoopThreadTest {
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    private <T> T run(Supplier<T> main) {
        RunnerConfig config = RunnerConfig.builder().name("sync").loops(1).reporter(reports::add)
                .blockedThreshold(Duration.ofSeconds(30)).build();
        T result = Gyre.run(config, main::get);
        assertThat(reports).isEmpty();
        return result;
    }

    /** Runs {@code callback} on the runner's only loop thread and returns its answer. */
    private static <T> T onLoop(Supplier<T> callback) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Runner.current().orElseThrow().loops().loops().getFirst().callSoon(() -> {
            try {
                answer.complete(callback.get());
            } catch (RuntimeException | Error e) {
                answer.completeExceptionally(e);
            }
        });
        return answer.join();
    }

    /** Runs {@code call} on the loop thread and returns the refusal's message. */
    private static String refusal(Runnable call) {
        return onLoop(() -> {
            try {
                call.run();
                return "no refusal";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
    }

    @Test
    void acquiringAHeldLockOnALoopThreadIsRefusedWithWhatToDoInstead() {
        String message = run(() -> {
            Lock lock = Lock.create("accounts");
            try (Held _ = lock.acquire()) {
                String m = refusal(lock::acquire);
                assertThat(lock.statistics().waiting()).isZero();
                return m;
            }
        });
        assertThat(message).contains("Lock 'accounts'", "acquire()", "loop thread 'sync-loop-0'", "blocks the loop",
                "tryAcquire()", "from a task");
    }

    @Test
    void acquiringASemaphoreWithoutFreePermitsOnALoopThreadIsRefused() {
        String message = run(() -> {
            Semaphore s = Semaphore.create(0);
            BoundedSemaphore b = BoundedSemaphore.create(1);
            try (Held _ = b.acquire()) {
                assertThat(refusal(b::acquire)).contains("BoundedSemaphore", "acquire()", "tryAcquire()");
            }
            String m = refusal(s::acquire);
            assertThat(s.statistics()).isEqualTo(new Semaphore.Statistics(0, 0));
            return m;
        });
        assertThat(message).contains("Semaphore", "acquire()", "loop thread 'sync-loop-0'", "tryAcquire()");
    }

    @Test
    void awaitingAnUnsetEventOrAConditionOnALoopThreadIsRefused() {
        run(() -> {
            Event event = Event.create();
            assertThat(refusal(event::await)).contains("Event", "await()", "loop thread 'sync-loop-0'", "isSet()");
            assertThat(refusal(() -> event.await(Duration.ofSeconds(5)))).contains("Event", "await(");
            assertThat(event.statistics().waiting()).isZero();

            Condition ready = Condition.create(Lock.create("jobs"));
            String m = onLoop(() -> {
                try (Held _ = ready.acquire()) {
                    ready.await();
                    return "no refusal";
                } catch (IllegalStateException e) {
                    return e.getMessage() + (ready.lock().isLocked() ? " [still locked]" : "");
                }
            });
            assertThat(m).contains("Condition on lock 'jobs'", "await()", "loop thread 'sync-loop-0'")
                    .doesNotContain("[still locked]");
            assertThat(ready.statistics()).isEqualTo(new Condition.Statistics(0, false));
            return null;
        });
    }

    @Test
    void awaitingABarrierOrAQueueOnALoopThreadIsRefusedAndLeavesNoTrace() {
        run(() -> {
            Barrier barrier = Barrier.create(2);
            assertThat(refusal(barrier::await)).contains("Barrier for 2 parties", "await()", "loop thread");
            assertThat(barrier.statistics()).isEqualTo(new Barrier.Statistics(2, 0, false));

            TaskQueue<String> queue = TaskQueue.fifo(1);
            assertThat(refusal(queue::take)).contains("TaskQueue(FIFO, capacity 1)", "take()", "tryTake()");
            queue.put("a");
            assertThat(refusal(() -> queue.put("b"))).contains("put()", "tryPut(");
            assertThat(refusal(queue::join)).contains("join()", "loop thread");
            assertThat(queue.statistics().waitingTakers() + queue.statistics().waitingPutters()).isZero();
            assertThat(queue.size()).isEqualTo(1);
            return null;
        });
    }

    @Test
    void callsThatNeedNotWaitStillWorkOnALoopThread() {
        List<String> done = run(() -> onLoop(() -> {
            Lock lock = Lock.create("free");
            lock.acquire().close();
            Event event = Event.create();
            event.set();
            event.await();
            TaskQueue<String> queue = TaskQueue.fifo(1);
            queue.put("item");
            String item = queue.take();
            queue.taskDone();
            queue.join();
            Barrier.create(1).await();
            return List.of(item, String.valueOf(lock.isLocked()));
        }));
        assertThat(done).containsExactly("item", "false");
    }
}
