package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.ResetEmergencyStopRequest;
import dev.latentmpc.proto.control.v1.ResetEmergencyStopResponse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code operator reset-estop}: clears a latched emergency stop; nothing moves. */
@Command(
    name = "reset-estop",
    mixinStandardHelpOptions = true,
    description = "Clear a latched emergency stop so tasks can start again. Nothing moves.")
final class ResetEstopCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--robot", paramLabel = "ID", description = "Robot id (default: every robot).")
  String robotId = "";

  @Override
  public Integer call() throws Exception {
    return OperatorSupport.run(
        spec,
        server,
        connection -> {
          ResetEmergencyStopResponse r =
              connection
                  .blocking()
                  .resetEmergencyStop(
                      ResetEmergencyStopRequest.newBuilder().setRobotId(robotId).build());
          PrintWriter out = spec.commandLine().getOut();
          out.println("emergency stop cleared on " + String.join(", ", r.getRobotIdsList()));
          out.flush();
          return 0;
        });
  }
}
