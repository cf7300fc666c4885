package dev.latentmpc.bench.research;

import static dev.latentmpc.simharness.cli.CommandLineRuns.assertOneLineError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentmpc.simharness.cli.CommandLineRuns;
import dev.latentmpc.simharness.cli.SimCommand;
import dev.latentmpc.simharness.geom.Vec3;
import dev.latentmpc.simharness.task.Episode;
import dev.latentmpc.simharness.task.SimTask;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The research commands as subcommands of {@code sim}, with the harness's own. */
class ResearchCommandsTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static CommandLine simWithResearch() {
    CommandLine cli = SimCommand.commandLine();
    ResearchCommands.addTo(cli);
    return cli;
  }

  private int run(String... args) {
    return CommandLineRuns.execute(simWithResearch(), out, err, args);
  }

  /**
   * Runs a probe subcommand into {@code tmp} at 32 px and checks it succeeds, probes.csv starts
   * with {@code header} and every row names (last column) a non-empty image; returns the rows after
   * the header.
   */
  private List<String> probes(String header, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--out", tmp.toString(), "--image-size", "32"));
    assertThat(run(all.toArray(String[]::new))).isZero();
    List<String> lines = Files.readAllLines(tmp.resolve("probes.csv"));
    assertThat(lines.get(0)).isEqualTo(header);
    List<String> rows = lines.subList(1, lines.size());
    for (String row : rows) {
      assertThat(tmp.resolve(row.substring(row.lastIndexOf(',') + 1))).as(row).isNotEmptyFile();
    }
    return rows;
  }

  /** The vector in the three columns of {@code fields} from {@code first}. */
  private static Vec3 vec3(String[] fields, int first) {
    return new Vec3(
        Double.parseDouble(fields[first]),
        Double.parseDouble(fields[first + 1]),
        Double.parseDouble(fields[first + 2]));
  }

  @ParameterizedTest
  @ValueSource(strings = {"oracle", "reach-probes", "grasp-probes", "carry-probes"})
  void everySubcommandHasHelp(String sub) {
    CommandLineRuns.assertSimHelp(simWithResearch(), sub);
  }

  @Test
  void withoutASubcommandItIsAUsageError() {
    CommandLineRuns.assertMissingSubcommand(
        simWithResearch(),
        "serve, render, dataset, oracle, reach-probes, grasp-probes or carry-probes");
  }

  @Test
  void aNegativeSeedIsRefused() {
    assertThat(run("oracle", "--task", "reach", "--episodes", "2", "--seed", "-4")).isEqualTo(2);
    assertOneLineError(err, "--seed must be >= 0, got -4");
  }

  @Test
  void theOracleSolvesATinyRunAndPrintsItsFigures() {
    assertThat(run("oracle", "--task", "reach,grasp", "--episodes", "3", "--seed", "5")).isZero();
    assertThat(out.toString())
        .contains("reach             3/3 solved (100.0 %)")
        .contains("grasp             3/3 solved (100.0 %)")
        .contains("mean final distance")
        .contains("seeds 5..7");
  }

  @Test
  void reachProbesListTheGoalAndTheHandMovedByEachOfThe27Moves() throws Exception {
    List<String> rows =
        probes(
            ReachProbesCommand.HEADER,
            "reach-probes",
            "--episodes",
            "1",
            "--seed",
            "4",
            "--step",
            "0.04");
    assertThat(rows).hasSize(1 + 27);
    Episode e = Episode.create(SimTask.REACH, 4);
    Vec3 start = e.start().positionM();
    for (String row : rows) {
      String[] f = row.split(",");
      Vec3 hand = vec3(f, 3);
      assertThat(Double.parseDouble(f[6]))
          .as("distance of %s", row)
          .isCloseTo(hand.minus(e.targetM()).norm(), within(1e-5));
      if (f[2].equals("goal")) {
        assertThat(hand.minus(e.targetM()).norm()).isLessThan(1e-5);
      } else {
        Vec3 move = hand.minus(start);
        for (double c : new double[] {move.x(), move.y(), move.z()}) {
          assertThat(Math.min(Math.abs(c), Math.abs(Math.abs(c) - 0.04)))
              .as("each axis moves by 0 or the step: %s", row)
              .isLessThan(1e-5);
        }
        assertThat(f[2]).isEqualTo(move.norm() < 1e-4 ? "start" : "move");
      }
    }
    assertThat(run("reach-probes", "--episodes", "1", "--step", "0.5", "--out", tmp.toString()))
        .isEqualTo(2);
    assertOneLineError(err, "--step must be in (0, 0.1] m, got 0.5");
  }

  @Test
  void graspProbesShowTheNamedHandConfigurations() throws Exception {
    List<String> rows =
        probes(GraspProbesCommand.HEADER, "grasp-probes", "--episodes", "1", "--seed", "3");
    assertThat(rows)
        .extracting(r -> r.split(",")[1])
        .containsExactly("goal", "start", "closed", "lower", "lower-closed", "open-at-grasp-point");
    Episode e = Episode.create(SimTask.GRASP, 3);
    for (String row : rows) {
      String[] f = row.split(",");
      Vec3 hand = vec3(f, 2);
      Vec3 expected =
          switch (f[1]) {
            case "goal", "open-at-grasp-point" -> e.targetM();
            case "lower", "lower-closed" ->
                e.start().positionM().plus(new Vec3(0, 0, -GraspProbesCommand.DESCENT_M));
            default -> e.start().positionM();
          };
      assertThat(hand.minus(expected).norm()).as(row).isLessThan(1e-4);
      double[] start = e.start().toVector();
      for (int k = 3; k < 6; k++) {
        assertThat(Double.parseDouble(f[2 + k]))
            .as("hand keeps its start orientation: %s", row)
            .isCloseTo(start[k], within(1e-6));
      }
      double gripper = Double.parseDouble(f[8]);
      switch (f[1]) {
        case "start", "lower", "open-at-grasp-point" -> assertThat(gripper).as(row).isZero();
        case "goal" ->
            assertThat(gripper).as("fingers on the object's faces: %s", row).isPositive();
        default -> assertThat(gripper).as(row).isEqualTo(1.0);
      }
    }
  }

  @Test
  void carryProbesShowTheObjectCarriedOrDropped() throws Exception {
    List<String> rows =
        probes(CarryProbesCommand.HEADER, "carry-probes", "--episodes", "1", "--seed", "6");
    assertThat(rows)
        .extracting(r -> r.split(",")[1])
        .containsExactly("goal", "start", "moved-held", "released", "moved-dropped");
    Episode e = Episode.create(SimTask.REACH_WITH_OBJECT, 6);
    Vec3 start = e.start().positionM();
    for (String row : rows) {
      String[] f = row.split(",");
      Vec3 hand = vec3(f, 2);
      Vec3 move = vec3(f, 9);
      assertThat(move.norm()).isCloseTo(CarryProbesCommand.MOVE_M, within(1e-5));
      double gripper = Double.parseDouble(f[8]);
      switch (f[1]) {
        case "start", "released" -> assertThat(hand.minus(start).norm()).as(row).isLessThan(1e-4);
        case "moved-held", "moved-dropped" ->
            assertThat(hand.minus(start.plus(move)).norm()).as(row).isLessThan(1e-4);
        default -> assertThat(hand.minus(e.targetM()).norm()).as(row).isLessThan(1e-4);
      }
      // Held: the fingers rest on the object's faces; dropped: open.
      if (f[1].equals("released") || f[1].equals("moved-dropped")) {
        assertThat(gripper).as(row).isZero();
      } else {
        assertThat(gripper).as(row).isPositive();
      }
    }
  }
}
