package dev.latentmpc.bench.closedloop;

import dev.latentmpc.simharness.task.SimTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * When a benchmark episode moves from one goal image to the next: moves per goal image and,
 * optionally, an energy threshold (switch as soon as a plan's elite energy falls below it, the
 * moves then being limits).
 *
 * @param movesPerImage moves (or move limits) per goal image, each in [1, 1000]
 * @param energyThreshold the switching threshold, finite and positive; empty for fixed moves
 */
public record BenchSchedule(List<Integer> movesPerImage, OptionalDouble energyThreshold) {

  /** Checks the values and copies the list. */
  public BenchSchedule {
    movesPerImage = List.copyOf(movesPerImage);
    if (movesPerImage.isEmpty() || movesPerImage.stream().anyMatch(n -> n < 1 || n > 1_000)) {
      throw new IllegalArgumentException("moves per goal must be in [1, 1000]: " + movesPerImage);
    }
    if (energyThreshold.isPresent()
        && !(energyThreshold.getAsDouble() > 0 && Double.isFinite(energyThreshold.getAsDouble()))) {
      throw new IllegalArgumentException("energy threshold must be finite and > 0");
    }
  }

  /** Fixed moves per goal image. */
  public static BenchSchedule fixed(int... moves) {
    List<Integer> list = new ArrayList<>();
    for (int m : moves) {
      list.add(m);
    }
    return new BenchSchedule(list, OptionalDouble.empty());
  }

  /**
   * Parses {@code A/B/C} (moves per goal image, as many as the task has images) or {@code
   * energy=E:A/B/C} (switch when the energy falls below E, at most that many moves).
   *
   * @param option the option, for messages
   * @throws IllegalArgumentException naming the option, the task and the form to use
   */
  public static BenchSchedule parse(String option, SimTask task, String text) {
    int images = BenchSchedules.DEFAULTS.get(task).size();
    String example = images == 1 ? "20" : "4/10/4";
    String form =
        " (e.g. "
            + task.cliName()
            + "="
            + example
            + " or "
            + task.cliName()
            + "=energy=0.3:"
            + example
            + ")";
    String moves = text.trim();
    OptionalDouble threshold = OptionalDouble.empty();
    if (moves.startsWith("energy=")) {
      int colon = moves.indexOf(':');
      double e = colon < 0 ? Double.NaN : number(moves.substring("energy=".length(), colon));
      if (!(e > 0 && Double.isFinite(e))) {
        throw new IllegalArgumentException(
            option + ": " + task.cliName() + " '" + text + "' needs a threshold > 0" + form);
      }
      threshold = OptionalDouble.of(e);
      moves = moves.substring(colon + 1);
    }
    String[] parts = moves.split("/", -1);
    if (parts.length != images) {
      throw new IllegalArgumentException(
          option
              + ": "
              + task.cliName()
              + " takes "
              + images
              + " move count(s), got '"
              + text
              + "'"
              + form);
    }
    List<Integer> counts = new ArrayList<>();
    for (String part : parts) {
      double n = number(part);
      if (!(n >= 1 && n <= 1_000 && n == Math.rint(n))) {
        throw new IllegalArgumentException(
            option
                + ": "
                + task.cliName()
                + " moves must be whole numbers in [1, 1000], got '"
                + part.trim()
                + "'"
                + form);
      }
      counts.add((int) n);
    }
    return new BenchSchedule(counts, threshold);
  }

  /** The schedule as {@link #parse} reads it, e.g. {@code 4/10/4} or {@code energy=0.3:4/10/4}. */
  public String label() {
    String moves = movesPerImage.stream().map(String::valueOf).collect(Collectors.joining("/"));
    return energyThreshold.isPresent()
        ? String.format(Locale.ROOT, "energy=%s:%s", energyThreshold.getAsDouble(), moves)
        : moves;
  }

  private static double number(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
