package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.EndEffectorState;
import dev.latentmpc.proto.control.v1.EnergyLandscapeRequest;
import dev.latentmpc.proto.control.v1.EnergyLandscapeResponse;
import dev.latentmpc.proto.control.v1.GoalRef;
import dev.latentmpc.proto.control.v1.GridSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code operator landscape}: the energy of actions [Δx, Δy, 0, ...] on a grid from a frame and a
 * state towards a goal, saved as a heatmap PNG, with the argmin printed. Nothing moves.
 */
@Command(
    name = "landscape",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Evaluate the planning energy of actions [dx, dy, 0, 0, 0, 0, 0] on a grid (horizon 1)"
          + " from a camera frame and an arm state towards a goal image; save the heatmap PNG"
          + " (dy up, viridis, cross at the argmin) and print the argmin. Nothing moves."
    })
final class LandscapeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--frame", required = true, paramLabel = "PNG", description = "Camera frame.")
  Path frame;

  @Option(names = "--goal", required = true, paramLabel = "PNG", description = "Goal image.")
  Path goal;

  @Option(
      names = "--state",
      required = true,
      paramLabel = "X,Y,Z,R,P,Y,G",
      description = "Arm state: xyz (m), roll/pitch/yaw (rad), gripper closedness [0, 1].")
  String state;

  @Option(names = "--out", required = true, paramLabel = "PNG", description = "Heatmap file.")
  Path out;

  @Option(
      names = "--range-m",
      paramLabel = "M",
      defaultValue = "0.075",
      description = "Grid half-width: dx and dy from -M to +M metres (default: ${DEFAULT-VALUE}).")
  double rangeM;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "21",
      description = "Grid points per axis, in [2, 64] (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--cell-px",
      paramLabel = "N",
      defaultValue = "8",
      description = "Heatmap pixels per grid cell, in [1, 32] (default: ${DEFAULT-VALUE}).")
  int cellPx;

  @Override
  public Integer call() throws Exception {
    return OperatorSupport.run(
        spec,
        server,
        connection -> {
          EnergyLandscapeRequest request = request();
          EnergyLandscapeResponse r = connection.blocking().energyLandscape(request);
          write(r);
          PrintWriter o = spec.commandLine().getOut();
          o.printf(
              Locale.ROOT,
              "argmin: dx %+.4f m, dy %+.4f m, energy %.5f (grid %dx%d, energies %.5f .. %.5f,"
                  + " %.3f s)%n",
              r.getArgminDxM(),
              r.getArgminDyM(),
              r.getMinEnergy(),
              r.getStepsX(),
              r.getStepsY(),
              r.getMinEnergy(),
              r.getMaxEnergy(),
              r.getEvaluateSeconds());
          o.println("heatmap: " + out);
          o.flush();
          return 0;
        });
  }

  private EnergyLandscapeRequest request() {
    if (!(rangeM > 0 && rangeM <= 0.2)) {
      throw new UsageException("--range-m must be in (0, 0.2], got " + rangeM);
    }
    if (steps < 2 || steps > 64) {
      throw new UsageException("--steps must be in [2, 64], got " + steps);
    }
    if (cellPx < 1 || cellPx > 32) {
      throw new UsageException("--cell-px must be in [1, 32], got " + cellPx);
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UsageException("--out " + out + ": directory " + parent + " does not exist");
    }
    double[] s = Numbers.list("--state", state, 7);
    EndEffectorState armState =
        EndEffectorState.newBuilder()
            .setXM(s[0])
            .setYM(s[1])
            .setZM(s[2])
            .setRollRad(s[3])
            .setPitchRad(s[4])
            .setYawRad(s[5])
            .setGripperClosedness(s[6])
            .build();
    GridSpec grid =
        GridSpec.newBuilder()
            .setMinDxM(-rangeM)
            .setMaxDxM(rangeM)
            .setStepsX(steps)
            .setMinDyM(-rangeM)
            .setMaxDyM(rangeM)
            .setStepsY(steps)
            .build();
    return EnergyLandscapeRequest.newBuilder()
        .setFrame(ImageFiles.read("--frame", frame))
        .setGoal(GoalRef.newBuilder().setImage(ImageFiles.read("--goal", goal)))
        .setState(armState)
        .setGrid(grid)
        .setHeatmapCellPx(cellPx)
        .build();
  }

  private void write(EnergyLandscapeResponse r) {
    try {
      Files.write(out, r.getHeatmapPng().toByteArray());
    } catch (IOException e) {
      throw new UsageException("cannot write --out " + out + ": " + e.getMessage());
    }
  }
}
