package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.CancelRequest;
import dev.latentmpc.proto.control.v1.CancelResponse;
import dev.latentmpc.proto.control.v1.GetStatusRequest;
import dev.latentmpc.proto.control.v1.GetStatusResponse;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code operator cancel [TASK_ID]}: cancels a running task (the robot's current one by default).
 */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a running task: its loop stops after the current step and the arm is stopped.",
      "Without TASK_ID, cancels the task running on the robot (see --robot)."
    })
final class CancelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions server = new ServerOptions();

  @Parameters(arity = "0..1", paramLabel = "TASK_ID", description = "The task (from run/status).")
  String taskId;

  @Option(names = "--robot", paramLabel = "ID", description = "Robot id (default: the only one).")
  String robotId = "";

  @Override
  public Integer call() throws Exception {
    return OperatorSupport.run(
        spec,
        server,
        connection -> {
          PrintWriter out = spec.commandLine().getOut();
          String id = taskId;
          if (id == null) {
            GetStatusResponse status =
                connection
                    .blocking()
                    .getStatus(GetStatusRequest.newBuilder().setRobotId(robotId).build());
            if (!status.hasActiveTask()) {
              out.println("no task is running on " + status.getRobotId() + "; nothing to cancel");
              out.flush();
              return 0;
            }
            id = status.getActiveTask().getTaskId();
          }
          CancelResponse r =
              connection.blocking().cancel(CancelRequest.newBuilder().setTaskId(id).build());
          out.println("cancel requested for task " + id + " on " + r.getRobotId());
          out.flush();
          return 0;
        });
  }
}
