package dev.latentmpc.deploy.operator;

import dev.latentmpc.proto.control.v1.SamplingHooks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses the command-line form of the planner's sampling hooks ({@code SamplingHooks} of the
 * operator API): {@code KEY=VALUE[,KEY=VALUE...]} with the keys {@code gripper-std} (initial
 * Δgripper spread), {@code pin-dx}, {@code pin-dy}, {@code pin-dz} (metres), {@code pin-dgripper}
 * and {@code close-from} (a horizon step), and per goal {@code GOAL:KEY=VALUE[,...]} with a 0-based
 * goal index. The server checks the ranges; this checks only the form.
 */
public final class SamplingSpec {

  /** The keys, in the order the help lists them. */
  public static final List<String> KEYS =
      List.of("gripper-std", "pin-dx", "pin-dy", "pin-dz", "pin-dgripper", "close-from");

  private SamplingSpec() {}

  /**
   * Parses one {@code KEY=VALUE[,...]} list.
   *
   * @param option the option, for messages
   * @throws IllegalArgumentException naming the option, the bad part and the valid form
   */
  public static SamplingHooks parse(String option, String spec) {
    SamplingHooks.Builder b = SamplingHooks.newBuilder();
    List<String> seen = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      String[] kv = part.split("=", -1);
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      if (kv.length != 2 || !KEYS.contains(key)) {
        throw bad(option, spec, "'" + part.trim() + "' is not KEY=VALUE with KEY one of " + KEYS);
      }
      if (seen.contains(key)) {
        throw bad(option, spec, key + " is given twice");
      }
      seen.add(key);
      String value = kv[1].trim();
      if (key.equals("close-from")) {
        b.setCloseGripperFromStep(step(option, spec, value));
        continue;
      }
      double number = number(option, spec, key, value);
      switch (key) {
        case "gripper-std" -> b.setInitialStdGripper(number);
        case "pin-dx" -> b.setPinDxM(number);
        case "pin-dy" -> b.setPinDyM(number);
        case "pin-dz" -> b.setPinDzM(number);
        default -> b.setPinDgripper(number);
      }
    }
    return b.build();
  }

  /**
   * Parses per-goal entries {@code GOAL:KEY=VALUE[,...]} into one hooks per goal (goals without an
   * entry get an empty one); an empty list when there are no entries.
   *
   * @param goals the task's goal count
   * @throws IllegalArgumentException naming the bad entry
   */
  public static List<SamplingHooks> perGoal(String option, List<String> entries, int goals) {
    if (entries.isEmpty()) {
      return List.of();
    }
    SamplingHooks[] hooks = new SamplingHooks[goals];
    Arrays.fill(hooks, SamplingHooks.getDefaultInstance());
    boolean[] given = new boolean[goals];
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      int goal = -1;
      if (colon > 0) {
        try {
          goal = Integer.parseInt(entry.substring(0, colon).trim());
        } catch (NumberFormatException e) {
          goal = -1;
        }
      }
      if (goal < 0 || goal >= goals) {
        throw new IllegalArgumentException(
            option
                + " '"
                + entry
                + "': start with the goal's 0-based index in [0, "
                + (goals - 1)
                + "] and a colon, e.g. 1:close-from=0");
      }
      if (given[goal]) {
        throw new IllegalArgumentException(option + ": goal " + goal + " is given twice");
      }
      given[goal] = true;
      hooks[goal] = parse(option, entry.substring(colon + 1));
    }
    return List.of(hooks);
  }

  /** Formats hooks in the form {@link #parse} reads, e.g. {@code gripper-std=1,pin-dz=0}. */
  public static String describe(SamplingHooks h) {
    List<String> parts = new ArrayList<>();
    if (h.hasInitialStdGripper()) {
      parts.add("gripper-std=" + number(h.getInitialStdGripper()));
    }
    if (h.hasPinDxM()) {
      parts.add("pin-dx=" + number(h.getPinDxM()));
    }
    if (h.hasPinDyM()) {
      parts.add("pin-dy=" + number(h.getPinDyM()));
    }
    if (h.hasPinDzM()) {
      parts.add("pin-dz=" + number(h.getPinDzM()));
    }
    if (h.hasPinDgripper()) {
      parts.add("pin-dgripper=" + number(h.getPinDgripper()));
    }
    if (h.hasCloseGripperFromStep()) {
      parts.add("close-from=" + Integer.toUnsignedString(h.getCloseGripperFromStep()));
    }
    return String.join(",", parts);
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e6
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private static int step(String option, String spec, String value) {
    try {
      int step = Integer.parseInt(value);
      if (step >= 0) {
        return step;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(option, spec, "close-from takes a horizon step >= 0, got '" + value + "'");
  }

  private static double number(String option, String spec, String key, String value) {
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      number = Double.NaN;
    }
    if (!Double.isFinite(number)) {
      throw bad(option, spec, key + " takes a finite number, got '" + value + "'");
    }
    return number;
  }

  private static IllegalArgumentException bad(String option, String spec, String why) {
    return new IllegalArgumentException(
        option + " '" + spec + "': " + why + " (e.g. gripper-std=0.3,pin-dz=0,close-from=0)");
  }
}
