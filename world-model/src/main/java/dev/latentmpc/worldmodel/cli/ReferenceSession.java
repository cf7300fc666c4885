package dev.latentmpc.worldmodel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch side of the bench, one planned action at a time: runs {@code
 * world-model/python/reference_cem.py --serve}, which loads the public V-JEPA 2-AC planning code
 * ({@code mpc_utils.cem} of facebookresearch/vjepa2, from a checkout the user names) on the
 * bundle's own checkpoint once, checks its energies against this project's, and then plans one
 * timed action per request. The bench alternates these with its own actions, so both sides of a
 * round see the same machine speed. The script's stdout carries only protocol lines; its stderr is
 * kept (the last lines) for the error message when it fails.
 */
final class ReferenceSession implements AutoCloseable {
  /** System property naming the installation root; the launcher sets it. */
  static final String HOME_PROPERTY = "latentmpc.home";

  /** The script, relative to the installation root. */
  static final String SCRIPT = "world-model/python/reference_cem.py";

  /** How long loading, or one action, may take before the bench gives up on the script. */
  private static final long TIMEOUT_MINUTES = 30;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TAIL_LINES = 5;

  /**
   * The script's first line, once loaded and checked.
   *
   * @param torchVersion the PyTorch that runs it
   * @param energyDifference max |energy difference| between the public predictor and this project's
   *     rollout on the same weights (a check that both run the same model)
   */
  record Ready(String torchVersion, double energyDifference) {
    /** Parses the ready line; an IOException for anything else. */
    static Ready parse(String line) throws IOException {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.path("ready").asBoolean(false)) {
        throw new IOException("expected the ready line, got: " + line);
      }
      return new Ready(
          node.path("torch").asText(),
          node.path("max_abs_energy_difference_vs_project").asDouble());
    }
  }

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();
  private final Deque<String> errorTail = new ArrayDeque<>();
  private final Thread errorReader;
  private Ready ready;

  private ReferenceSession(Process process) {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread.ofPlatform().daemon().name("reference-stdout").start(this::readLines);
    this.errorReader =
        Thread.ofPlatform().daemon().name("reference-stderr").start(this::readErrors);
  }

  /**
   * Starts the script and waits until it is loaded, checked and warmed up.
   *
   * @param python the interpreter with PyTorch and scipy (Debian's /usr/bin/python3)
   * @param source root of a facebookresearch/vjepa2 checkout
   * @throws IllegalStateException with the script's last error lines when it fails
   */
  static ReferenceSession start(
      Path python, Path source, Path bundle, int samples, int iterations, int horizon, int threads)
      throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty(HOME_PROPERTY, "."));
    List<String> command = new ArrayList<>();
    command.addAll(List.of(python.toString(), home.resolve(SCRIPT).toString(), "--serve"));
    command.addAll(List.of("--bundle", bundle.toString(), "--reference-src", source.toString()));
    command.addAll(List.of("--samples", "" + samples, "--iterations", "" + iterations));
    command.addAll(List.of("--horizon", "" + horizon, "--threads", "" + threads));
    ReferenceSession session = new ReferenceSession(new ProcessBuilder(command).start());
    try {
      session.ready = Ready.parse(session.nextLine("loading"));
      return session;
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** Returns the ready line's contents. */
  Ready ready() {
    return ready;
  }

  /** Plans one action in the script and returns its timings. */
  ReferenceAction planAction() throws IOException, InterruptedException {
    send("action\n");
    return ReferenceAction.parse(nextLine("an action"));
  }

  /** Ends the script's input and returns its summary over the actions it planned. */
  PytorchReference finish() throws IOException, InterruptedException {
    commands.close();
    PytorchReference summary = PytorchReference.parse(nextLine("the summary"));
    if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw failure("did not exit cleanly");
    }
    return summary;
  }

  /** Stops the script if it still runs. */
  @Override
  public void close() {
    process.destroyForcibly();
  }

  private void send(String line) throws IOException {
    try {
      commands.write(line);
      commands.flush();
    } catch (IOException e) {
      throw failure("stopped reading its input");
    }
  }

  private String nextLine(String awaiting) throws InterruptedException {
    Optional<String> line = lines.poll(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (line == null) {
      throw failure("gave no answer within " + TIMEOUT_MINUTES + " minutes, awaiting " + awaiting);
    }
    return line.orElseThrow(() -> failure("ended while awaiting " + awaiting));
  }

  private IllegalStateException failure(String what) {
    String exit = "";
    try {
      if (process.waitFor(10, TimeUnit.SECONDS)) {
        exit = " (exit " + process.exitValue() + ")";
        errorReader.join(TimeUnit.SECONDS.toMillis(2));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (errorTail) {
      return new IllegalStateException(
          SCRIPT + " " + what + exit + ": " + String.join(" | ", errorTail));
    }
  }

  private void readLines() {
    try (BufferedReader in = reader(process.getInputStream())) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(Optional.of(line));
      }
    } catch (IOException e) {
      // The process went away; the end marker below tells the waiting caller.
    } finally {
      lines.add(Optional.empty());
    }
  }

  private void readErrors() {
    try (BufferedReader in = reader(process.getErrorStream())) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (errorTail) {
          errorTail.addLast(line);
          if (errorTail.size() > TAIL_LINES) {
            errorTail.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // The process went away; its exit is reported by whoever waits for its answer.
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
