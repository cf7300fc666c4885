package dev.latentmpc.deploy.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each audit event as one JSON line to the SLF4J logger {@value #LOGGER}. */
public final class Slf4jAuditSink implements AuditSink {
  /** The audit logger's name. */
  public static final String LOGGER = "latentmpc.audit";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void record(AuditEvent event) {
    LOG.info("{}", toJson(event));
  }

  /** Returns the event as one line of JSON. */
  public static String toJson(AuditEvent event) {
    ObjectNode o = JSON.createObjectNode();
    o.put("time", event.time().toString());
    o.put("principal", event.principal());
    o.put("role", event.role());
    o.put("rpc", event.rpc());
    o.put("robot", event.robot());
    ObjectNode args = o.putObject("args");
    new TreeMap<>(event.arguments()).forEach(args::put);
    o.put("outcome", event.outcome());
    o.put("detail", event.detail());
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
