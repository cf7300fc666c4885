package dev.latentmpc.deploy.metrics;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 response of the metrics endpoint, which closes the connection after it.
 *
 * @param status the status code
 * @param contentType the body's type
 * @param body the body ({@code Content-Length} is its length even when only the head is sent)
 * @param headOnly send the head only (a HEAD request)
 * @param allow the {@code Allow} header, or null for none
 */
record HttpResponse(int status, String contentType, byte[] body, boolean headOnly, String allow) {
  static HttpResponse text(int status, String text) {
    return new HttpResponse(
        status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), false, null);
  }

  HttpResponse withAllow(String methods) {
    return new HttpResponse(status, contentType, body, headOnly, methods);
  }

  byte[] bytes() {
    StringBuilder head =
        new StringBuilder("HTTP/1.1 ")
            .append(status)
            .append(' ')
            .append(reason())
            .append("\r\nContent-Type: ")
            .append(contentType)
            .append("\r\nContent-Length: ")
            .append(body.length)
            .append("\r\nConnection: close\r\n");
    if (allow != null) {
      head.append("Allow: ").append(allow).append("\r\n");
    }
    byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    if (headOnly) {
      return headBytes;
    }
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  private String reason() {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
