package dev.latentmpc.deploy.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.latentmpc.controller.rpc.BearerToken;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.Image;
import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.OutcomeStatus;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import dev.latentmpc.proto.control.v1.TaskStarted;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.proto.control.v1.UploadGoalResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease's time-to-live and the StartTask audit lines through the real {@link
 * SecurityInterceptor}, over an in-process channel to a stand-in {@code Control} service whose
 * tasks start and end at once; the interceptor's clock is moved by the test.
 */
class LeaseTtlAndAuditTest {
  private static final String ROBOT = "franka-panda";
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final Instant T0 = Instant.parse("2026-01-01T08:00:00Z");

  private final RobotLeasesTest.TestClock clock = new RobotLeasesTest.TestClock(T0);
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private SecurityInterceptor security;
  private Server server;
  private String name;

  @BeforeEach
  void start() throws Exception {
    TokenStore tokens =
        TokenStore.parse(
            List.of(
                TokenStore.line(Role.OPERATOR, "alice", "alice-token"),
                TokenStore.line(Role.OPERATOR, "bob", "bob-token")),
            "test");
    security = new SecurityInterceptor(Optional.of(tokens), List.of(ROBOT), audit::add, clock, TTL);
    name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(ServerInterceptors.intercept(new InstantTasks(), security))
            .build()
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void theHolderKeepsTheRobotForTheTtlAfterItsLastCommandThenOthersMayTakeIt() {
    assertThat(run("alice")).isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);

    clock.advance(TTL.minusSeconds(1));
    StatusRuntimeException refused = refusal("bob");
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.getStatus().getDescription())
        .contains("leased by 'alice'")
        .contains("until " + T0.plus(TTL));

    stub("alice").uploadGoal(goal()); // a command: renews alice's lease from now
    Instant renewed = clock.instant();
    clock.advance(TTL.minusSeconds(1));
    assertThat(refusal("bob").getStatus().getDescription()).contains("until " + renewed.plus(TTL));

    clock.advance(Duration.ofSeconds(1)); // TTL after alice's last command: expired
    assertThat(security.leaseHolder(ROBOT)).isEmpty();
    assertThat(run("bob")).isEqualTo(OutcomeStatus.OUTCOME_STATUS_COMPLETED);
    assertThat(security.leaseHolder(ROBOT)).map(Principal::name).contains("bob");
    assertThat(refusal("alice").getStatus().getDescription()).contains("leased by 'bob'");
  }

  @Test
  void aStartedTaskIsAuditedWhenAcceptedAndAgainWithItsOutcome() {
    run("alice");
    clock.advance(Duration.ofSeconds(5));
    refusal("bob");

    List<AuditEvent> starts = audit.stream().filter(e -> e.rpc().equals("StartTask")).toList();
    assertThat(starts)
        .extracting(AuditEvent::principal, AuditEvent::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("alice", "ACCEPTED"),
            org.assertj.core.groups.Tuple.tuple("alice", "OK"),
            org.assertj.core.groups.Tuple.tuple("bob", "FAILED_PRECONDITION"));
    AuditEvent accepted = starts.get(0);
    assertThat(accepted.time()).isEqualTo(T0);
    assertThat(accepted.robot()).isEqualTo(ROBOT);
    assertThat(accepted.role()).isEqualTo("operator");
    assertThat(accepted.arguments())
        .containsEntry("task_id", "task-1")
        .containsEntry("goal_ids", "g1")
        .containsEntry("kind", "TASK_KIND_REACH");
    assertThat(Slf4jAuditSink.toJson(accepted))
        .contains("\"outcome\":\"ACCEPTED\"", "\"principal\":\"alice\"", "\"task_id\":\"task-1\"");
    assertThat(starts.get(1).arguments()).containsEntry("task_id", "task-1");
  }

  private OutcomeStatus run(String who) {
    var updates = stub(who).startTask(request());
    Outcome outcome = null;
    while (updates.hasNext()) {
      TaskUpdate u = updates.next();
      if (u.hasOutcome()) {
        outcome = u.getOutcome();
      }
    }
    assertThat(outcome).as("an outcome for %s", who).isNotNull();
    return outcome.getStatus();
  }

  private StatusRuntimeException refusal(String who) {
    return catchThrowableOfType(
        StatusRuntimeException.class, () -> stub(who).startTask(request()).hasNext());
  }

  private static StartTaskRequest request() {
    return StartTaskRequest.newBuilder()
        .setKind(dev.latentmpc.proto.control.v1.TaskKind.TASK_KIND_REACH)
        .addGoalIds("g1")
        .build();
  }

  private static UploadGoalRequest goal() {
    return UploadGoalRequest.newBuilder().setImage(Image.getDefaultInstance()).build();
  }

  private ControlGrpc.ControlBlockingStub stub(String who) {
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    channels.add(channel);
    return ControlGrpc.newBlockingStub(channel)
        .withInterceptors(BearerToken.interceptor(who + "-token"));
  }

  /** Starts every task and completes it at once; stores every goal. */
  private static final class InstantTasks extends ControlGrpc.ControlImplBase {
    private final AtomicInteger tasks = new AtomicInteger();

    @Override
    public void startTask(StartTaskRequest request, StreamObserver<TaskUpdate> updates) {
      String taskId = "task-" + tasks.incrementAndGet();
      updates.onNext(
          TaskUpdate.newBuilder()
              .setStarted(TaskStarted.newBuilder().setTaskId(taskId).setRobotId(ROBOT))
              .build());
      updates.onNext(
          TaskUpdate.newBuilder()
              .setOutcome(
                  Outcome.newBuilder()
                      .setTaskId(taskId)
                      .setStatus(OutcomeStatus.OUTCOME_STATUS_COMPLETED))
              .build());
      updates.onCompleted();
    }

    @Override
    public void uploadGoal(UploadGoalRequest request, StreamObserver<UploadGoalResponse> out) {
      out.onNext(UploadGoalResponse.newBuilder().setGoalId("g1").build());
      out.onCompleted();
    }
  }
}
