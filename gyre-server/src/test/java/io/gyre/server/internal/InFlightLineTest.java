package io.gyre.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The line of exchanges in flight: its head, and giving up on it, whether an earlier response
 * closes the connection or the connection closes. Runs on a connection that is never opened.
 */
class InFlightLineTest {
    private final ServerCore core = ExchangeEndTest.unstartedCore();
    private final Connection conn = ExchangeEndTest.unopenedConnection(core);
    private final InFlightLine line = new InFlightLine(conn, core, conn.output);

    private Exchange start() {
        return line.startAlone(ExchangeEndTest.exchange(conn).head);
    }

    @Test
    void anExchangeStartedAloneIsTheHeadUntilItIsTakenOff() {
        Exchange ex = start();
        assertThat(line.isHead(ex)).isTrue();
        assertThat(ex.released).as("its output goes out directly").isTrue();
        assertThat(line.isNewest(ex)).isTrue();
        line.pop();
        assertThat(line.isHead(ex)).isFalse();
        assertThat(line.isEmpty()).isTrue();
        assertThat(line.advance()).isNull();
    }

    @Test
    void droppingTheLineEndsItAndMarksItsExchangesDropped() {
        Exchange ex = start();
        line.dropAll("an earlier response closed the connection");
        assertThat(ex.dropped()).isTrue();
        assertThat(line.isHead(ex)).as("a dropped exchange is the head").isFalse();
        assertThat(line.isEmpty()).isTrue();
        assertThat(line.current).isNull();
    }

    @Test
    void anExchangeOutOfTheLineAfterAnUpgradeIsNotTheHeadYetNotDropped() {
        Exchange ex = start();
        line.clear();
        assertThat(line.isHead(ex)).isFalse();
        assertThat(ex.dropped()).as("its connection now carries the upgraded protocol").isFalse();
    }
}
