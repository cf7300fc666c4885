package dev.latentmpc.deploy.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.latentmpc.controller.arm.ArmState;
import dev.latentmpc.controller.testing.ProbeRequests;
import dev.latentmpc.deploy.server.ControlBackend;
import dev.latentmpc.deploy.server.OperatorServer;
import dev.latentmpc.deploy.server.RecordedSimBackend;
import dev.latentmpc.deploy.server.RecordingArm;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.EmergencyStopRequest;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.EnergyLandscapeRequest;
import dev.latentmpc.proto.control.v1.EnergyThresholdSchedule;
import dev.latentmpc.proto.control.v1.FixedStepsSchedule;
import dev.latentmpc.proto.control.v1.GetServerInfoRequest;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.GetStatusResponse;
import dev.latentmpc.proto.control.v1.GoalRef;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.PlanOnceRequest;
import dev.latentmpc.proto.control.v1.PlannerOverrides;
import dev.latentmpc.proto.control.v1.RawRgbImage;
import dev.latentmpc.proto.control.v1.ReachTarget;
import dev.latentmpc.proto.control.v1.ResetEmergencyStopRequest;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskKind;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bad-input suite: thousands of seeded random and malformed requests to every RPC of the
 * operator API over a real socket (Netty on 127.0.0.1, the committed small bundle, the in-process
 * sim behind a move-counting arm). Every call must end within its deadline with a defined status
 * (never UNKNOWN, INTERNAL or DEADLINE_EXCEEDED), every error must carry a description, no invalid
 * request may start a task or move the arm, and the server must still answer afterwards. A burst of
 * concurrent valid StartTask calls without preempt must start exactly one task. Besides the
 * malformed messages, every RPC gets {@value #UNPARSEABLE_PER_RPC} payloads that are no valid
 * encoding of its request at all ({@link UnparseablePayloads}), which must be INVALID_ARGUMENT
 * naming the request type. The counts per RPC and status are printed.
 *
 * <p>Tagged {@code badinput} with {@link BridgeBadInputSuiteTest}; both run in {@code mvn verify}
 * (about 20 s together on the 2-core machine, up to a minute when it is loaded), and {@code
 * -DexcludedGroups=benchmark,soak,badinput} leaves them out while iterating.
 */
@Tag("badinput")
class BadInputSuiteTest {
  private static final long SEED = 0x5eed_bad_1_7L;
  private static final long DEADLINE_SECONDS = 20;
  private static final int IN_FLIGHT = 6;
  private static final int BURST = 12;
  private static final int UNPARSEABLE_PER_RPC = 300;
  private static final long MAX_ENCODED_BYTES = 8L * 1024 * 1024;
  private static final int MAX_MESSAGE_BYTES = OperatorServer.MAX_INBOUND_MESSAGE_BYTES;

  private static final Set<Status.Code> ALLOWED =
      EnumSet.of(
          Status.Code.OK,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.NOT_FOUND,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.CANCELLED);

  /** One request to send, and whether the input may be valid (OK allowed). */
  private record Probe(String rpc, Message request, boolean mayBeValid) {}

  /** How a call ended: its status, whether a task started, how long it took. */
  private record Result(Status status, boolean started, long nanos) {}

  private final Map<String, Map<Status.Code, Integer>> counts = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();

  private SplittableRandom random;
  private ManagedChannel channel;
  private RecordingArm arm;
  private byte[] png;
  private byte[] jpeg;
  private String goalId;
  private List<Integer> horizons;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void everyBadRequestEndsWithADefinedStatusAndNothingMoves() throws Exception {
    long started = System.nanoTime();
    random = new SplittableRandom(SEED);
    RecordedSimBackend sim = RecordedSimBackend.assemble("bad-input", "api.port=0");
    arm = sim.arm();
    ControlBackend backend = sim.backend();
    try (OperatorServer server =
        new OperatorServer(
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                backend,
                Duration.ofSeconds(2),
                Duration.ofSeconds(1))
            .start()) {
      channel =
          Grpc.newChannelBuilderForAddress(
                  "127.0.0.1", server.port(), InsecureChannelCredentials.create())
              .build();
      try {
        run(started);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private void run(long started) throws Exception {
    png = encode("png");
    jpeg = encode("jpeg");
    horizons =
        blocking()
            .getServerInfo(GetServerInfoRequest.getDefaultInstance())
            .getModel()
            .getEnergyHorizonsStepsList();
    goalId = uploadValidGoal();
    ArmState before = arm.read();

    // Phase 1: everything malformed, the robot idle; then bytes that are no message at all.
    List<Probe> probes = generate(3200, true);
    send(probes);
    int unparseable =
        new UnparseableRequests(channel, IN_FLIGHT, DEADLINE_SECONDS, this::count, problems)
            .send(validExamples(), UNPARSEABLE_PER_RPC, random);
    assertThat(arm.movesStarted())
        .as("moves after %d bad requests", probes.size() + unparseable)
        .isZero();
    assertThat(arm.read().xM()).isEqualTo(before.xM());
    assertThat(arm.read().yM()).isEqualTo(before.yM());
    assertThat(arm.read().zM()).isEqualTo(before.zM());
    assertIdleAndHealthy();

    // Phase 2: a burst of valid starts without preempt; bad starts (some asking to preempt) while
    // the one accepted task runs must neither start nor preempt; then Cancel it.
    goalId = uploadValidGoal();
    String taskId = burstOfValidStarts();

    // Phase 3: more malformed requests on the idle robot after the cancelled task stopped.
    int movesAfterTask = arm.movesStarted();
    ArmState stopped = arm.read();
    List<Probe> more = generate(400, false);
    send(more);
    assertThat(arm.movesStarted())
        .as("moves after the task %s was cancelled", taskId)
        .isEqualTo(movesAfterTask);
    assertThat(arm.read().xM()).isEqualTo(stopped.xM());
    assertThat(arm.read().zM()).isEqualTo(stopped.zM());
    assertIdleAndHealthy();

    int total = printTable(System.nanoTime() - started);
    assertThat(problems).as("calls that ended badly").isEmpty();
    assertThat(total).isGreaterThanOrEqualTo(6000);
  }

  // ---------------------------------------------------------------------------------------------
  // Sending and checking
  // ---------------------------------------------------------------------------------------------

  private void send(List<Probe> probes) throws InterruptedException {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    CountDownLatch done = new CountDownLatch(probes.size());
    for (int i = 0; i < probes.size(); i++) {
      Probe probe = probes.get(i);
      if (i % 3 == 0) {
        check(probe, callBlocking(probe.request()));
        done.countDown();
      } else {
        slots.acquire();
        long t0 = System.nanoTime();
        callAsync(probe.request())
            .whenComplete((result, error) -> {
              try {
                if (error != null) {
                  problems.add(probe.rpc() + ": client failure " + error);
                } else {
                  check(probe, new Result(result.status(), result.started(), nanosSince(t0)));
                }
              } finally {
                slots.release();
                done.countDown();
              }
            });
      }
    }
    assertThat(done.await(120, TimeUnit.SECONDS)).as("all calls completed").isTrue();
  }

  private void check(Probe probe, Result result) {
    Status status = result.status();
    count(probe.rpc(), status.getCode());
    String what = probe.rpc() + " " + abbreviate(probe.request());
    if (!ALLOWED.contains(status.getCode())) {
      problems.add(what + " -> " + status);
    } else if (status.getCode() == Status.Code.CANCELLED) {
      problems.add(what + " -> CANCELLED though nothing cancelled it: " + status);
    } else if (status.isOk() && !probe.mayBeValid()) {
      problems.add(what + " -> OK for an invalid request (" + sizeOf(probe.request()) + ")");
    } else if (!status.isOk()
        && (status.getDescription() == null || status.getDescription().isBlank())) {
      problems.add(what + " -> " + status.getCode() + " without a description");
    }
    if (result.started()) {
      problems.add(what + " started a task");
    }
    if (result.nanos() > TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS)) {
      problems.add(what + " took " + result.nanos() / 1e9 + " s");
    }
  }

  private void count(String rpc, Status.Code code) {
    counts.computeIfAbsent(rpc, k -> new ConcurrentHashMap<>()).merge(code, 1, Integer::sum);
  }

  private Result callBlocking(Message request) {
    long t0 = System.nanoTime();
    var stub = blocking();
    boolean started = false;
    try {
      switch (request) {
        case UploadGoalRequest r -> stub.uploadGoal(r);
        case StartTaskRequest r -> {
          Iterator<TaskUpdate> updates = stub.startTask(r);
          while (updates.hasNext()) {
            TaskUpdate update = updates.next();
            if (update.hasStarted()) {
              started = true;
              cancelQuietly(update.getStarted().getTaskId());
            }
          }
        }
        case CancelRequest r -> stub.cancel(r);
        case GetStatusRequest r -> stub.getStatus(r);
        case EmergencyStopRequest r -> stub.emergencyStop(r);
        case ResetEmergencyStopRequest r -> stub.resetEmergencyStop(r);
        case PlanOnceRequest r -> stub.planOnce(r);
        case EnergyLandscapeRequest r -> stub.energyLandscape(r);
        default -> throw new IllegalArgumentException("no RPC for " + request.getClass());
      }
      return new Result(Status.OK, started, nanosSince(t0));
    } catch (StatusRuntimeException e) {
      return new Result(e.getStatus(), started, nanosSince(t0));
    }
  }

  private CompletableFuture<Result> callAsync(Message request) {
    var stub = ControlGrpc.newStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    CompletableFuture<Result> result = new CompletableFuture<>();
    switch (request) {
      case UploadGoalRequest r -> stub.uploadGoal(r, new Recorder<>(result));
      case StartTaskRequest r -> stub.startTask(r, new Recorder<>(result));
      case CancelRequest r -> stub.cancel(r, new Recorder<>(result));
      case GetStatusRequest r -> stub.getStatus(r, new Recorder<>(result));
      case EmergencyStopRequest r -> stub.emergencyStop(r, new Recorder<>(result));
      case ResetEmergencyStopRequest r -> stub.resetEmergencyStop(r, new Recorder<>(result));
      case PlanOnceRequest r -> stub.planOnce(r, new Recorder<>(result));
      case EnergyLandscapeRequest r -> stub.energyLandscape(r, new Recorder<>(result));
      default -> throw new IllegalArgumentException("no RPC for " + request.getClass());
    }
    return result;
  }

  /** Completes a future with the call's status; a started task is flagged and cancelled. */
  private final class Recorder<T> implements StreamObserver<T> {
    private final CompletableFuture<Result> result;
    private final long t0 = System.nanoTime();
    private volatile boolean started;

    Recorder(CompletableFuture<Result> result) {
      this.result = result;
    }

    @Override
    public void onNext(T value) {
      if (value instanceof TaskUpdate update && update.hasStarted()) {
        started = true;
        cancelQuietly(update.getStarted().getTaskId());
      }
    }

    @Override
    public void onError(Throwable t) {
      result.complete(new Result(Status.fromThrowable(t), started, nanosSince(t0)));
    }

    @Override
    public void onCompleted() {
      result.complete(new Result(Status.OK, started, nanosSince(t0)));
    }
  }

  private void cancelQuietly(String taskId) {
    try {
      blocking().cancel(CancelRequest.newBuilder().setTaskId(taskId).build());
    } catch (StatusRuntimeException e) {
      // It may have ended already; the start is reported as a problem anyway.
    }
  }

  private ControlGrpc.ControlBlockingStub blocking() {
    return ControlGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  private void assertIdleAndHealthy() throws InterruptedException {
    GetStatusResponse status = blocking().getStatus(GetStatusRequest.getDefaultInstance());
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (status.hasActiveTask() && System.nanoTime() < until) {
      Thread.sleep(20); // the loop marks itself finished just after its last update
      status = blocking().getStatus(GetStatusRequest.getDefaultInstance());
    }
    assertThat(status.hasActiveTask()).isFalse();
    assertThat(status.getEmergencyStopLatched()).isFalse();
    assertThat(status.getArmError()).isEmpty();
    assertThat(arm.moving()).isFalse();
    ServingStatus health =
        HealthGrpc.newBlockingStub(channel)
            .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .check(HealthCheckRequest.newBuilder().setService(ControlGrpc.SERVICE_NAME).build())
            .getStatus();
    assertThat(health).isEqualTo(ServingStatus.SERVING);
  }

  // ---------------------------------------------------------------------------------------------
  // The burst of concurrent valid starts
  // ---------------------------------------------------------------------------------------------

  private String burstOfValidStarts() throws Exception {
    StartTaskRequest valid =
        validStart().toBuilder()
            .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(1000))
            .build();
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<Result>> results = new ArrayList<>();
    AtomicReference<String> runningId = new AtomicReference<>();
    List<OutcomeStatus> outcomes = new CopyOnWriteArrayList<>();
    CountDownLatch firstStarted = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      CompletableFuture<Result> result = new CompletableFuture<>();
      results.add(result);
      Thread thread =
          Thread.ofPlatform()
              .start(() -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                long t0 = System.nanoTime();
                boolean started = false;
                try {
                  Iterator<TaskUpdate> updates =
                      ControlGrpc.newBlockingStub(channel)
                          .withDeadlineAfter(60, TimeUnit.SECONDS)
                          .startTask(valid);
                  while (updates.hasNext()) {
                    TaskUpdate update = updates.next();
                    if (update.hasStarted()) {
                      started = true;
                      runningId.set(update.getStarted().getTaskId());
                      firstStarted.countDown();
                    } else if (update.hasOutcome()) {
                      outcomes.add(update.getOutcome().getStatus());
                    }
                  }
                  result.complete(new Result(Status.OK, started, nanosSince(t0)));
                } catch (StatusRuntimeException e) {
                  result.complete(new Result(e.getStatus(), started, nanosSince(t0)));
                }
              });
      threads.add(thread);
    }
    go.countDown();
    assertThat(firstStarted.await(DEADLINE_SECONDS, TimeUnit.SECONDS))
        .as("one task started")
        .isTrue();
    String taskId = runningId.get();

    // While it runs: bad starts, some asking to preempt, must not touch it.
    List<Probe> whileRunning = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StartTaskRequest bad = badStart();
      if (i % 2 == 0) {
        bad = bad.toBuilder().setPreempt(true).build();
      }
      whileRunning.add(new Probe("StartTask (busy)", bad, false));
    }
    send(whileRunning);
    GetStatusResponse status = blocking().getStatus(GetStatusRequest.getDefaultInstance());
    assertThat(status.getActiveTask().getTaskId()).isEqualTo(taskId);

    // The losers of the burst all ended with FAILED_PRECONDITION by now (or were still waiting);
    // cancel the winner.
    blocking().cancel(CancelRequest.newBuilder().setTaskId(taskId).build());
    count("Cancel (running task)", Status.Code.OK);
    int startedCount = 0;
    for (CompletableFuture<Result> future : results) {
      Result result = future.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
      count("StartTask (burst)", result.status().getCode());
      if (result.started()) {
        startedCount++;
        assertThat(result.status().getCode()).isEqualTo(Status.Code.OK);
      } else {
        assertThat(result.status().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(result.status().getDescription()).contains(taskId);
      }
    }
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
    }
    assertThat(startedCount).as("tasks started by the burst").isEqualTo(1);
    assertThat(outcomes).containsExactly(OutcomeStatus.OUTCOME_STATUS_CANCELLED);
    assertThat(arm.moving()).isFalse();
    return taskId;
  }

  // ---------------------------------------------------------------------------------------------
  // Generating bad requests
  // ---------------------------------------------------------------------------------------------

  private List<Probe> generate(int n, boolean withHugePayloads) {
    List<Probe> probes = new ArrayList<>(n);
    if (withHugePayloads) {
      addHugePayloads(probes);
    }
    while (probes.size() < n) {
      int pick = random.nextInt(100);
      if (pick < 36) {
        probes.add(badUpload());
      } else if (pick < 58) {
        probes.add(new Probe("StartTask", badStart(), false));
      } else if (pick < 64) {
        probes.add(badCancel());
      } else if (pick < 69) {
        probes.add(badStatus());
      } else if (pick < 72) {
        probes.add(badStopOrReset());
      } else if (pick < 87) {
        probes.add(badPlan());
      } else {
        probes.add(badLandscape());
      }
    }
    return probes;
  }

  /** The expensive probes: payloads at and just over the limits. */
  private void addHugePayloads(List<Probe> probes) {
    byte[] overEncoded = new byte[(int) MAX_ENCODED_BYTES + 1];
    System.arraycopy(png, 0, overEncoded, 0, png.length);
    probes.add(upload(encoded(overEncoded)));
    // Exactly at the limit: a JPEG padded after its end marker, which is accepted.
    Image atLimit = encoded(Arrays.copyOf(jpeg, (int) MAX_ENCODED_BYTES));
    probes.add(
        new Probe("UploadGoal", UploadGoalRequest.newBuilder().setImage(atLimit).build(), true));
    // Just under the message limit (a wrong byte count) and just over it (the transport refuses).
    probes.add(upload(raw(4096, 4096, new byte[MAX_MESSAGE_BYTES - 64])));
    probes.add(upload(raw(4096, 4096, new byte[MAX_MESSAGE_BYTES + 1])));
    probes.add(
        new Probe(
            "PlanOnce", validPlan().toBuilder().setFrame(encoded(overEncoded)).build(), false));
  }

  private Probe upload(Image image) {
    return new Probe("UploadGoal", UploadGoalRequest.newBuilder().setImage(image).build(), false);
  }

  private Probe badUpload() {
    Image image = badImage();
    boolean mayBeValid = isMaybeValid(image);
    return new Probe(
        "UploadGoal", UploadGoalRequest.newBuilder().setImage(image).build(), mayBeValid);
  }

  /** Flipped bytes may leave a decodable image; every other kind of bad image is surely bad. */
  private final Set<Image> maybeValidImages = ConcurrentHashMap.newKeySet();

  private boolean isMaybeValid(Image image) {
    return maybeValidImages.contains(image);
  }

  private Image badImage() {
    byte[] base = random.nextBoolean() ? png : jpeg;
    switch (random.nextInt(12)) {
      case 0, 1 -> {
        byte[] flipped = base.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
          flipped[random.nextInt(flipped.length)] ^= (byte) (1 + random.nextInt(255));
        }
        Image image = encoded(flipped);
        maybeValidImages.add(image);
        return image;
      }
      case 2, 3 -> {
        return encoded(Arrays.copyOf(base, random.nextInt(base.length - 2)));
      }
      case 4 -> {
        byte[] garbage = new byte[1 + random.nextInt(4096)];
        random.nextBytes(garbage);
        return encoded(garbage);
      }
      case 5 -> {
        // A real signature and header, then garbage.
        byte[] mixed = base.clone();
        int from = Math.min(mixed.length - 1, 8 + random.nextInt(64));
        for (int i = from; i < mixed.length; i++) {
          mixed[i] = (byte) random.nextInt(256);
        }
        return encoded(mixed);
      }
      case 6 -> {
        return random.nextBoolean() ? encoded(new byte[0]) : Image.getDefaultInstance();
      }
      case 7 -> {
        int w = 1 + random.nextInt(64);
        int h = 1 + random.nextInt(64);
        int delta = random.nextBoolean() ? -(1 + random.nextInt(3)) : 1 + random.nextInt(3);
        int length = Math.max(0, w * h * 3 + delta);
        return raw(w, h, new byte[length]);
      }
      case 8 -> {
        int[] absurd = {0, -1, Integer.MIN_VALUE, 4097, 65536, Integer.MAX_VALUE};
        int w = absurd[random.nextInt(absurd.length)];
        int h = random.nextBoolean() ? absurd[random.nextInt(absurd.length)] : 8;
        return raw(w, h, new byte[random.nextInt(3) == 0 ? 0 : 8 * 8 * 3]);
      }
      case 9 -> {
        // Overflow bait: width × height × 3 wraps in 32 bits.
        return raw(0x40000000, 4, new byte[0]);
      }
      case 10 -> {
        // A PNG or JPEG repeated twice, or the other format's bytes spliced in.
        byte[] other = base == png ? jpeg : png;
        byte[] spliced = new byte[base.length + other.length];
        System.arraycopy(base, 0, spliced, 0, base.length / 2);
        System.arraycopy(other, 0, spliced, base.length / 2, other.length);
        System.arraycopy(
            base,
            base.length / 2,
            spliced,
            base.length / 2 + other.length,
            base.length - base.length / 2);
        Image image = encoded(spliced);
        if (base == jpeg) {
          maybeValidImages.add(image); // JPEG has no checksum: spliced scan data may decode
        }
        return image;
      }
      default -> {
        // A valid tiny raw image (1 × 1 … 4 × 4): the OK case.
        int w = 1 + random.nextInt(4);
        int h = 1 + random.nextInt(4);
        byte[] rgb = new byte[w * h * 3];
        random.nextBytes(rgb);
        Image image = raw(w, h, rgb);
        maybeValidImages.add(image);
        return image;
      }
    }
  }

  /** A bad image, never a possibly valid one. */
  private Image surelyBadImage() {
    while (true) {
      Image image = badImage();
      if (!isMaybeValid(image)) {
        return image;
      }
    }
  }

  private StartTaskRequest validStart() {
    return StartTaskRequest.newBuilder()
        .setKind(TaskKind.TASK_KIND_REACH)
        .addGoalIds(goalId)
        .setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(5))
        .setSeed(SEED)
        .build();
  }

  private StartTaskRequest badStart() {
    StartTaskRequest.Builder b = validStart().toBuilder();
    int defects = 1 + random.nextInt(3);
    for (int i = 0; i < defects; i++) {
      breakStart(b);
    }
    return b.build();
  }

  private void breakStart(StartTaskRequest.Builder b) {
    switch (random.nextInt(17)) {
      case 0 -> setFirstGoal(b, randomId());
      case 1 -> setFirstGoal(b, "");
      case 2 -> b.clearGoalIds().clearSchedule();
      case 3 -> {
        b.clearGoalIds();
        FixedStepsSchedule.Builder steps = FixedStepsSchedule.newBuilder();
        for (int i = 0; i < 17; i++) {
          b.addGoalIds(goalId);
          steps.addStepsPerGoal(1);
        }
        b.setFixedSteps(steps);
      }
      case 4 -> b.setKindValue(random.nextBoolean() ? 0 : 5 + random.nextInt(1_000_000));
      case 5 -> b.setKindValue(-1 - random.nextInt(1000));
      case 6 -> b.setKind(TaskKind.TASK_KIND_PICK_AND_PLACE).clearSchedule();
      case 7 -> {
        int[] bad = {0, -1, 1001, Integer.MAX_VALUE, Integer.MIN_VALUE};
        b.setFixedSteps(FixedStepsSchedule.newBuilder().addStepsPerGoal(pick(bad)));
      }
      case 8 ->
          b.setFixedSteps(
              random.nextBoolean()
                  ? FixedStepsSchedule.getDefaultInstance()
                  : FixedStepsSchedule.newBuilder().addStepsPerGoal(3).addStepsPerGoal(3).build());
      case 9 -> {
        double[] bad = {
          Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.5, -Double.MIN_VALUE
        };
        b.setEnergyThreshold(
            EnergyThresholdSchedule.newBuilder()
                .setEnergyThreshold(bad[random.nextInt(bad.length)])
                .addMaxStepsPerGoal(5));
      }
      case 10 ->
          b.setEnergyThreshold(
              EnergyThresholdSchedule.newBuilder()
                  .setEnergyThreshold(0.1)
                  .addMaxStepsPerGoal(random.nextBoolean() ? 0 : -7));
      case 11, 12 -> b.setPlanner(badOverrides());
      case 13 -> {
        double[] badPos = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] badTol = {0, -0.01, 0.5000001, 1e9, Double.NaN, Double.POSITIVE_INFINITY};
        ReachTarget.Builder t = ReachTarget.newBuilder().setXM(0.5).setZM(0.2).setToleranceM(0.04);
        if (random.nextBoolean()) {
          t.setYM(badPos[random.nextInt(badPos.length)]);
        } else {
          t.setToleranceM(badTol[random.nextInt(badTol.length)]);
        }
        b.setReachTarget(t);
      }
      case 14 -> {
        String[] bad = {"has space", "ünïcode", "a/b", "x".repeat(129), "tab\t", "semi;colon"};
        b.setTaskId(bad[random.nextInt(bad.length)]);
      }
      case 15 -> {
        int[] bad = {1, 15, 513, 100_000, -1};
        b.setThumbnailMaxSidePx(pick(bad));
      }
      default -> b.setRobotId(random.nextBoolean() ? "no-such-robot" : randomId());
    }
  }

  private static void setFirstGoal(StartTaskRequest.Builder b, String id) {
    if (b.getGoalIdsCount() == 0) {
      b.addGoalIds(id);
    } else {
      b.setGoalIds(0, id);
    }
  }

  private PlannerOverrides badOverrides() {
    PlannerOverrides.Builder p = PlannerOverrides.newBuilder();
    switch (random.nextInt(7)) {
      case 0 -> p.setSamples(pick(new int[] {0, 1, 9, 4097, -1, Integer.MAX_VALUE}));
      case 1 -> p.setIterations(pick(new int[] {0, 51, 1000, -1}));
      case 2 -> {
        int samples = 10 + random.nextInt(50);
        p.setSamples(samples).setTopK(random.nextBoolean() ? samples + 1 + random.nextInt(9) : 1);
      }
      case 3 -> {
        int horizon;
        do {
          horizon = random.nextBoolean() ? random.nextInt(64) : random.nextInt();
        } while (horizons.contains(horizon));
        p.setHorizonSteps(horizon);
      }
      case 4 -> p.setMaxNormM(badLength());
      case 5 -> p.setL1BallEnabled(true).setL1BallRadiusM(badLength());
      default -> p.setSamples(-5).setIterations(0).setTopK(0).setMaxNormM(Double.NaN);
    }
    if (random.nextInt(4) == 0) {
      p.setL1BallEnabled(random.nextBoolean()); // a valid one beside the bad one
    }
    return p.build();
  }

  private double badLength() {
    double[] bad = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      0,
      -0.0,
      -0.01,
      0.1000001,
      1e300,
      Double.MAX_VALUE
    };
    return bad[random.nextInt(bad.length)];
  }

  private Probe badCancel() {
    String[] ids = {"", randomId(), "task-000000000000", "x".repeat(4096), "ünïcode\u0000"};
    String id = ids[random.nextInt(ids.length)];
    return new Probe("Cancel", CancelRequest.newBuilder().setTaskId(id).build(), false);
  }

  private Probe badStatus() {
    if (random.nextInt(5) == 0) {
      return new Probe("GetStatus", GetStatusRequest.getDefaultInstance(), true);
    }
    return new Probe(
        "GetStatus", GetStatusRequest.newBuilder().setRobotId(randomId()).build(), false);
  }

  private Probe badStopOrReset() {
    String robot = random.nextBoolean() ? randomId() : "franka-panda-nope";
    return random.nextBoolean()
        ? new Probe(
            "EmergencyStop",
            EmergencyStopRequest.newBuilder().setRobotId(robot).setReason("bad input").build(),
            false)
        : new Probe(
            "ResetEmergencyStop",
            ResetEmergencyStopRequest.newBuilder().setRobotId(robot).build(),
            false);
  }

  private PlanOnceRequest validPlan() {
    return PlanOnceRequest.newBuilder()
        .setFrame(encoded(png))
        .setState(validState())
        .setGoal(GoalRef.newBuilder().setGoalId(goalId))
        .setPlanner(PlannerOverrides.newBuilder().setSamples(10).setIterations(1).setTopK(2))
        .setSeed(SEED)
        .build();
  }

  private Probe badPlan() {
    PlanOnceRequest.Builder b = validPlan().toBuilder();
    int kind = random.nextInt(9);
    switch (kind) {
      case 0 -> b.clearState();
      case 1 -> b.setState(badState());
      case 2 -> b.clearFrame();
      case 3 -> b.setFrame(surelyBadImage());
      case 4 -> b.setGoal(random.nextBoolean() ? GoalRef.getDefaultInstance() : unknownGoal());
      case 5 -> b.setGoal(GoalRef.newBuilder().setImage(surelyBadImage()));
      case 6 -> b.setPlanner(badOverrides());
      case 7 -> b.clearGoal();
      default -> {
        // Valid, with an odd but legal frame shape: a 1-px line or a tiny square.
        int[][] shapes = {{1, 1}, {1, 97}, {97, 1}, {3, 2}};
        int[] shape = shapes[random.nextInt(shapes.length)];
        byte[] rgb = new byte[shape[0] * shape[1] * 3];
        random.nextBytes(rgb);
        return new Probe("PlanOnce", b.setFrame(raw(shape[0], shape[1], rgb)).build(), true);
      }
    }
    return new Probe("PlanOnce", b.build(), false);
  }

  private EnergyLandscapeRequest validLandscape() {
    return EnergyLandscapeRequest.newBuilder()
        .setFrame(encoded(png))
        .setState(validState())
        .setGoal(GoalRef.newBuilder().setGoalId(goalId))
        .setGrid(ProbeRequests.grid())
        .setHeatmapCellPx(1)
        .build();
  }

  private Probe badLandscape() {
    EnergyLandscapeRequest.Builder b = validLandscape().toBuilder();
    switch (random.nextInt(9)) {
      case 0 -> b.setState(badState());
      case 1 -> b.setFrame(surelyBadImage());
      case 2 -> b.setGoal(unknownGoal());
      case 3 -> b.clearGrid();
      case 4 -> {
        int[] bad = {0, 1, 65, 1000, -1, Integer.MAX_VALUE};
        if (random.nextBoolean()) {
          b.getGridBuilder().setStepsX(pick(bad));
        } else {
          b.getGridBuilder().setStepsY(pick(bad)).setStepsX(64);
        }
      }
      case 5 -> {
        double[] bad = {0.2000001, -0.25, 1e9, Double.NaN, Double.POSITIVE_INFINITY};
        double value = bad[random.nextInt(bad.length)];
        switch (random.nextInt(4)) {
          case 0 -> b.getGridBuilder().setMinDxM(value);
          case 1 -> b.getGridBuilder().setMaxDxM(value);
          case 2 -> b.getGridBuilder().setMinDyM(value);
          default -> b.getGridBuilder().setMaxDyM(value);
        }
      }
      case 6 ->
          b.getGridBuilder()
              .setMinDxM(0.1)
              .setMaxDxM(random.nextBoolean() ? 0.1 : -0.1); // empty or reversed range
      case 7 -> b.setHeatmapCellPx(pick(new int[] {33, 1000, -1}));
      default -> b.clearState().clearFrame().clearGoal().clearGrid();
    }
    return new Probe("EnergyLandscape", b.build(), false);
  }

  private EndEffectorState validState() {
    return EndEffectorState.newBuilder().setXM(0.5).setYM(0.0).setZM(0.3).build();
  }

  private EndEffectorState badState() {
    double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double value = bad[random.nextInt(bad.length)];
    EndEffectorState.Builder s = validState().toBuilder();
    List<UnaryOperator<EndEffectorState.Builder>> setters =
        List.of(
            x -> x.setXM(value),
            x -> x.setYM(value),
            x -> x.setZM(value),
            x -> x.setRollRad(value),
            x -> x.setPitchRad(value),
            x -> x.setYawRad(value),
            x -> x.setGripperClosedness(value));
    return setters.get(random.nextInt(setters.size())).apply(s).build();
  }

  private GoalRef unknownGoal() {
    return GoalRef.newBuilder().setGoalId(random.nextBoolean() ? randomId() : "").build();
  }

  private String randomId() {
    byte[] bytes = new byte[1 + random.nextInt(40)];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }

  /** A valid request of every RPC, from which unparseable payloads are derived. */
  private Map<MethodDescriptor<?, ?>, Message> validExamples() {
    Map<MethodDescriptor<?, ?>, Message> examples = new LinkedHashMap<>();
    examples.put(
        ControlGrpc.getUploadGoalMethod(),
        UploadGoalRequest.newBuilder().setImage(encoded(png)).build());
    examples.put(ControlGrpc.getStartTaskMethod(), validStart());
    examples.put(
        ControlGrpc.getCancelMethod(), CancelRequest.newBuilder().setTaskId("task-1").build());
    examples.put(
        ControlGrpc.getEmergencyStopMethod(),
        EmergencyStopRequest.newBuilder().setRobotId("franka-panda").setReason("x").build());
    examples.put(
        ControlGrpc.getResetEmergencyStopMethod(),
        ResetEmergencyStopRequest.newBuilder().setRobotId("franka-panda").build());
    examples.put(
        ControlGrpc.getGetStatusMethod(),
        GetStatusRequest.newBuilder().setRobotId("franka-panda").build());
    examples.put(ControlGrpc.getGetServerInfoMethod(), GetServerInfoRequest.getDefaultInstance());
    examples.put(ControlGrpc.getPlanOnceMethod(), validPlan());
    examples.put(ControlGrpc.getEnergyLandscapeMethod(), validLandscape());
    return examples;
  }

  // ---------------------------------------------------------------------------------------------
  // Fixtures and the report
  // ---------------------------------------------------------------------------------------------

  private String uploadValidGoal() {
    return blocking()
        .uploadGoal(UploadGoalRequest.newBuilder().setImage(encoded(png)).build())
        .getGoalId();
  }

  private static Image encoded(byte[] bytes) {
    return Image.newBuilder().setEncoded(ByteString.copyFrom(bytes)).build();
  }

  private static Image raw(int width, int height, byte[] rgb) {
    return Image.newBuilder()
        .setRaw(
            RawRgbImage.newBuilder()
                .setWidthPx(width)
                .setHeightPx(height)
                .setRgb(ByteString.copyFrom(rgb)))
        .build();
  }

  /** A 64 × 64 gradient with a square, as PNG or JPEG. */
  private static byte[] encode(String format) {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        boolean square = x > 20 && x < 40 && y > 24 && y < 44;
        image.setRGB(x, y, square ? 0xd03020 : (x * 4) << 16 | (y * 4) << 8 | 0x60);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      assertThat(ImageIO.write(image, format, out)).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String abbreviate(Message request) {
    String text = request.toString().replaceAll("\\s+", " ");
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  private String sizeOf(Message request) {
    if (request instanceof UploadGoalRequest r && r.getImage().hasEncoded()) {
      return r.getImage().getEncoded().size()
          + " encoded bytes; png "
          + png.length
          + ", jpeg "
          + jpeg.length;
    }
    return "";
  }

  private static long nanosSince(long t0) {
    return System.nanoTime() - t0;
  }

  private int printTable(long elapsedNanos) {
    List<Status.Code> columns = new ArrayList<>();
    Map<Status.Code, Integer> totals = new EnumMap<>(Status.Code.class);
    Map<String, Map<Status.Code, Integer>> rows = new TreeMap<>(counts);
    for (Map<Status.Code, Integer> row : rows.values()) {
      row.forEach((code, n) -> totals.merge(code, n, Integer::sum));
    }
    columns.addAll(totals.keySet());
    StringBuilder table = new StringBuilder("\nBad-input suite (seed " + SEED + ")\n");
    table.append(String.format("%-34s", "RPC"));
    columns.forEach(code -> table.append(String.format("%20s", code)));
    table.append(String.format("%8s%n", "total"));
    int total = 0;
    for (Map.Entry<String, Map<Status.Code, Integer>> row : rows.entrySet()) {
      table.append(String.format("%-34s", row.getKey()));
      int sum = 0;
      for (Status.Code code : columns) {
        int n = row.getValue().getOrDefault(code, 0);
        sum += n;
        table.append(String.format("%20d", n));
      }
      total += sum;
      table.append(String.format("%8d%n", sum));
    }
    table.append(String.format("%-34s", "total"));
    columns.forEach(code -> table.append(String.format("%20d", totals.get(code))));
    table.append(String.format("%8d%n", total));
    table.append(
        String.format(
            "arm moves: %d (all from the one accepted task), arm stops: %d, problems: %d, %.1f s%n",
            arm.movesStarted(), arm.stops(), problems.size(), elapsedNanos / 1e9));
    problems.stream().limit(40).forEach(p -> table.append("  PROBLEM ").append(p).append('\n'));
    System.out.println(table);
    return total;
  }
}
