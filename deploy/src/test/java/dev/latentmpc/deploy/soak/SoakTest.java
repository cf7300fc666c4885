package dev.latentmpc.deploy.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.controller.rpc.BearerToken;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import dev.latentmpc.deploy.metrics.MetricsHttpServer;
import dev.latentmpc.deploy.security.Role;
import dev.latentmpc.deploy.security.ServerTls;
import dev.latentmpc.deploy.security.TestPki;
import dev.latentmpc.deploy.security.TokenStore;
import dev.latentmpc.deploy.server.OperatorRequests;
import dev.latentmpc.deploy.server.RunningService;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long run of the real service, as {@code serve} composes it, on the in-process sim: TLS, bearer
 * tokens and leases on; one operator runs reach episodes back to back (CEM reduced to {@value
 * #SAMPLES} x {@value #ITERATIONS} so an episode takes seconds, every {@value
 * OperatorLoop#CANCEL_EVERY}th cancelled after its first step) while {@value #VIEWERS} viewers hold
 * health watches open, poll the status and reconnect every {@value #RECONNECT_SECONDS} s, and
 * {@code /metrics} is scraped every 2 s.
 *
 * <p>Every window ({@code soak.windowSeconds}, default 60) it prints heap after GC, JDK direct and
 * mapped buffers, Netty's own direct memory, the process's RSS, live threads and the planning
 * latency of the window's steps. It then checks for leaks, with bounds generous enough for a
 * shared, busy machine (these are not speed checks): heap after GC, RSS, direct memory and threads
 * at the end against the end of the first window (the warm-up); p95 planning latency of the last
 * window against the first; every episode ended with an outcome and no call failed; after the
 * service and the clients are closed, the thread count is back to what it was before the start.
 *
 * <p>Tagged {@code soak} (left out of the default run): {@code deploy/bin/test-all} runs it for 3
 * minutes after {@code mvn verify}; {@code -Dsoak.minutes=30} for the long run (deploy/README.md).
 */
@Tag("soak")
class SoakTest {
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  private static final int SAMPLES = 32;
  private static final int ITERATIONS = 2;
  private static final int STEPS = 6;
  private static final int VIEWERS = 4;
  private static final long RECONNECT_SECONDS = 30;

  private static final long HEAP_GROWTH_BOUND = 32L << 20;
  private static final long RSS_FLOOR_GROWTH_BOUND = 128L << 20;
  private static final long RSS_EVERY_SECONDS = 5;
  private static final long DIRECT_GROWTH_BOUND = 32L << 20;
  private static final int THREAD_SLACK = 4;
  private static final double P95_FACTOR = 2.5;
  private static final double P95_SLACK_SECONDS = 0.025;

  @TempDir Path dir;

  @Test
  void theServiceRunsEpisodesWithViewersWithoutLeaking() throws Exception {
    double minutes = Double.parseDouble(System.getProperty("soak.minutes", "3"));
    double windowSeconds = Double.parseDouble(System.getProperty("soak.windowSeconds", "60"));
    int windows = Math.max(2, (int) Math.ceil(minutes * 60 / windowSeconds));
    TestPki pki = TestPki.create(Files.createDirectory(dir.resolve("pki")));
    ServeConfig config = config(pki);
    Set<String> threadsBefore = threadNames();
    int threadsAtStart = ManagementFactory.getThreadMXBean().getThreadCount();

    RunningService service =
        RunningService.start(
            config, ServerTls.builder("127.0.0.1", 0, config.security()), System::nanoTime, "soak");
    List<ResourceSample> samples = new ArrayList<>();
    List<Window.RssReading> rss = new CopyOnWriteArrayList<>();
    ScheduledExecutorService rssReader =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "soak-rss"));
    OperatorLoop operator;
    Viewers viewers;
    long start = System.nanoTime();
    double loadEnded;
    try {
      rssReader.scheduleAtFixedRate(
          () -> rss.add(new Window.RssReading(seconds(start), ResourceSample.readRss())),
          RSS_EVERY_SECONDS,
          RSS_EVERY_SECONDS,
          TimeUnit.SECONDS);
      ChannelCredentials tls =
          TlsChannelCredentials.newBuilder().trustManager(pki.file("ca.pem").toFile()).build();
      int port = service.operator().port();
      ManagedChannel operatorChannel = channel(port, tls);
      long deadline = start + (long) (windows * windowSeconds * 1e9);
      operator =
          new OperatorLoop(
              stub(operatorChannel, "operator-token"),
              OperatorRequests.goalUpload(Episode.create(SimTask.REACH, 0)),
              STEPS,
              System::nanoTime,
              start,
              deadline);
      Thread operatorThread = new Thread(operator, "soak-operator");
      viewers =
          new Viewers(
              VIEWERS,
              i -> channel(port, tls),
              i -> "viewer-token-" + i,
              Duration.ofSeconds(RECONNECT_SECONDS),
              service.metrics().map(MetricsHttpServer::url));
      samples.add(ResourceSample.take(0));
      operatorThread.start();
      CountDownLatch never = new CountDownLatch(1);
      for (int w = 1; w <= windows; w++) {
        long boundary = start + (long) (w * windowSeconds * 1e9);
        never.await(Math.max(0, boundary - System.nanoTime()), TimeUnit.NANOSECONDS);
        samples.add(ResourceSample.take(seconds(start)));
      }
      operatorThread.join(TimeUnit.MINUTES.toMillis(5));
      assertThat(operatorThread.isAlive()).as("the operator's last episode ended").isFalse();
      loadEnded = seconds(start);
      viewers.close();
      operatorChannel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    } finally {
      rssReader.shutdownNow();
      service.close();
    }
    List<Window> table = Window.of(samples, operator, rss);
    print(minutes, table, operator, viewers);
    System.out.printf(
        "soak: the last episode ended at %.0f s, the service was closed at %.0f s%n",
        loadEnded, seconds(start));

    assertNoFailures(operator, viewers, windows);
    assertNoLeaks(table);
    assertThreadsBackToTheStart(threadsAtStart, threadsBefore);
  }

  private ServeConfig config(TestPki pki) throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    List<String> lines = new ArrayList<>();
    lines.add(TokenStore.line(Role.OPERATOR, "soak-operator", "operator-token"));
    for (int i = 0; i < VIEWERS; i++) {
      lines.add(TokenStore.line(Role.VIEWER, "viewer-" + i, "viewer-token-" + i));
    }
    Files.write(tokens, lines);
    return ConfigLoader.defaultsWith(
        HOME,
        Setting.assignment("api.port=0"),
        Setting.assignment("metrics.port=0"),
        Setting.assignment("planner.samples=" + SAMPLES),
        Setting.assignment("planner.iterations=" + ITERATIONS),
        Setting.assignment("security.auth=token"),
        Setting.assignment("security.tokensFile=" + tokens),
        Setting.assignment("security.tls.certChain=" + pki.file("server.pem")),
        Setting.assignment("security.tls.privateKey=" + pki.file("server.key")),
        Setting.assignment("security.leaseSeconds=30"));
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static ManagedChannel channel(int port, ChannelCredentials tls) {
    return Grpc.newChannelBuilderForAddress("127.0.0.1", port, tls).build();
  }

  private static ControlGrpc.ControlBlockingStub stub(ManagedChannel channel, String token) {
    return ControlGrpc.newBlockingStub(channel).withInterceptors(BearerToken.interceptor(token));
  }

  private static void assertNoFailures(OperatorLoop operator, Viewers viewers, int windows) {
    assertThat(operator.errors).as("operator calls that failed").isEmpty();
    assertThat(viewers.errors).as("viewer calls and scrapes that failed").isEmpty();
    assertThat(operator.episodes)
        .as("every started episode ended with an outcome")
        .hasSize(operator.started)
        .allSatisfy(e ->
            assertThat(e.status())
                .isIn(
                    OutcomeStatus.OUTCOME_STATUS_SUCCEEDED,
                    OutcomeStatus.OUTCOME_STATUS_COMPLETED,
                    OutcomeStatus.OUTCOME_STATUS_CANCELLED));
    assertThat(operator.episodes.size())
        .as("episodes, at least one per window")
        .isGreaterThanOrEqualTo(windows);
    assertThat(viewers.calls.get()).isPositive();
    assertThat(viewers.healthUpdates.get()).as("health watch updates").isPositive();
  }

  private static void assertNoLeaks(List<Window> table) {
    ResourceSample warm = table.get(1).sample();
    ResourceSample end = table.get(table.size() - 1).sample();
    assertThat(end.heapAfterGcBytes() - warm.heapAfterGcBytes())
        .as("heap after GC growth since the warm-up, bytes")
        .isLessThanOrEqualTo(HEAP_GROWTH_BOUND);
    if (warm.rssBytes() >= 0) {
      assertThat(table.get(table.size() - 1).rssMinBytes() - table.get(1).rssMinBytes())
          .as("growth of the RSS floor (smallest reading of a window), last vs first window")
          .isLessThanOrEqualTo(RSS_FLOOR_GROWTH_BOUND);
    }
    assertThat(end.directBytes() - warm.directBytes())
        .as("JDK direct/mapped buffer growth, bytes")
        .isLessThanOrEqualTo(DIRECT_GROWTH_BOUND);
    if (warm.nettyDirectBytes() >= 0) {
      assertThat(end.nettyDirectBytes() - warm.nettyDirectBytes())
          .as("Netty direct memory growth, bytes")
          .isLessThanOrEqualTo(DIRECT_GROWTH_BOUND);
    }
    assertThat(end.threads())
        .as("live threads at the end vs the warm-up")
        .isLessThanOrEqualTo(warm.threads() + THREAD_SLACK);
    double firstP95 = table.get(1).planP95Seconds();
    double lastP95 = table.get(table.size() - 1).planP95Seconds();
    assertThat(lastP95)
        .as("p95 planning latency of the last window vs the first (%.1f ms)", firstP95 * 1e3)
        .isLessThanOrEqualTo(firstP95 * P95_FACTOR + P95_SLACK_SECONDS);
  }

  /**
   * After the service and every client are closed the thread count returns to its value before the
   * start. gRPC and Netty release their shared pools a second after their last user is gone, but
   * with TLS gRPC keeps its shared executor referenced (its TLS handshakes run there), so that
   * pool's idle threads (as many as handshakes once ran at the same time) end only at the pool's 60
   * s idle timeout: hence the wait of up to 75 s.
   */
  private static void assertThreadsBackToTheStart(int threadsAtStart, Set<String> before)
      throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    Map<String, Long> atClose = threadCounts();
    long waitStart = System.nanoTime();
    int now = ManagementFactory.getThreadMXBean().getThreadCount();
    for (int i = 0; i < 75 && now > threadsAtStart + THREAD_SLACK; i++) {
      never.await(1, TimeUnit.SECONDS);
      now = ManagementFactory.getThreadMXBean().getThreadCount();
    }
    Set<String> added = threadNames();
    added.removeAll(before);
    System.out.printf(
        "soak: threads before the start %d; right after closing %s; %.0f s later %d, new names:"
            + " %s%n",
        threadsAtStart, atClose, seconds(waitStart), now, added);
    assertThat(now)
        .as("threads after closing everything (new ones: %s)", added)
        .isLessThanOrEqualTo(threadsAtStart + THREAD_SLACK);
  }

  private static Map<String, Long> threadCounts() {
    return Thread.getAllStackTraces().keySet().stream()
        .collect(
            Collectors.groupingBy(
                t -> t.getName().replaceAll("\\d+", "#"), TreeMap::new, Collectors.counting()));
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(t -> t.getName().replaceAll("\\d+", "#"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void print(
      double minutes, List<Window> table, OperatorLoop operator, Viewers viewers) {
    System.out.printf(
        "soak: %.1f min on the in-process sim, TLS + tokens; CEM %d x %d, %d steps per episode,"
            + " every %dth cancelled; %d viewers (health watch, GetStatus every 100 ms, reconnect"
            + " every %d s), /metrics scraped every 2 s%n",
        minutes, SAMPLES, ITERATIONS, STEPS, OperatorLoop.CANCEL_EVERY, VIEWERS, RECONNECT_SECONDS);
    System.out.println(Window.HEADER);
    table.forEach(w -> System.out.println(w.row()));
    Map<OutcomeStatus, Integer> outcomes = operator.outcomes();
    System.out.printf(
        "soak: %d episodes %s, %d steps; viewers %d calls, %d health updates, %d scrapes;"
            + " errors: operator %d, viewers %d%n",
        operator.episodes.size(),
        outcomes,
        operator.plans.size(),
        viewers.calls.get(),
        viewers.healthUpdates.get(),
        viewers.scrapes.get(),
        operator.errors.size(),
        viewers.errors.size());
  }
}
