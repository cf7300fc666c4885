package dev.latentmpc.deploy.security;

import io.grpc.Context;
import java.util.Objects;

/**
 * An authenticated caller of the operator API.
 *
 * @param name the name from the token file ({@code anonymous} when {@code security.auth=none})
 * @param role what the caller may do
 */
public record Principal(String name, Role role) {
  /** The gRPC context key a call's principal is stored under. */
  public static final Context.Key<Principal> CONTEXT_KEY = Context.key("latentmpc-principal");

  /** Every caller when authentication is off. */
  public static final Principal ANONYMOUS = new Principal("anonymous", Role.OPERATOR);

  /** Checks the values. */
  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  /** Returns the current call's principal, if the security interceptor set one. */
  public static java.util.Optional<Principal> current() {
    return java.util.Optional.ofNullable(CONTEXT_KEY.get());
  }
}
