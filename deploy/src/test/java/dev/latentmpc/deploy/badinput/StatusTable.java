package dev.latentmpc.deploy.badinput;

import io.grpc.Status;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts calls by row (RPC) and status code, and prints them as a table. Thread-safe. */
final class StatusTable {
  private final Map<String, Map<Status.Code, Integer>> counts = new TreeMap<>();

  synchronized void count(String row, Status.Code code) {
    counts.computeIfAbsent(row, k -> new EnumMap<>(Status.Code.class)).merge(code, 1, Integer::sum);
  }

  synchronized int total() {
    return counts.values().stream()
        .flatMap(row -> row.values().stream())
        .mapToInt(Integer::intValue)
        .sum();
  }

  /** Prints the table with a title and a footer line. */
  synchronized void print(String title, String footer) {
    Map<Status.Code, Integer> totals = new EnumMap<>(Status.Code.class);
    counts.values().forEach(row -> row.forEach((code, n) -> totals.merge(code, n, Integer::sum)));
    StringBuilder out = new StringBuilder("\n").append(title).append('\n');
    out.append(String.format("%-34s", "RPC"));
    totals.keySet().forEach(code -> out.append(String.format("%20s", code)));
    out.append(String.format("%8s%n", "total"));
    counts.forEach((row, byCode) -> line(out, row, byCode, totals));
    line(out, "total", totals, totals);
    out.append(footer).append('\n');
    System.out.print(out);
  }

  private static void line(
      StringBuilder out,
      String name,
      Map<Status.Code, Integer> row,
      Map<Status.Code, Integer> columns) {
    out.append(String.format("%-34s", name));
    int sum = 0;
    for (Status.Code code : columns.keySet()) {
      int n = row.getOrDefault(code, 0);
      sum += n;
      out.append(String.format("%20d", n));
    }
    out.append(String.format("%8d%n", sum));
  }
}
