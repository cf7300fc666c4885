package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.EmergencyStopRequest;
import dev.latentmpc.proto.control.v1.EmergencyStopResponse;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operator estop}: stops the arm(s) now, cancels their tasks and latches. */
@Command(
    name = "estop",
    mixinStandardHelpOptions = true,
    description = {
      "Emergency stop: stop the arm(s) now, cancel running tasks and latch, so no task starts"
          + " until `operator reset-estop`.",
      "Exit status 1 when an arm could not be told to stop (the latch holds anyway)."
    })
final class EstopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--robot", paramLabel = "ID", description = "Robot id (default: every robot).")
  String robotId = "";

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      defaultValue = "operator emergency stop",
      description = "Why, for logs and outcomes (default: ${DEFAULT-VALUE}).")
  String reason;

  @Override
  public Integer call() throws Exception {
    return OperatorSupport.run(
        spec,
        server,
        connection -> {
          EmergencyStopResponse r =
              connection
                  .blocking()
                  .emergencyStop(
                      EmergencyStopRequest.newBuilder()
                          .setRobotId(robotId)
                          .setReason(reason)
                          .build());
          PrintWriter out = spec.commandLine().getOut();
          out.println("emergency stop latched on " + String.join(", ", r.getRobotIdsList()));
          if (r.getCancelledTaskIdsCount() > 0) {
            out.println("cancelled tasks: " + String.join(", ", r.getCancelledTaskIdsList()));
          }
          out.flush();
          if (r.getStopErrorsCount() > 0) {
            PrintWriter err = spec.commandLine().getErr();
            for (Map.Entry<String, String> e : r.getStopErrorsMap().entrySet()) {
              err.println(
                  "error: the arm of "
                      + e.getKey()
                      + " could not be told to stop ("
                      + e.getValue()
                      + "); use the robot's hardware stop");
            }
            err.flush();
            return OperatorSupport.EXIT_FAILURE;
          }
          return 0;
        });
  }
}
