package dev.latentmpc.camera.opencv;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** Reads the one-string form of a {@link CameraSource}. */
final class SourceParser {
  private static final Pattern INDEX = Pattern.compile("\\d{1,3}");
  private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Pattern IMAGE = Pattern.compile(".*\\.(png|jpe?g|bmp)");

  private SourceParser() {}

  static CameraSource parse(String text, boolean loop) {
    Objects.requireNonNull(text, "text is null");
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("camera source is blank");
    }
    if (INDEX.matcher(t).matches()) {
      return new CameraSource.Device(Integer.parseInt(t));
    }
    if (URL.matcher(t).matches()) {
      try {
        return new CameraSource.Stream(new URI(t));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("camera source is not a valid URL: " + e.getMessage());
      }
    }
    Path path;
    try {
      path = Path.of(t);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("camera source is not a valid path: " + e.getReason());
    }
    if (t.startsWith("/dev/")) {
      return new CameraSource.DevicePath(path);
    }
    if (IMAGE.matcher(t.toLowerCase(Locale.ROOT)).matches() && !t.contains("%")) {
      return new CameraSource.StillImage(path);
    }
    return new CameraSource.VideoFile(path, loop);
  }
}
