package dev.latentmpc.deploy.badinput;

import com.google.protobuf.Message;
import dev.latentmpc.controller.testing.RawGrpc;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * Sends payloads that do not parse ({@link UnparseablePayloads}) as the requests of gRPC methods
 * over a real channel and checks each answer: INVALID_ARGUMENT whose description names the request
 * type ({@code request is not a valid <type>: ...}), within the deadline.
 */
final class UnparseableRequests {
  private final Channel channel;
  private final int inFlight;
  private final long deadlineSeconds;
  private final BiConsumer<String, Status.Code> count;
  private final List<String> problems;

  /**
   * @param channel where to send
   * @param inFlight calls at once
   * @param deadlineSeconds each call's deadline
   * @param count told each call's row name and status code
   * @param problems collects what went wrong
   */
  UnparseableRequests(
      Channel channel,
      int inFlight,
      long deadlineSeconds,
      BiConsumer<String, Status.Code> count,
      List<String> problems) {
    this.channel = channel;
    this.inFlight = inFlight;
    this.deadlineSeconds = deadlineSeconds;
    this.count = count;
    this.problems = problems;
  }

  /**
   * For each method, sends {@code perMethod} payloads derived from its valid example request.
   *
   * @return how many were sent
   */
  int send(Map<MethodDescriptor<?, ?>, Message> examples, int perMethod, SplittableRandom random)
      throws Exception {
    List<Runnable> calls = new ArrayList<>();
    for (Map.Entry<MethodDescriptor<?, ?>, Message> e : examples.entrySet()) {
      MethodDescriptor<?, ?> method = e.getKey();
      String type = e.getValue().getDescriptorForType().getFullName();
      String row = method.getBareMethodName() + " (unparseable)";
      for (byte[] payload : UnparseablePayloads.of(e.getValue(), perMethod, random)) {
        calls.add(() -> check(row, type, RawGrpc.call(channel, method, payload, deadlineSeconds)));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(inFlight);
    try {
      List<Future<?>> done = new ArrayList<>();
      calls.forEach(call -> done.add(pool.submit(call)));
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return calls.size();
  }

  private void check(String row, String type, Status status) {
    count.accept(row, status.getCode());
    String expected = "request is not a valid " + type + ": ";
    if (status.getCode() != Status.Code.INVALID_ARGUMENT
        || status.getDescription() == null
        || !status.getDescription().startsWith(expected)) {
      problems.add(row + " -> " + status + " (wanted INVALID_ARGUMENT '" + expected + "...')");
    }
  }
}
