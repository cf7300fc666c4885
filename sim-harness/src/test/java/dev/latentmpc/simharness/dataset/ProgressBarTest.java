package dev.latentmpc.simharness.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final StringWriter err = new StringWriter();

  @Test
  void reportsCountsRatesAndEtaFromTheInjectedClock() {
    ProgressBar bar = new ProgressBar(new PrintWriter(err), nanos::get, true, 10, 2);
    nanos.addAndGet(2_000_000_000L);
    bar.episodeDone(20);
    nanos.addAndGet(2_000_000_000L);
    bar.episodeDone(20);
    // 2 generated episodes in 4 s: 0.5 ep/s, 10 frames/s, 6 left → 12 s.
    assertThat(bar.line(nanos.get()))
        .contains("4/10 episodes")
        .contains("0.50 ep/s")
        .contains("10.0 frames/s")
        .contains("ETA 12s");
    assertThat(bar.generated()).isEqualTo(2);
    assertThat(bar.frames()).isEqualTo(40);
  }

  @Test
  void interactiveBarRedrawsInPlaceAndEndsWithANewline() {
    ProgressBar bar = new ProgressBar(new PrintWriter(err), nanos::get, true, 2, 0);
    nanos.addAndGet(1_000_000_000L);
    bar.episodeDone(5);
    nanos.addAndGet(1_000_000_000L);
    bar.episodeDone(5);
    assertThat(err.toString())
        .startsWith("\r[")
        .endsWith("2/2 episodes  1.00 ep/s  5.0 frames/s  ETA 0s\n");
  }

  @Test
  void durationsAreCompact() {
    assertThat(ProgressBar.formatDuration(7)).isEqualTo("7s");
    assertThat(ProgressBar.formatDuration(245)).isEqualTo("4m05s");
    assertThat(ProgressBar.formatDuration(3723)).isEqualTo("1h02m03s");
  }
}
