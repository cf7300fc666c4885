package dev.latentmpc.deploy.metrics;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The request line of an HTTP/1.x request, read together with the headers that follow it (which the
 * endpoint does not need, so they are skipped) up to the blank line that ends them.
 *
 * @param method e.g. {@code GET}
 * @param path the target's path, without the query
 */
record RequestHead(String method, String path) {

  /** A request the endpoint answers with an error status instead of a scrape. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    Refused(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /**
   * Reads one request head of at most {@code maxBytes} bytes.
   *
   * @throws Refused 431 when the head is longer, 400 when the request line is malformed
   * @throws IOException when the client closes the connection first (or the server's time limit
   *     closes it)
   */
  static RequestHead read(InputStream in, int maxBytes) throws IOException, Refused {
    byte[] head = new byte[maxBytes];
    int length = 0;
    int newlines = 0; // consecutive line ends, ignoring CR
    boolean started = false; // blank lines before the request line are skipped (RFC 9112 2.2)
    while (!started || newlines < 2) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the client closed the connection before the request ended");
      }
      if (length == maxBytes) {
        throw new Refused(431, "request head longer than " + maxBytes + " bytes");
      }
      head[length++] = (byte) b;
      if (b == '\n') {
        newlines++;
      } else if (b != '\r') {
        newlines = 0;
        started = true;
      }
    }
    String text = new String(head, 0, length, StandardCharsets.ISO_8859_1).strip();
    int end = text.indexOf('\n');
    return parseRequestLine((end < 0 ? text : text.substring(0, end)).strip());
  }

  private static RequestHead parseRequestLine(String line) throws Refused {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3
        || parts[0].isEmpty()
        || !parts[0].chars().allMatch(c -> c >= 'A' && c <= 'Z')
        || !parts[1].startsWith("/")
        || !parts[2].startsWith("HTTP/1.")) {
      throw new Refused(400, "malformed request line");
    }
    int query = parts[1].indexOf('?');
    return new RequestHead(parts[0], query < 0 ? parts[1] : parts[1].substring(0, query));
  }
}
