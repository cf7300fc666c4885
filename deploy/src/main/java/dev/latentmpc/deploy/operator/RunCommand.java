package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.StartTaskRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code operator run}: uploads goal images, starts a task and shows its steps live until the
 * outcome; Ctrl-C cancels the task (the server stops the arm).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Upload the goal images, start a task and show one line per control step (step, goal,"
          + " energy, per-phase latencies in ms, the command sent, clamping), then the outcome.",
      "Ctrl-C cancels the task; the server stops the arm. Exit status: 0 succeeded or completed,"
          + " 1 failed or cancelled elsewhere, 2 bad arguments, 130 cancelled by Ctrl-C."
    })
final class RunCommand implements Callable<Integer> {
  /** How long Ctrl-C waits for the server's CANCELLED outcome before cutting the stream. */
  static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

  @Spec CommandSpec spec;

  @Mixin ServerOptions server = new ServerOptions();

  @Mixin TaskOptions task = new TaskOptions();

  @Option(
      names = "--goal",
      arity = "1..*",
      required = true,
      paramLabel = "FILE",
      description =
          "Goal images in order: 1 for reach/grasp/reach-with-object, 3 for"
              + " pick-and-place (grasped, near the target, placed).")
  List<Path> goals = new ArrayList<>();

  @Mixin PlannerOptions planner = new PlannerOptions();

  @Override
  public Integer call() throws Exception {
    return OperatorSupport.run(
        spec,
        server,
        connection -> {
          StartTaskRequest.Builder request = task.request(goals.size());
          planner.overrides(goals.size()).ifPresent(request::setPlanner);
          PrintWriter out = spec.commandLine().getOut();
          List<String> ids =
              UploadCommand.upload(connection, "--goal", goals, spec.commandLine().getErr());
          request.addAllGoalIds(ids);
          return watch(connection, request.build(), new ProgressPrinter(out));
        });
  }

  /** Follows the task, with a shutdown hook that turns Ctrl-C into a cancellation. */
  private static int watch(
      OperatorConnection connection, StartTaskRequest request, ProgressPrinter printer) {
    TaskWatch watch = new TaskWatch(printer);
    Thread hook =
        new Thread(() -> watch.interrupt(connection, CANCEL_GRACE), "operator-run-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return watch.watch(connection, request);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already (Ctrl-C): the hook is running and waits for this watch.
      }
    }
  }
}
