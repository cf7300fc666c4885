package dev.latentmpc.camera.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import dev.latentmpc.camera.CameraUnavailableException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * An HTTP(S) MJPEG stream ({@code multipart/x-mixed-replace}, one JPEG per part), the format most
 * IP cameras and {@code mjpg-streamer} serve: read with the JDK's HTTP client and decoded with
 * OpenCV's {@code imdecode}, so it needs no FFmpeg. The read timeout is the config's stall timeout,
 * so a silent server counts as a failure and the capture thread reconnects.
 */
final class MjpegHttpSource implements FrameSource {
  /** Largest accepted part; a camera frame is far smaller, a broken stream might not be. */
  static final int MAX_PART_BYTES = 32 << 20;

  private static final int MAX_LINE_BYTES = 8 << 10;
  private static final int MAX_HEADER_LINES = 64;

  private final HttpURLConnection connection;
  private final InputStream in;
  private final String boundary;
  private final String description;
  private boolean boundaryConsumed;
  private boolean closed;

  private MjpegHttpSource(
      HttpURLConnection connection, InputStream in, String boundary, String description) {
    this.connection = connection;
    this.in = in;
    this.boundary = boundary;
    this.description = description;
  }

  /**
   * Connects and checks that the server sends a multipart stream.
   *
   * @throws CameraUnavailableException when it cannot connect, answers with an error, or sends
   *     something other than MJPEG
   */
  static MjpegHttpSource open(CameraSource.Stream source, Duration timeout)
      throws CameraUnavailableException {
    String what = source.describe();
    HttpURLConnection http = null;
    try {
      URLConnection c = source.uri().toURL().openConnection();
      http = (HttpURLConnection) c;
      int timeoutMs = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      http.setConnectTimeout(timeoutMs);
      http.setReadTimeout(timeoutMs);
      http.setUseCaches(false);
      int status = http.getResponseCode();
      if (status != HttpURLConnection.HTTP_OK) {
        throw new CameraUnavailableException(what + " answered HTTP " + status);
      }
      String type = String.valueOf(http.getContentType());
      String boundary = boundaryOf(type);
      if (boundary == null) {
        throw new CameraUnavailableException(
            what
                + " sends '"
                + type
                + "', not an MJPEG stream (multipart/x-mixed-replace with a boundary)");
      }
      return new MjpegHttpSource(
          http, new BufferedInputStream(http.getInputStream(), 1 << 16), boundary, what);
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      disconnect(http);
      throw new CameraUnavailableException("cannot read " + what + ": " + e, e);
    } catch (CameraUnavailableException e) {
      disconnect(http);
      throw e;
    }
  }

  /**
   * Reads the parts of an already open multipart body, with no connection behind it: the part
   * reader alone, for tests that feed it bytes.
   */
  static MjpegHttpSource overStream(InputStream in, String boundary, String description) {
    return new MjpegHttpSource(null, in, boundary, description);
  }

