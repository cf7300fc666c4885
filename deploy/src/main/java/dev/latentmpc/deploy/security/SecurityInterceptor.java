package dev.latentmpc.deploy.security;

import dev.latentmpc.controller.rpc.BearerToken;
import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.ControlGrpc;
import dev.latentmpc.proto.control.v1.StartTaskRequest;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authentication, authorization, the per-robot lease and the audit log of the operator API.
 *
 * <ul>
 *   <li>Authentication: with a {@link TokenStore}, every call but the health service needs {@code
 *       authorization: Bearer <token>} (else UNAUTHENTICATED); without one every caller is {@link
 *       Principal#ANONYMOUS}. The principal is put in the gRPC {@link Context} ({@link
 *       Principal#CONTEXT_KEY}).
 *   <li>Authorization ({@link #requiredRole}): UploadGoal, StartTask, Cancel and ResetEmergencyStop
 *       need the operator role; everything else, EmergencyStop included (anyone allowed to watch
 *       the arm may stop it), the viewer role. Else PERMISSION_DENIED.
 *   <li>Lease ({@link RobotLeases}): the first principal to StartTask on a robot holds that robot
 *       while its StartTask stream is open, and for the lease's time-to-live after its last command
 *       on the robot once the stream ended; another principal's StartTask is refused with
 *       FAILED_PRECONDITION and its Cancel of the holder's task with PERMISSION_DENIED, both naming
 *       the holder. The holder may start again (with {@code preempt}) and cancel; each of its
 *       commands renews the lease.
 *   <li>Audit ({@link AuditRecord}): every command RPC (UploadGoal, StartTask, Cancel,
 *       EmergencyStop, ResetEmergencyStop), refused ones included, gives one {@link AuditEvent}
 *       when it ends; a StartTask whose task started gives one more, with outcome {@code ACCEPTED},
 *       at that moment.
 * </ul>
 */
public final class SecurityInterceptor implements ServerInterceptor {
  /** The metadata key of the bearer token. */
  public static final Metadata.Key<String> AUTHORIZATION = BearerToken.AUTHORIZATION;

  private static final String BEARER = "Bearer ";

  private static final Set<String> COMMANDS =
      Set.of("UploadGoal", "StartTask", "Cancel", "EmergencyStop", "ResetEmergencyStop");

  private static final Map<String, Role> REQUIRED =
      Map.of(
          "UploadGoal", Role.OPERATOR,
          "StartTask", Role.OPERATOR,
          "Cancel", Role.OPERATOR,
          "ResetEmergencyStop", Role.OPERATOR,
          "EmergencyStop", Role.VIEWER,
          "GetStatus", Role.VIEWER,
          "GetServerInfo", Role.VIEWER,
          "PlanOnce", Role.VIEWER,
          "EnergyLandscape", Role.VIEWER);

  private final Optional<TokenStore> tokens;
  private final List<String> robotIds;
  private final AuditSink audit;
  private final Clock clock;
  private final RobotLeases leases;
  private final ConcurrentHashMap<String, String> taskRobots = new ConcurrentHashMap<>();

  /**
   * Creates the interceptor with leases released as soon as their last StartTask stream ends.
   *
   * @param tokens the accepted tokens; empty turns authentication off
   * @param robotIds the server's robots (an empty robot id in StartTask means the only one)
   * @param audit where audit events go
   * @param clock stamps audit events
   */
  public SecurityInterceptor(
      Optional<TokenStore> tokens, List<String> robotIds, AuditSink audit, Clock clock) {
    this(tokens, robotIds, audit, clock, Duration.ZERO);
  }

  /**
   * Creates the interceptor.
   *
   * @param tokens the accepted tokens; empty turns authentication off
   * @param robotIds the server's robots (an empty robot id in StartTask means the only one)
   * @param audit where audit events go
   * @param clock stamps audit events and judges lease expiry
   * @param leaseTtl how long a lease outlives its holder's last stream, from its last command
   */
  public SecurityInterceptor(
      Optional<TokenStore> tokens,
      List<String> robotIds,
      AuditSink audit,
      Clock clock,
      Duration leaseTtl) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.robotIds = List.copyOf(robotIds);
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.leases = new RobotLeases(leaseTtl, clock);
  }

  /** Returns the role a {@code Control} method needs; unknown methods need operator. */
  public static Role requiredRole(String method) {
    return REQUIRED.getOrDefault(method, Role.OPERATOR);
  }

  /** Returns the current lease holder of a robot, if any. */
  public Optional<Principal> leaseHolder(String robotId) {
    return leases.holder(robotId);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String service = call.getMethodDescriptor().getServiceName();
    if (HealthGrpc.SERVICE_NAME.equals(service)) {
      return next.startCall(call, headers); // Probes (kubelet, load balancers) carry no token.
    }
    boolean control = ControlGrpc.SERVICE_NAME.equals(service);
    String method = call.getMethodDescriptor().getBareMethodName();
    Role required = control ? requiredRole(method) : Role.VIEWER;
    AuditRecord record =
        control && COMMANDS.contains(method)
            ? new AuditRecord(method, audit, clock, this::resolveRobot)
            : null;
    ServerCall<Q, R> guarded = record == null ? call : new GuardedCall<>(call, record);

    Principal principal = Principal.ANONYMOUS;
    if (tokens.isPresent()) {
      Optional<Principal> found = bearer(headers).flatMap(tokens.get()::authenticate);
      if (found.isEmpty()) {
        guarded.close(
            Status.UNAUTHENTICATED.withDescription(
                "a valid bearer token is required (metadata 'authorization: Bearer <token>')"),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
      principal = found.get();
    }
    if (record != null) {
      record.principal = principal;
    }
    if (!principal.role().includes(required)) {
      guarded.close(
          Status.PERMISSION_DENIED.withDescription(
              method
                  + " needs the "
                  + required.label()
                  + " role; '"
                  + principal.name()
                  + "' is a "
                  + principal.role().label()),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    Context context = Context.current().withValue(Principal.CONTEXT_KEY, principal);
    ServerCall.Listener<Q> listener = Contexts.interceptCall(context, guarded, headers, next);
    return record == null ? listener : new GuardedListener<>(listener, guarded, principal, record);
  }

  private static Optional<String> bearer(Metadata headers) {
    String value = headers.get(AUTHORIZATION);
    if (value == null || value.length() <= BEARER.length()) {
      return Optional.empty();
    }
    if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return Optional.of(value.substring(BEARER.length()).strip());
  }

  /** Says how long the lease of {@code robot} still holds, for a refusal. */
  private String leaseTerm(String robot) {
    return leases
        .expiry(robot)
        .map(at -> "until " + at + " unless its holder commands it again")
        .orElse("while its task runs");
  }

  private String resolveRobot(String requested) {
    return requested.isEmpty() && robotIds.size() == 1 ? robotIds.get(0) : requested;
  }

  private final class GuardedCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private final AuditRecord record;

    GuardedCall(ServerCall<Q, R> delegate, AuditRecord record) {
      super(delegate);
      this.record = record;
    }

    @Override
    public void sendMessage(R message) {
      String started = record.response(message);
      if (started != null) {
        taskRobots.put(started, record.robot);
      }
      super.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      record.finish(status);
      super.close(status, trailers);
    }
  }

  private final class GuardedListener<Q> extends SimpleForwardingServerCallListener<Q> {
    private final ServerCall<Q, ?> call;
    private final Principal principal;
    private final AuditRecord record;
    private boolean refused;
    private String leased;

    GuardedListener(
        ServerCall.Listener<Q> delegate,
        ServerCall<Q, ?> call,
        Principal principal,
        AuditRecord record) {
      super(delegate);
      this.call = call;
      this.principal = principal;
      this.record = record;
    }

    @Override
    public void onMessage(Q message) {
      record.request(message);
      if (message instanceof StartTaskRequest r) {
        String robot = resolveRobot(r.getRobotId());
        Optional<Principal> holder = leases.acquire(robot, principal);
        if (holder.isPresent()) {
          refuse(
              Status.FAILED_PRECONDITION.withDescription(
                  "robot '"
                      + robot
                      + "' is leased by '"
                      + holder.get().name()
                      + "' ("
                      + leaseTerm(robot)
                      + "); only the lease holder may start tasks on it"));
          return;
        }
        leased = robot;
      } else if (message instanceof CancelRequest r) {
        String robot = taskRobots.get(r.getTaskId());
        if (robot != null) {
          record.robot = robot;
          Optional<Principal> holder = leaseHolder(robot);
          if (holder.isPresent() && !holder.get().name().equals(principal.name())) {
            refuse(
                Status.PERMISSION_DENIED.withDescription(
                    "task '"
                        + r.getTaskId()
                        + "' on robot '"
                        + robot
                        + "' is leased by '"
                        + holder.get().name()
                        + "'; only the lease holder may cancel it"));
            return;
          }
        }
        renew(record.robot);
      } else {
        renew(record.robot);
      }
      super.onMessage(message);
    }

    /** The holder's command renews its lease (on every robot when the command names none). */
    private void renew(String robot) {
      if (robot.isEmpty() || robot.equals("*")) {
        leases.renewAll(principal);
      } else {
        leases.renew(robot, principal);
      }
    }

    private void refuse(Status status) {
      refused = true;
      call.close(status, new Metadata());
    }

    @Override
    public void onHalfClose() {
      if (!refused) {
        super.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      end();
      record.finish(Status.CANCELLED.withDescription("the client cancelled the call"));
      super.onCancel();
    }

    @Override
    public void onComplete() {
      end();
      super.onComplete();
    }

    private void end() {
      if (leased != null) {
        String taskId = record.taskId;
        if (taskId != null) {
          taskRobots.remove(taskId, leased);
        }
        leases.release(leased);
        leased = null;
      }
    }
  }
}
