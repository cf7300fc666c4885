/**
 * The runnable service and its composition root.
 *
 * <p>The only place that chooses implementations (real or simulated arm and camera, CPU or GPU
 * model runtime) and wires modules together; everything else takes its collaborators through
 * constructors. {@link dev.latentmpc.deploy.LatentMpc} is the {@code latent-mpc} command line that
 * {@code deploy/bin/latent-mpc} launches; its {@code serve} subcommand runs the service (see {@code
 * config} for its settings and {@code server} for its parts), {@code operator} talks to one.
 */
package dev.latentmpc.deploy;
