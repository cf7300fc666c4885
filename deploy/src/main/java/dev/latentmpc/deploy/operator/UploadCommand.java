package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.UploadGoalRequest;
import dev.latentmpc.proto.control.v1.UploadGoalResponse;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code operator upload FILE...}: stores goal images and prints their ids. */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = {
      "Upload goal images (PNG or JPEG) and print one goal id per file, in order.",
      "An id is the SHA-256 of the decoded pixels, so re-uploading is harmless."
    })
final class UploadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions server = new ServerOptions();

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Goal images, PNG or JPEG.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return OperatorSupport.run(
        spec,
        server,
        connection -> {
          PrintWriter out = spec.commandLine().getOut();
          for (String id : upload(connection, "FILE", files, spec.commandLine().getErr())) {
            out.println(id);
          }
          out.flush();
          return 0;
        });
  }

  /**
   * Reads every file first (so a bad one fails before anything is sent), then uploads them.
   *
   * @param option the option naming the files, for messages
   * @param log where a note per file goes (stderr, so stdout carries the ids only)
   * @return the goal ids, in file order
   */
  static List<String> upload(
      OperatorConnection connection, String option, List<Path> files, PrintWriter log) {
    List<UploadGoalRequest> requests = new ArrayList<>();
    for (Path file : files) {
      requests.add(UploadGoalRequest.newBuilder().setImage(ImageFiles.read(option, file)).build());
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      UploadGoalResponse r = connection.blocking().uploadGoal(requests.get(i));
      ids.add(r.getGoalId());
      log.printf(
          "%s: goal %s (%dx%d px%s)%n",
          files.get(i),
          shortId(r.getGoalId()),
          r.getWidthPx(),
          r.getHeightPx(),
          r.getAlreadyStored() ? ", already stored" : "");
    }
    log.flush();
    return ids;
  }

  /** Returns the first 12 hex digits of a goal id, enough to tell goals apart in a log. */
  static String shortId(String goalId) {
    return goalId.length() <= 12 ? goalId : goalId.substring(0, 12);
  }
}
