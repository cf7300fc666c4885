package dev.latentmpc.camera.opencv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an OpenCV camera is read and what its frames must look like. Immutable; the constructor
 * checks everything at once and lists every problem in one {@link IllegalArgumentException}.
 *
 * <p>Frames go through three steps, in this order: {@link #crop()} (source pixels), BGR→RGB, then
 * {@link #rotation()}. The size a frame must have as it comes from the source is {@link #widthPx()}
 * × {@link #heightPx()} when they are set; a frame of another size is reported as a mismatch
 * (expected vs found) instead of being planned on.
 *
 * @param source where frames come from
 * @param widthPx requested and expected source width; 0 takes whatever the source gives
 * @param heightPx requested and expected source height; 0 with {@code widthPx} 0
 * @param fps requested device rate, and the rate files and still images are paced at; 0 keeps the
 *     device's rate and a file's own (30 when it has none)
 * @param fourcc a V4L2 pixel format to ask for (e.g. {@code MJPG}, often needed for high rates at
 *     large sizes), or empty for the device's default
 * @param crop the part of each source frame to keep, if any
 * @param rotation clockwise rotation applied after the crop
 * @param reconnectInitialBackoff wait before the first reconnect after a failure; doubled after
 *     every failed attempt
 * @param reconnectMaxBackoff cap on that wait
 * @param stallTimeout a newest frame older than this is refused as stalled (the source stopped
 *     delivering without failing); also the read timeout of HTTP streams
 */
public record CameraConfig(
    CameraSource source,
    int widthPx,
    int heightPx,
    double fps,
    Optional<String> fourcc,
    Optional<Crop> crop,
    Rotation rotation,
    Duration reconnectInitialBackoff,
    Duration reconnectMaxBackoff,
    Duration stallTimeout) {

  /** Largest accepted frame side, in pixels. */
  public static final int MAX_SIDE_PX = 16_384;

  /** Highest accepted rate, frames per second. */
  public static final double MAX_FPS = 1_000;

  /** Rate that files without one of their own are paced at. */
  public static final double DEFAULT_FILE_FPS = 30;

  private static final Pattern FOURCC = Pattern.compile("[\\x20-\\x7e]{4}");

  /** Checks every value; the exception lists all problems. */
  public CameraConfig {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(fourcc, "fourcc is null");
    Objects.requireNonNull(crop, "crop is null");
    Objects.requireNonNull(rotation, "rotation is null");
    Objects.requireNonNull(reconnectInitialBackoff, "reconnectInitialBackoff is null");
    Objects.requireNonNull(reconnectMaxBackoff, "reconnectMaxBackoff is null");
    Objects.requireNonNull(stallTimeout, "stallTimeout is null");
    List<String> errors = new ArrayList<>();
    checkSize(errors, widthPx, heightPx);
    if (!(fps >= 0 && fps <= MAX_FPS)) {
      errors.add("fps must be in [0, " + MAX_FPS + "], got " + fps);
    }
    fourcc
        .filter(f -> !FOURCC.matcher(f).matches())
        .ifPresent(f -> errors.add("fourcc must be 4 printable ASCII characters, got '" + f + "'"));
    if (crop.isPresent() && widthPx > 0 && !crop.get().fits(widthPx, heightPx)) {
      errors.add("crop " + crop.get() + " does not fit the " + widthPx + "x" + heightPx + " frame");
    }
    checkDurations(errors, reconnectInitialBackoff, reconnectMaxBackoff, stallTimeout);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid camera config: " + String.join("; ", errors));
    }
  }

  private static void checkSize(List<String> errors, int widthPx, int heightPx) {
    boolean bothZero = widthPx == 0 && heightPx == 0;
    boolean bothSet = inSideRange(widthPx) && inSideRange(heightPx);
    if (!bothZero && !bothSet) {
      errors.add(
          "width and height must both be 0 (the source's size) or both in [1, "
              + MAX_SIDE_PX
              + "], got "
              + widthPx
              + "x"
              + heightPx);
    }
  }

  private static boolean inSideRange(int px) {
    return px >= 1 && px <= MAX_SIDE_PX;
  }

  private static void checkDurations(
      List<String> errors, Duration initial, Duration max, Duration stall) {
    if (initial.isNegative() || initial.isZero()) {
      errors.add("reconnectInitialBackoff must be positive, got " + initial);
    }
    if (max.compareTo(initial) < 0) {
      errors.add("reconnectMaxBackoff must be >= reconnectInitialBackoff, got " + max);
    }
    if (stall.isNegative() || stall.isZero()) {
      errors.add("stallTimeout must be positive, got " + stall);
    }
  }

  /** A builder with the defaults, for {@code source}. */
  public static Builder builder(CameraSource source) {
    return new Builder(source);
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    return new Builder(source)
        .size(widthPx, heightPx)
        .fps(fps)
        .fourcc(fourcc.orElse(null))
        .crop(crop.orElse(null))
        .rotation(rotation)
        .reconnectBackoff(reconnectInitialBackoff, reconnectMaxBackoff)
        .stallTimeout(stallTimeout);
  }

  /** Whether the source size is fixed by the configuration (so frames of other sizes fail). */
  public boolean hasExpectedSize() {
    return widthPx > 0;
  }

  /** The rate files and still images are paced at, given the file's own rate (0 if none). */
  double pacingFps(double sourceFps) {
    if (fps > 0) {
      return fps;
    }
    return sourceFps > 0 && sourceFps <= MAX_FPS ? sourceFps : DEFAULT_FILE_FPS;
  }

  /** Builds a {@link CameraConfig} from defaults plus overrides. */
  public static final class Builder {
    private final CameraSource source;
    private int widthPx;
    private int heightPx;
    private double fps;
    private String fourcc;
    private Crop crop;
    private Rotation rotation = Rotation.NONE;
    private Duration reconnectInitialBackoff = Duration.ofMillis(250);
    private Duration reconnectMaxBackoff = Duration.ofSeconds(5);
    private Duration stallTimeout = Duration.ofSeconds(2);

    private Builder(CameraSource source) {
      this.source = Objects.requireNonNull(source, "source is null");
    }

    /** Sets the expected source size; 0×0 (the default) takes the source's own. */
    public Builder size(int width, int height) {
      this.widthPx = width;
      this.heightPx = height;
      return this;
    }

    /** Sets the rate; 0 (the default) keeps the source's own. */
    public Builder fps(double value) {
      this.fps = value;
      return this;
    }

    /** Sets the V4L2 pixel format to ask for; null (the default) keeps the device's. */
    public Builder fourcc(String value) {
      this.fourcc = value;
      return this;
    }

    /** Sets the crop; null (the default) keeps the whole frame. */
    public Builder crop(Crop value) {
      this.crop = value;
      return this;
    }

    /** Sets the rotation; {@link Rotation#NONE} by default. */
    public Builder rotation(Rotation value) {
      this.rotation = value;
      return this;
    }

    /** Sets the reconnect backoff: first wait and cap (250 ms and 5 s by default). */
    public Builder reconnectBackoff(Duration initial, Duration max) {
      this.reconnectInitialBackoff = initial;
      this.reconnectMaxBackoff = max;
      return this;
    }

    /** Sets the stall timeout (2 s by default). */
    public Builder stallTimeout(Duration value) {
      this.stallTimeout = value;
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException listing every invalid value
     */
    public CameraConfig build() {
      return new CameraConfig(
          source,
          widthPx,
          heightPx,
          fps,
          Optional.ofNullable(fourcc),
          Optional.ofNullable(crop),
          rotation,
          reconnectInitialBackoff,
          reconnectMaxBackoff,
          stallTimeout);
    }
  }
}
