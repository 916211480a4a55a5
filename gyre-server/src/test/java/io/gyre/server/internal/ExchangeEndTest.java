package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gyre.server.AppState;
import io.gyre.server.ServerConfig;
import io.gyre.server.internal.http.HttpLimits;
import io.gyre.server.internal.http.RequestHead;
import io.gyre.server.internal.http.RequestHeadParser;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The end state of an exchange: the handler's end reaches the loop exactly once (riding on the
 * response's post or posted on its own), the line takes it once, and dropping keeps it. The
 * exchanges belong to a connection that is never opened: only their state is exercised.
 */
class ExchangeEndTest {
    private static final Connection CONN = unopenedConnection(unstartedCore());

    /** A server that never starts: for state-only tests. */
    static ServerCore unstartedCore() {
        return new ServerCore(ServerConfig.defaults(), (rq, rs) -> rs.send("unused"), List.of(), List.of(),
                new AppState());
    }

    /** A connection of {@code core} with no socket: for state-only tests. */
    static Connection unopenedConnection(ServerCore core) {
        return new Connection(core, new LoopContext(core, null), null, new InetSocketAddress("127.0.0.1", 9));
    }

    /** An exchange for a GET request, as the loop makes it. */
    static Exchange exchange(Connection conn) {
        RequestHead head = new RequestHeadParser(HttpLimits.DEFAULTS)
                .parse(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        return new Exchange(conn, head);
    }

    private static Exchange exchange() {
        return exchange(CONN);
    }

    @Test
    void anEndWhileTheResponseIsOnItsWayToTheLoopRidesOnThatPost() {
        Exchange ex = exchange();
        ex.sendPosting();
        assertThat(ex.end(false)).as("the end posted on its own").isFalse();
        assertThat(ex.sendRun()).as("the end handed over with the response").isTrue();
        assertThat(ex.takeEnd()).isTrue();
        assertThat(ex.aborted()).isFalse();
    }

    @Test
    void anEndAfterTheLoopRanTheResponsesPostIsPostedOnItsOwn() {
        Exchange ex = exchange();
        ex.sendPosting();
        assertThat(ex.sendRun()).as("an end handed over with the response").isFalse();
        assertThat(ex.end(true)).as("the end posted on its own").isTrue();
        assertThat(ex.takeEnd()).isTrue();
        assertThat(ex.aborted()).isTrue();
    }

    @Test
    void anEndWithoutAResponseOnItsWayIsPostedOnItsOwn() {
        assertThat(exchange().end(false)).isTrue();
    }

    @Test
    void aHandlerThatEndsTwiceReachesTheLoopOnceWithItsFirstOutcome() {
        Exchange ex = exchange();
        assertThat(ex.end(false)).isTrue();
        assertThat(ex.end(true)).as("a second end posted").isFalse();
        ex.sendPosting();
        assertThat(ex.end(true)).as("a second end riding on a later post").isFalse();
        assertThat(ex.takeEnd()).isTrue();
        assertThat(ex.aborted()).as("the second end's abort").isFalse();
    }

    @Test
    void theLineTakesAnEndOnlyOnce() {
        Exchange ex = exchange();
        ex.end(false);
        assertThat(ex.finished()).isFalse();
        assertThat(ex.takeEnd()).isTrue();
        assertThat(ex.finished()).isTrue();
        assertThat(ex.takeEnd()).as("the end taken a second time").isFalse();
    }

    @Test
    void aLateSendAfterAPostedEndCannotHandTheEndOverASecondTime() {
        Exchange ex = exchange();
        assertThat(ex.end(false)).isTrue();
        assertThat(ex.takeEnd()).isTrue(); // the posted end ran
        ex.sendPosting();
        ex.sendRun(); // the loop offers the end again with the late response
        assertThat(ex.takeEnd()).as("the end taken a second time").isFalse();
    }

    @Test
    void droppingKeepsAnEndThatRidesOnTheResponsesPost() {
        Exchange ex = exchange();
        ex.sendPosting();
        assertThat(ex.end(true)).isFalse();
        assertThat(ex.dropped()).isFalse();
        ex.drop();
        assertThat(ex.dropped()).isTrue();
        assertThat(ex.sendRun()).as("the end handed over with the (discarded) response").isTrue();
        assertThat(ex.takeEnd()).isTrue();
        assertThat(ex.aborted()).isTrue();
        assertThat(ex.dropped()).isTrue();
    }

    @Test
    void everyEndReachesTheLoopExactlyOnceHoweverItRacesTheResponsesPost() throws Exception {
        int rounds = 2_000;
        Exchange[] exchanges = new Exchange[rounds];
        for (int i = 0; i < rounds; i++) {
            exchanges[i] = exchange();
            exchanges[i].sendPosting();
        }
        boolean[] posted = new boolean[rounds];
        boolean[] rode = new boolean[rounds];
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread handler = Thread.ofPlatform().name("handler").start(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    together.await(10, TimeUnit.SECONDS);
                    posted[i] = exchanges[i].end(false);
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
        try {
            for (int i = 0; i < rounds; i++) {
                together.await(10, TimeUnit.SECONDS);
                rode[i] = exchanges[i].sendRun();
            }
        } finally {
            handler.join(TimeUnit.SECONDS.toMillis(10));
            timedOut.set(handler.isAlive());
        }
        assertThat(failure.get()).isNull();
        assertThat(timedOut).isFalse();
        for (int i = 0; i < rounds; i++) {
            assertThat(posted[i] ^ rode[i]).as("round %d: posted %s, rode %s", i, posted[i], rode[i]).isTrue();
        }
    }
}
