package dev.latentmpc.deploy.badinput;

import com.google.protobuf.Message;
import dev.latentmpc.proto.bridge.v1.EndEffectorDelta;
import dev.latentmpc.proto.bridge.v1.GetFrameRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoRequest;
import dev.latentmpc.proto.bridge.v1.GetStateRequest;
import dev.latentmpc.proto.bridge.v1.HeartbeatRequest;
import dev.latentmpc.proto.bridge.v1.MoveDeltaRequest;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import dev.latentmpc.proto.bridge.v1.SetGripperRequest;
import dev.latentmpc.proto.bridge.v1.StopRequest;
import io.grpc.MethodDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;

/**
 * Requests to a robot bridge ({@code latentmpc.bridge.v1}) that must be refused before anything
 * moves: every motion request with one or more fields outside the contract (a component not finite
 * or over the per-call bound GetInfo reports, a timeout outside [1, 60000] ms, a missing delta, a
 * closedness outside [0, 1]; a heartbeat timeout over 60000 ms), often beside otherwise valid
 * fields, so a bridge that moved before checking everything would be caught.
 */
final class BridgeBadRequests {
  /** One request to send as raw bytes, and the row it is counted in. */
  record Probe(String row, MethodDescriptor<?, ?> method, byte[] request, boolean unparseable) {}

  private static final int[] BAD_TIMEOUTS = {0, 60_001, -1, Integer.MIN_VALUE, Integer.MAX_VALUE};

  private final double maxTranslationM;
  private final double maxRotationRad;
  private final SplittableRandom random;

  /**
   * @param maxTranslationM the bridge's per-call translation bound (GetInfo)
   * @param maxRotationRad the bridge's per-call rotation bound (GetInfo)
   * @param random seeded source of the choices
   */
  BridgeBadRequests(double maxTranslationM, double maxRotationRad, SplittableRandom random) {
    this.maxTranslationM = maxTranslationM;
    this.maxRotationRad = maxRotationRad;
    this.random = random;
  }

  /** Returns {@code semantic} refused messages and {@code unparseablePerRpc} per RPC, shuffled. */
  List<Probe> generate(int semantic, int unparseablePerRpc) {
    List<Probe> probes = new ArrayList<>();
    for (int i = 0; i < semantic; i++) {
      int pick = random.nextInt(10);
      if (pick < 6) {
        probes.add(semantic(RobotBridgeGrpc.getMoveDeltaMethod(), badMove()));
      } else if (pick < 9) {
        probes.add(semantic(RobotBridgeGrpc.getSetGripperMethod(), badGripper()));
      } else {
        int timeout =
            random.nextBoolean() ? 60_001 + random.nextInt(1 << 20) : -1 - random.nextInt(1000);
        probes.add(
            semantic(
                RobotBridgeGrpc.getHeartbeatMethod(),
                HeartbeatRequest.newBuilder().setTimeoutMs(timeout).build()));
      }
    }
    for (Map.Entry<MethodDescriptor<?, ?>, Message> e : validExamples().entrySet()) {
      for (byte[] payload : UnparseablePayloads.of(e.getValue(), unparseablePerRpc, random)) {
        probes.add(
            new Probe(
                e.getKey().getBareMethodName() + " (unparseable)", e.getKey(), payload, true));
      }
    }
    for (int i = probes.size() - 1; i > 0; i--) { // Fisher-Yates, seeded
      int j = random.nextInt(i + 1);
      Probe swap = probes.get(i);
      probes.set(i, probes.get(j));
      probes.set(j, swap);
    }
    return probes;
  }

  private static Probe semantic(MethodDescriptor<?, ?> method, Message request) {
    return new Probe(method.getBareMethodName(), method, request.toByteArray(), false);
  }

  private MoveDeltaRequest badMove() {
    MoveDeltaRequest.Builder b =
        MoveDeltaRequest.newBuilder().setDelta(smallDelta()).setTimeoutMs(1000);
    int defects = 1 + random.nextInt(3);
    for (int i = 0; i < defects; i++) {
      switch (random.nextInt(4)) {
        case 0 -> b.clearDelta();
        case 1 -> b.setTimeoutMs(BAD_TIMEOUTS[random.nextInt(BAD_TIMEOUTS.length)]);
        default -> breakComponent(b.getDeltaBuilder());
      }
    }
    if (b.hasDelta() && b.getTimeoutMs() >= 1 && b.getTimeoutMs() <= 60_000 && isValid(b)) {
      breakComponent(b.getDeltaBuilder()); // a removed delta re-added by getDeltaBuilder, say
    }
    return b.build();
  }

