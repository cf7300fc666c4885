/**
 * gRPC server plumbing that every server of the project shares (the operator API, its plaintext
 * health listener and the simulated robot bridge): {@link dev.latentmpc.controller.rpc.ParseGuard}
 * answers a request whose bytes are not a valid message with INVALID_ARGUMENT naming the message
 * type, through the server's interceptors (so the audit line and the metrics see the status the
 * client sees), and logs it as one rate-limited line ({@link
 * dev.latentmpc.controller.rpc.ParseFailureLog}) instead of grpc-java's SEVERE stack trace and
 * UNKNOWN "Application error processing RPC".
 */
package dev.latentmpc.controller.rpc;
