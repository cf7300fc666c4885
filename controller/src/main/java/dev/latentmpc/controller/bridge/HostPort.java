package dev.latentmpc.controller.bridge;

/**
 * A {@code host:port} bridge address split into its parts; an IPv6 host is written in brackets
 * ({@code [::1]:50061}) and kept here without them.
 *
 * @param host host name or IP literal, non-blank
 * @param port TCP port in [1, 65535]
 */
record HostPort(String host, int port) {

  /**
   * Parses {@code address}.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static HostPort parse(String address) {
    String problem = problem(address);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HostPort(host, Integer.parseInt(address.substring(colon + 1)));
  }

  /** What is wrong with {@code address}, or null when it is a valid {@code host:port}. */
  static String problem(String address) {
    String expected = "address must be host:port (e.g. 127.0.0.1:50061 or [::1]:50061), got ";
    if (address == null) {
      return "address must be set";
    }
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || address.isBlank() || !address.strip().equals(address)) {
      return expected + "'" + address + "'";
    }
    String host = address.substring(0, colon);
    boolean bracketed = host.startsWith("[") && host.endsWith("]") && host.length() > 2;
    if (host.startsWith("[") != bracketed || (!bracketed && host.contains(":"))) {
      return expected + "'" + address + "' (put an IPv6 host in brackets)";
    }
    String port = address.substring(colon + 1);
    if (!port.matches("[0-9]{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65_535) {
      return "address port must be in [1, 65535], got '" + port + "' in '" + address + "'";
    }
    return null;
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