  private boolean isValid(MoveDeltaRequest.Builder b) {
    EndEffectorDelta d = b.getDelta();
    double[] t = {d.getDxM(), d.getDyM(), d.getDzM()};
    double[] r = {d.getDrollRad(), d.getDpitchRad(), d.getDyawRad()};
    for (double v : t) {
      if (!Double.isFinite(v) || Math.abs(v) > maxTranslationM) {
        return false;
      }
    }
    for (double v : r) {
      if (!Double.isFinite(v) || Math.abs(v) > maxRotationRad) {
        return false;
      }
    }
    return Double.isFinite(d.getDgripper()) && Math.abs(d.getDgripper()) <= 1;
  }

  /** A tiny valid delta: refused only for what else is wrong with the request. */
  private EndEffectorDelta smallDelta() {
    return EndEffectorDelta.newBuilder()
        .setDxM(0.001 * (random.nextInt(21) - 10))
        .setDzM(0.001 * (random.nextInt(21) - 10))
        .build();
  }

  private void breakComponent(EndEffectorDelta.Builder d) {
    int field = random.nextInt(7);
    double bound = field < 3 ? maxTranslationM : field < 6 ? maxRotationRad : 1.0;
    double[] bad = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Math.nextUp(bound) * (random.nextBoolean() ? 1 : -1),
      bound * (1.5 + random.nextDouble()),
      -1e300,
      Double.MAX_VALUE
    };
    double value = bad[random.nextInt(bad.length)];
    List<DoubleFunction<EndEffectorDelta.Builder>> setters =
        List.of(
            d::setDxM,
            d::setDyM,
            d::setDzM,
            d::setDrollRad,
            d::setDpitchRad,
            d::setDyawRad,
            d::setDgripper);
    setters.get(field).apply(value);
  }

  private SetGripperRequest badGripper() {
    double[] badClosedness = {
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      -1e-9,
      Math.nextUp(1.0),
      2,
      -5,
      1e300
    };
    SetGripperRequest.Builder b = SetGripperRequest.newBuilder().setTimeoutMs(1000);
    if (random.nextInt(3) == 0) { // a valid target with a bad timeout
      return b.setGripperClosedness(random.nextDouble())
          .setTimeoutMs(BAD_TIMEOUTS[random.nextInt(BAD_TIMEOUTS.length)])
          .build();
    }
    b.setGripperClosedness(badClosedness[random.nextInt(badClosedness.length)]);
    if (random.nextBoolean()) {
      b.setTimeoutMs(BAD_TIMEOUTS[random.nextInt(BAD_TIMEOUTS.length)]);
    }
    return b.build();
  }

  /** A valid request of every RPC, from which unparseable payloads are derived. */
  private static Map<MethodDescriptor<?, ?>, Message> validExamples() {
    Map<MethodDescriptor<?, ?>, Message> examples = new LinkedHashMap<>();
    examples.put(RobotBridgeGrpc.getGetInfoMethod(), GetInfoRequest.getDefaultInstance());
    examples.put(RobotBridgeGrpc.getGetStateMethod(), GetStateRequest.getDefaultInstance());
    examples.put(
        RobotBridgeGrpc.getMoveDeltaMethod(),
        MoveDeltaRequest.newBuilder()
            .setDelta(EndEffectorDelta.newBuilder().setDxM(0.01).setDzM(-0.01))
            .setTimeoutMs(1000)
            .build());
    examples.put(
        RobotBridgeGrpc.getSetGripperMethod(),
        SetGripperRequest.newBuilder().setGripperClosedness(0.5).setTimeoutMs(1000).build());
    examples.put(RobotBridgeGrpc.getStopMethod(), StopRequest.getDefaultInstance());
    examples.put(RobotBridgeGrpc.getGetFrameMethod(), GetFrameRequest.getDefaultInstance());
    examples.put(
        RobotBridgeGrpc.getHeartbeatMethod(),
        HeartbeatRequest.newBuilder().setTimeoutMs(0).build());
    return examples;
  }
}
