package dev.latentmpc.deploy.server;

import dev.latentmpc.deploy.config.ConfigException;
import dev.latentmpc.deploy.config.ConfigLoader;
import dev.latentmpc.deploy.config.ServeConfig;
import dev.latentmpc.deploy.config.Setting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The service's backend over the simulated robot as {@code serve} composes it, with the arm behind
 * a {@link RecordingArm}, a cheap planner (CEM 16 samples × 1 iteration, top 4) and no metrics
 * port: what the suites that send bad requests serve, to count the moves they must not cause.
 *
 * @param config the configuration it was composed from
 * @param arm the recording arm in front of the simulated one
 * @param backend the composed backend, which owns the robot's IO
 */
public record RecordedSimBackend(ServeConfig config, RecordingArm arm, ControlBackend backend) {
  /** The repository root: surefire runs in deploy/. */
  private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

  private static final List<String> CHEAP_SIM =
      List.of(
          "robot.source=sim",
          "planner.samples=16",
          "planner.iterations=1",
          "planner.topK=4",
          "metrics.port=-1");

  /**
   * Composes it from the defaults, the settings above and then {@code assignments} ({@code
   * key=value}, as {@code --set} gives them); GetServerInfo reports {@code serverVersion}.
   */
  public static RecordedSimBackend assemble(String serverVersion, String... assignments)
      throws ConfigException, IOException {
    ServeConfig config =
        ConfigLoader.defaultsWith(
            HOME,
            Stream.concat(CHEAP_SIM.stream(), Arrays.stream(assignments))
                .map(Setting::assignment)
                .toArray(Setting[]::new));
    RobotIo opened = RobotIoFactory.open(config.robot(), System::nanoTime);
    RecordingArm arm = new RecordingArm(opened.arm());
    RobotIo io = new RobotIo(arm, opened.camera(), opened.description());
    return new RecordedSimBackend(
        config, arm, ControlBackend.assemble(config, io, System::nanoTime, serverVersion));
  }
}
