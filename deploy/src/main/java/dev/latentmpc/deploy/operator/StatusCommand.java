package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.ActiveTask;
import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.GetStatusResponse;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operator status}: a robot's arm state, running task, emergency stop and provider. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Show a robot's arm state, running task, emergency-stop latch and model provider.")
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--robot", paramLabel = "ID", description = "Robot id (default: the only one).")
  String robotId = "";

  @Override
  public Integer call() throws Exception {
    return OperatorSupport.run(
        spec,
        server,
        connection -> {
          GetStatusResponse r =
              connection
                  .blocking()
                  .getStatus(GetStatusRequest.newBuilder().setRobotId(robotId).build());
          PrintWriter out = spec.commandLine().getOut();
          out.println("robot:          " + r.getRobotId());
          out.println(
              "arm:            "
                  + (r.hasArmState() ? state(r.getArmState()) : "unreadable: " + r.getArmError()));
          out.println("task:           " + (r.hasActiveTask() ? task(r.getActiveTask()) : "idle"));
          out.println(
              "emergency stop: "
                  + (r.getEmergencyStopLatched()
                      ? "LATCHED (" + r.getEmergencyStopReason() + ")"
                      : "clear"));
          out.println("model provider: " + r.getModelProvider());
          out.flush();
          return 0;
        });
  }

  /** Formats a state as position (m), Euler angles (rad) and gripper closedness. */
  static String state(EndEffectorState s) {
    return String.format(
        Locale.ROOT,
        "xyz (%.4f, %.4f, %.4f) m, rpy (%.3f, %.3f, %.3f) rad, gripper %.2f",
        s.getXM(),
        s.getYM(),
        s.getZM(),
        s.getRollRad(),
        s.getPitchRad(),
        s.getYawRad(),
        s.getGripperClosedness());
  }

  private static String task(ActiveTask t) {
    return String.format(
        Locale.ROOT,
        "%s (%s), step %d, goal %d of %d, running %.1f s",
        t.getTaskId(),
        ProgressPrinter.name(t.getKind().name(), "TASK_KIND_"),
        t.getSteps(),
        t.getSubgoalIndex() + 1,
        t.getGoals(),
        t.getRunningSeconds());
  }
}
