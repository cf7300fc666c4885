package dev.latentmpc.controller.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a child process for tests, its stdout and stderr going to a log file: it is
 * polled until it says where it serves, and stopped with SIGTERM (SIGKILL if it hangs). Every
 * failure quotes the command and the log.
 */
public final class LoggedProcess {
  /** Time between two looks for the readiness sign: the child writes it, nothing to wait on. */
  private static final long POLL_MILLIS = 20;

  /** Longest wait for the process to go after SIGKILL. */
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

  /** Says whether the child is ready and with what, e.g. the address in a file it writes. */
  @FunctionalInterface
  public interface Readiness<T> {
    /** Returns the value once the child is ready, empty before. */
    Optional<T> check() throws IOException;
  }

  private final String name;
  private final Process process;
  private final Path log;

  private LoggedProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code builder}'s command with stdout and stderr going to {@code log}.
   *
   * @param name what failures call it, e.g. "the service"
   */
  public static LoggedProcess start(String name, ProcessBuilder builder, Path log)
      throws IOException {
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new LoggedProcess(name + " (command " + builder.command() + ")", process, log);
  }

  /**
   * Polls {@code ready} until it gives a value and returns that value.
   *
   * @throws IOException when the process exits first, or when {@code timeout} passes (then it is
   *     killed); the message quotes the log
   */
  public <T> T await(Readiness<T> ready, Duration timeout)
      throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = ready.check();
      if (value.isPresent()) {
        return value.get();
      }
      if (!process.isAlive()) {
        throw new IOException(name + " exited with status " + process.exitValue() + ":\n" + log());
      }
      if (System.nanoTime() > end) {
        process.destroyForcibly().waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        throw new IOException(name + " did not serve within " + timeout + ":\n" + log());
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The process's output so far (stdout and stderr). */
  public String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Sends SIGTERM and waits for the process to exit.
   *
   * @return its exit status
   * @throws IllegalStateException when it does not exit within {@code timeout} (then killed)
   */
  public int terminate(Duration timeout) throws InterruptedException {
    if (process.isAlive()) {
      process.destroy(); // SIGTERM on Linux
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        process.destroyForcibly().waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        throw new IllegalStateException(
            name + " did not exit within " + timeout + " of SIGTERM:\n" + log());
      }
    }
    return process.exitValue();
  }

  /**
   * Kills the process with SIGKILL, as a power cut or the OOM killer would, and waits for it.
   *
   * @throws IllegalStateException when it survives SIGKILL for {@code timeout}
   */
  public void kill(Duration timeout) throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(name + " survived SIGKILL for " + timeout);
    }
  }

  /** Sends SIGKILL without waiting; for when a test is interrupted while stopping it. */
  public void destroyForcibly() {
    process.destroyForcibly();
  }
}
