package dev.latentmpc.deploy;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging, which grpc-java and Netty log through, into SLF4J, so that the
 * service's log has one format and one backend: JUL's own console handler is removed and every JUL
 * record at INFO or above (JUL's default level) goes to the SLF4J logger of the same name.
 */
public final class JulBridge {
  private JulBridge() {}

  /** Installs the bridge once; later calls do nothing. */
  public static synchronized void install() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
