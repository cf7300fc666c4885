package dev.latentmpc.worldmodel.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.latentmpc.worldmodel.BundleException;
import dev.latentmpc.worldmodel.ExecutionProvider;
import dev.latentmpc.worldmodel.RuntimeStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the sessions of one bundle on one execution provider.
 *
 * <p>The provider is settled by the first session: the requested one is tried, then the next in
 * {@code TENSORRT → CUDA → CPU}; each failure (the CPU build of the runtime has no CUDA, a driver
 * is missing) is logged at WARN and kept as the fallback reason. Later sessions use the settled
 * provider, so all graphs of a bundle run on the same device. Not thread-safe; used while opening.
 */
final class SessionFactory {
  private static final Logger log = LoggerFactory.getLogger(SessionFactory.class);

  private final OrtEnvironment env;
  private final RuntimeOptions options;
  private final Path profilePrefix;
  private final List<String> fallbacks = new ArrayList<>();
  private ExecutionProvider active;

  SessionFactory(OrtEnvironment env, RuntimeOptions options) {
    this(env, options, null);
  }

  /**
   * A factory whose sessions write ONNX Runtime's profile (Chrome trace JSON) to files starting
   * with {@code profilePrefix}; null for none. Profiling slows every run: for measurements only.
   */
  SessionFactory(OrtEnvironment env, RuntimeOptions options, Path profilePrefix) {
    this.env = env;
    this.options = options;
    this.profilePrefix = profilePrefix;
  }

  /**
   * Creates a session for {@code file}; a file the runtime rejects is a {@link BundleException}.
   */
  OrtSession open(Path file) {
    return open(file, so -> env.createSession(file.toString(), so));
  }

  /** Creates a session from an in-memory model; {@code name} names it in errors. */
  OrtSession open(Path name, byte[] model) {
    return open(name, so -> env.createSession(model, so));
  }

  private OrtSession open(Path file, Creator creator) {
    if (active != null) {
      return create(file, creator, active);
    }
    for (ExecutionProvider candidate : chain(options.provider())) {
      if (candidate == ExecutionProvider.CPU) {
        OrtSession session = create(file, creator, candidate);
        active = candidate;
        return session;
      }
      // A GPU provider can fail as an OrtException (not in this build), a RuntimeException, or an
      // UnsatisfiedLinkError when its native libraries are missing; every one means "fall back".
      try (SessionOptions so = sessionOptions(candidate)) {
        OrtSession session = creator.create(so);
        active = candidate;
        return session;
      } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
        String reason = candidate + " unavailable: " + oneLine(e);
        log.warn("{}; trying the next provider", reason);
        fallbacks.add(reason);
      }
    }
    throw new AssertionError("the provider chain always ends with CPU");
  }

  /** Returns the provider settled by the first session and why it differs, if it does. */
  RuntimeStatus status() {
    Optional<String> reason =
        fallbacks.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", fallbacks));
    return new RuntimeStatus(
        options.provider(),
        active == null ? options.provider() : active,
        reason,
        options.intraOpThreads(),
        options.interOpThreads(),
        env.getVersion());
  }

  private OrtSession create(Path file, Creator creator, ExecutionProvider provider) {
    try (SessionOptions so = sessionOptions(provider)) {
      return creator.create(so);
    } catch (OrtException e) {
      throw new BundleException(
          file, "cannot be loaded by ONNX Runtime (corrupt or truncated graph?): " + oneLine(e), e);
    }
  }

  private SessionOptions sessionOptions(ExecutionProvider provider) throws OrtException {
    SessionOptions so = new SessionOptions();
    try {
      so.setOptimizationLevel(optLevel(options.optimizationLevel()));
      if (profilePrefix != null) {
        so.enableProfiling(profilePrefix.toString());
      }
      if (options.intraOpThreads() > 0) {
        so.setIntraOpNumThreads(options.intraOpThreads());
      }
      if (options.interOpThreads() > 0) {
        so.setInterOpNumThreads(options.interOpThreads());
      }
      if (provider == ExecutionProvider.TENSORRT) {
        so.addTensorrt(options.deviceId());
      }
      if (provider != ExecutionProvider.CPU) {
        so.addCUDA(options.deviceId());
      }
      return so;
    } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
      so.close();
      throw e;
    }
  }

  private static List<ExecutionProvider> chain(ExecutionProvider requested) {
    return switch (requested) {
      case TENSORRT ->
          List.of(ExecutionProvider.TENSORRT, ExecutionProvider.CUDA, ExecutionProvider.CPU);
      case CUDA -> List.of(ExecutionProvider.CUDA, ExecutionProvider.CPU);
      case CPU -> List.of(ExecutionProvider.CPU);
    };
  }

  private static OptLevel optLevel(RuntimeOptions.OptimizationLevel level) {
    return switch (level) {
      case DISABLED -> OptLevel.NO_OPT;
      case BASIC -> OptLevel.BASIC_OPT;
      case EXTENDED -> OptLevel.EXTENDED_OPT;
      case ALL -> OptLevel.ALL_OPT;
    };
  }

  /** Creates a session with the given options. */
  @FunctionalInterface
  private interface Creator {
    OrtSession create(SessionOptions options) throws OrtException;
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
