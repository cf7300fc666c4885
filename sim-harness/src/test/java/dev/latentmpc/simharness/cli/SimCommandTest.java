package dev.latentmpc.simharness.cli;

import static dev.latentmpc.simharness.cli.CommandLineRuns.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latentmpc.proto.bridge.v1.GetInfoRequest;
import dev.latentmpc.proto.bridge.v1.GetInfoResponse;
import dev.latentmpc.proto.bridge.v1.RobotBridgeGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class SimCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return CommandLineRuns.execute(SimCommand.commandLine(), out, err, args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "render", "dataset"})
  void everySubcommandHasHelp(String sub) {
    CommandLineRuns.assertSimHelp(SimCommand.commandLine(), sub);
  }

  @Test
  void withoutASubcommandItIsAUsageError() {
    CommandLineRuns.assertMissingSubcommand(SimCommand.commandLine(), "serve, render or dataset");
  }

  @Test
  void anUnknownTaskNamesTheValidOnes() {
    assertThat(run("render", "--task", "fly", "--out", tmp.toString())).isEqualTo(2);
    assertOneLineError(
        err, "unknown task 'fly'", "reach, grasp, reach-with-object, pick-and-place");
  }

  @Test
  void anOutputPathThatIsAFileIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    assertThat(run("dataset", "--out", file.toString(), "--episodes", "1")).isEqualTo(2);
    assertOneLineError(err, "is a file, not a directory");
  }

  @Test
  void anUncreatableOutputDirectoryIsRefused() throws Exception {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    Path below = file.resolve("sub");
    assertThat(run("render", "--task", "reach", "--out", below.toString())).isEqualTo(2);
    assertOneLineError(err, "cannot write to --out", "pass a writable directory");
  }

  @Test
  void badDatasetSettingsAreReportedTogether() {
    assertThat(
            run(
                "dataset",
                "--out",
                tmp.toString(),
                "--episodes",
                "2",
                "--random-fraction",
                "1.5",
                "--demo-noise",
                "3"))
        .isEqualTo(2);
    assertOneLineError(
        err, "random fraction must be in [0, 1]", "demo noise must be in [0, 0.1] m");
  }

  @Test
  void aBadPortIsRefused() {
    assertThat(run("serve", "--port", "70000")).isEqualTo(2);
    assertOneLineError(err, "--port must be in [0, 65535]");
  }

  @Test
  void renderWritesTheStartAndThreeSubGoalsForPickAndPlace() {
    assertThat(
            run(
                "render",
                "--task",
                "pick-and-place",
                "--seed",
                "2",
                "--out",
                tmp.toString(),
                "--image-size",
                "32"))
        .isZero();
    assertThat(tmp.resolve("start.png")).isNotEmptyFile();
    assertThat(tmp.resolve("goal-1-grasped.png")).isNotEmptyFile();
    assertThat(tmp.resolve("goal-2-near-target.png")).isNotEmptyFile();
    assertThat(tmp.resolve("goal-3-placed.png")).isNotEmptyFile();
    assertThat(out.toString()).contains("pick-and-place seed 2:");
  }

  @Test
  void aTinyDatasetIsWrittenAndARerunSkipsIt() {
    String[] args = {
      "dataset",
      "--out",
      tmp.toString(),
      "--episodes",
      "2",
      "--image-size",
      "16",
      "--workers",
      "1",
      "--random-fraction",
      "0.5",
      "--seed",
      "3"
    };
    assertThat(run(args)).isZero();
    assertThat(tmp.resolve("dataset.json")).isNotEmptyFile();
    assertThat(tmp.resolve("episode-000001/frames.npy")).isNotEmptyFile();
    assertThat(out.toString())
        .contains("2 episodes made (0 already complete)")
        .contains("frames/s");
    assertThat(run(args)).isZero();
    assertThat(out.toString()).contains("0 episodes made (2 already complete)");
  }

  @Test
  void serveAnswersOverARealSocket() throws Exception {
    BridgeServerCommand serve = new BridgeServerCommand();
    new CommandLine(serve)
        .parseArgs(
            "--port", "0", "--task", "grasp", "--seed", "4", "--no-pacing", "--image-size", "24");
    try (BridgeServerCommand.Running running = serve.start()) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", running.server().port())
              .usePlaintext()
              .build();
      try {
        GetInfoResponse info =
            RobotBridgeGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getInfo(GetInfoRequest.getDefaultInstance());
        assertThat(info.getCameraWidthPx()).isEqualTo(24);
        assertThat(info.getDescription()).startsWith("grasp seed 4:");
        assertThat(info.getGripperMaxOpeningM()).isEqualTo(0.08);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
