package dev.latentmpc.controller.rpc;

import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Wraps a service so that a request whose bytes do not parse is answered INVALID_ARGUMENT {@code
 * request is not a valid <message type>: <parser's reason>}, logged as one line, and seen by the
 * service's interceptors with that same status.
 *
 * <p>Why: grpc-java parses a request with the method's marshaller on the call's executor; when that
 * throws, {@code ServerImpl} closes the stream with UNKNOWN "Application error processing RPC",
 * rethrows so that the executor logs a SEVERE stack trace through java.util.logging, and then
 * delivers the client's half-close to the service, whose unary handler closes the (already closed)
 * call with INTERNAL "Half-closed without a request" — the status interceptors and the audit see.
 *
 * <p>How: the wrapped service is registered with a pass-through marshaller ({@link RawMarshaller}),
 * so the transport never parses. Three layers then handle each call:
 *
 * <ol>
 *   <li>outermost, on the raw stream: parses each request with the method's own marshaller; on
 *       failure it records the status in the call's {@link ParseOutcome}, logs it, drops the
 *       message (and any later one) and delivers a half-close instead; messages of a call that was
 *       already closed (refused by an interceptor) are dropped unparsed;
 *   <li>the given interceptors (security, audit), on the typed call, as if registered on the
 *       service itself;
 *   <li>innermost, next to the service: on a half-close after a failure it closes the call with the
 *       recorded status, so the close travels out through the interceptors, and the service's
 *       handler never runs.
 * </ol>
 *
 * <p>Interceptors registered on the server builder ({@code ServerBuilder.intercept}) wrap the raw
 * call: they see method names and statuses but an unparsed {@link InputStream} as the message, so
 * interceptors that read messages must be passed here instead.
 */
public final class ParseGuard {
  private static final Context.Key<ParseOutcome> OUTCOME = Context.key("latentmpc-parse-outcome");

  /** Longest parser reason kept in a status description. */
  static final int MAX_REASON_CHARS = 200;

  private ParseGuard() {}

  /**
   * Guards every method of {@code service}, with {@code interceptors} between the guard and the
   * service (the last one runs first, as in {@link ServerInterceptors#intercept}).
   *
   * @param service the service as generated (typed marshallers)
   * @param log where unparseable requests are reported
   * @param interceptors typed interceptors, e.g. authentication and audit
   * @return the definition to add to a server builder
   */
  public static ServerServiceDefinition guard(
      ServerServiceDefinition service,
      ParseFailureLog log,
      List<? extends ServerInterceptor> interceptors) {
    Objects.requireNonNull(log, "log");
    ServerServiceDefinition typed =
        ServerInterceptors.intercept(rejectAfterFailure(service), interceptors);
    ServiceDescriptor original = service.getServiceDescriptor();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor()); // server reflection reads it
    List<ServerMethodDefinition<InputStream, InputStream>> methods = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : typed.getMethods()) {
      ServerMethodDefinition<InputStream, InputStream> raw = parseFirst(method, log);
      descriptor.addMethod(raw.getMethodDescriptor());
      methods.add(raw);
    }
    ServerServiceDefinition.Builder guarded = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(guarded::addMethod);
    return guarded.build();
  }

  /**
   * Guards {@code service} (see {@link #guard(ServerServiceDefinition, ParseFailureLog, List)}).
   */
  public static ServerServiceDefinition guard(
      BindableService service,
      ParseFailureLog log,
      List<? extends ServerInterceptor> interceptors) {
    return guard(service.bindService(), log, interceptors);
  }

  private static ServerServiceDefinition rejectAfterFailure(ServerServiceDefinition service) {
    ServerServiceDefinition.Builder builder =
        ServerServiceDefinition.builder(service.getServiceDescriptor());
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      builder.addMethod(rejectAfterFailure(method));
    }
    return builder.build();
  }

  private static <Q, R> ServerMethodDefinition<Q, R> rejectAfterFailure(
      ServerMethodDefinition<Q, R> method) {
    ServerCallHandler<Q, R> handler = method.getServerCallHandler();
    return method.withServerCallHandler((call, headers) -> {
      ParseOutcome outcome = OUTCOME.get();
      ServerCall.Listener<Q> listener = handler.startCall(call, headers);
      return outcome == null ? listener : new RejectingListener<>(listener, call, outcome);
    });
  }

  private static <Q, R> ServerMethodDefinition<InputStream, InputStream> parseFirst(
      ServerMethodDefinition<Q, R> typed, ParseFailureLog log) {
    MethodDescriptor<Q, R> method = typed.getMethodDescriptor();
    ServerCallHandler<Q, R> handler = typed.getServerCallHandler();
    String messageType = ParseOutcome.requestType(method);
    MethodDescriptor<InputStream, InputStream> raw =
        method.toBuilder(RawMarshaller.INSTANCE, RawMarshaller.INSTANCE).build();
    ServerCallHandler<InputStream, InputStream> parsing =
        (call, headers) -> {
          ParseOutcome outcome = new ParseOutcome();
          Context context = Context.current().withValue(OUTCOME, outcome);
          Context previous = context.attach();
          TypedCall<Q, R> typedCall = new TypedCall<>(call, method);
          ServerCall.Listener<Q> listener;
          try {
            listener = handler.startCall(typedCall, headers);
          } finally {
            context.detach(previous);
          }
          return new ParsingListener<>(
              listener, typedCall, call, method, messageType, outcome, log);
        };
    return ServerMethodDefinition.create(raw, parsing);
  }

  /** Parses each raw request; after a failure drops the rest and half-closes the typed chain. */
  private static final class ParsingListener<Q> extends ServerCall.Listener<InputStream> {
    private final ServerCall.Listener<Q> typed;
    private final TypedCall<Q, ?> typedCall;
    private final ServerCall<InputStream, InputStream> call;
    private final MethodDescriptor<Q, ?> method;
    private final String messageType;
    private final ParseOutcome outcome;
    private final ParseFailureLog log;

    ParsingListener(
        ServerCall.Listener<Q> typed,
        TypedCall<Q, ?> typedCall,
        ServerCall<InputStream, InputStream> call,
        MethodDescriptor<Q, ?> method,
        String messageType,
        ParseOutcome outcome,
        ParseFailureLog log) {
      this.typed = typed;
      this.typedCall = typedCall;
      this.call = call;
      this.method = method;
      this.messageType = messageType;
      this.outcome = outcome;
      this.log = log;
    }

    @Override
    public void onMessage(InputStream message) {
      if (outcome.failed() || typedCall.closed()) {
        return; // the call is over (e.g. refused by authentication): nothing to parse or log
      }
      Q request;
      try {
        request = method.parseRequest(message);
      } catch (RuntimeException e) {
        Status status = outcome.fail(messageType, e);
        log.record(
            method.getFullMethodName(),
            String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)),
            status.getDescription());
        typed.onHalfClose(); // the innermost layer closes the call with the status
        return;
      }
      typed.onMessage(request);
    }

    @Override
    public void onHalfClose() {
      if (!outcome.failed()) {
        typed.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      typed.onCancel();
    }

    @Override
    public void onComplete() {
      typed.onComplete();
    }

    @Override
    public void onReady() {
      typed.onReady();
    }
  }

  /** Next to the service: closes the call with the parse failure instead of running the method. */
  private static final class RejectingListener<Q> extends SimpleForwardingServerCallListener<Q> {
    private final ServerCall<Q, ?> call;
    private final ParseOutcome outcome;

    RejectingListener(
        ServerCall.Listener<Q> delegate, ServerCall<Q, ?> call, ParseOutcome outcome) {
      super(delegate);
      this.call = call;
      this.outcome = outcome;
    }

    @Override
    public void onHalfClose() {
      Status failure = outcome.failure();
      if (failure == null) {
        super.onHalfClose();
      } else {
        call.close(failure, new Metadata());
      }
    }
  }
}
