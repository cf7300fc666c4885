/**
 * Tools around the control service, never part of it: {@code latent-mpc demo} (one episode end to
 * end, recorded as MP4 with plots), {@code latent-mpc bench} (the closed-loop benchmark) and the
 * simulator's research commands ({@code latent-mpc sim oracle|reach-probes|grasp-probes}). {@link
 * dev.latentmpc.bench.BenchCommandLine} adds them to the service's command line through {@link
 * dev.latentmpc.deploy.CommandLineExtension}; the service's own class path never carries this
 * module, its video encoder (FFmpeg natives) or its plots.
 *
 * <p>The demo and the benchmark start the service in this process as {@code serve --arm sim}
 * composes it ({@link dev.latentmpc.deploy.server.LocalSimService}) and drive it over a real gRPC
 * socket as an operator would.
 */
package dev.latentmpc.bench;