  /** The boundary of a {@code multipart/x-mixed-replace} content type, without leading "--". */
  static String boundaryOf(String contentType) {
    String lower = contentType.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("multipart/x-mixed-replace")) {
      return null;
    }
    int at = lower.indexOf("boundary=");
    if (at < 0) {
      return null;
    }
    String b = contentType.substring(at + "boundary=".length()).strip();
    int semicolon = b.indexOf(';');
    b = semicolon < 0 ? b : b.substring(0, semicolon).strip();
    if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
      b = b.substring(1, b.length() - 1);
    }
    b = b.startsWith("--") ? b.substring(2) : b;
    return b.isEmpty() ? null : b;
  }

  @Override
  public boolean read(Mat out) throws CameraUnavailableException {
    try {
      if (!skipToPart()) {
        return false;
      }
      int length = readHeaders();
      byte[] jpeg = length >= 0 ? readExactly(length) : readUntilBoundary();
      if (jpeg == null) {
        return false;
      }
      decode(jpeg, out);
      return true;
    } catch (IOException e) {
      throw new CameraUnavailableException(description + " failed: " + e, e);
    }
  }

  /** Reads up to the next boundary line; false at the end of the stream. */
  private boolean skipToPart() throws IOException, CameraUnavailableException {
    if (boundaryConsumed) {
      // The previous part ended at "\r\n--boundary"; the rest of that line says what follows.
      boundaryConsumed = false;
      String rest = readLine();
      return rest != null && !rest.startsWith("--");
    }
    for (int lines = 0; lines < MAX_HEADER_LINES; lines++) {
      String line = readLine();
      if (line == null || line.strip().equals("--" + boundary + "--")) {
        return false;
      }
      String t = line.strip();
      if (t.equals("--" + boundary) || t.equals(boundary)) {
        return true;
      }
    }
    throw new CameraUnavailableException(description + ": no part boundary where one belongs");
  }

  /** Reads a part's headers; returns its Content-Length, or -1 when it gives none. */
  private int readHeaders() throws IOException, CameraUnavailableException {
    int length = -1;
    for (int lines = 0; lines < MAX_HEADER_LINES; lines++) {
      String line = readLine();
      if (line == null || line.isEmpty()) {
        return length;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Length")) {
        length = parseLength(line.substring(colon + 1).strip());
      }
    }
    throw new CameraUnavailableException(description + ": a part has too many header lines");
  }

  private int parseLength(String text) throws CameraUnavailableException {
    try {
      int n = Integer.parseInt(text);
      if (n >= 0 && n <= MAX_PART_BYTES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new CameraUnavailableException(
        description + ": bad Content-Length '" + text + "' (at most " + MAX_PART_BYTES + ")");
  }

  private byte[] readExactly(int length) throws IOException {
    byte[] data = in.readNBytes(length);
    return data.length == length ? data : null;
  }

  /** Reads a part without Content-Length: everything up to CRLF and the next boundary. */
  private byte[] readUntilBoundary() throws IOException, CameraUnavailableException {
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream part = new ByteArrayOutputStream(1 << 16);
    int matched = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      part.write(b);
      // '\r' occurs only first in the delimiter, so a mismatch restarts at 0 or 1.
      matched = b == delimiter[matched] ? matched + 1 : (b == delimiter[0] ? 1 : 0);
      if (matched == delimiter.length) {
        boundaryConsumed = true;
        return Arrays.copyOf(part.toByteArray(), part.size() - delimiter.length);
      }
      if (part.size() > MAX_PART_BYTES) {
        throw new CameraUnavailableException(
            description + ": a part without Content-Length ran past " + MAX_PART_BYTES + " bytes");
      }
    }
  }

  private String readLine() throws IOException, CameraUnavailableException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (line.size() >= MAX_LINE_BYTES) {
        throw new CameraUnavailableException(description + ": header line too long");
      }
      line.write(b);
    }
    if (b < 0 && line.size() == 0) {
      return null;
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }

  private void decode(byte[] jpeg, Mat out) throws CameraUnavailableException {
    String notJpeg = description + ": a part of " + jpeg.length + " bytes is not a decodable JPEG";
    if (jpeg.length == 0) {
      // OpenCV asserts on an empty buffer (a RuntimeException, not an empty result).
      throw new CameraUnavailableException(notJpeg);
    }
    try (BytePointer bytes = new BytePointer(jpeg);
        Mat buffer = new Mat(1, jpeg.length, CV_8UC1, bytes);
        Mat decoded = imdecode(buffer, IMREAD_COLOR, out)) {
      if (decoded.empty() || out.empty()) {
        throw new CameraUnavailableException(notJpeg);
      }
    } catch (RuntimeException e) {
      // An OpenCV error (cv::Exception) from a decoder that gave up on the bytes.
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new CameraUnavailableException(notJpeg + " (" + why + ")", e);
    }
  }

  @Override
  public double sourceFps() {
    return 0;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        in.close();
      } catch (IOException e) {
        // Closing a broken stream can fail; the connection is dropped below either way.
      }
      disconnect(connection);
    }
  }

  private static void disconnect(HttpURLConnection http) {
    if (http != null) {
      http.disconnect();
    }
  }
}
