/**
 * The {@code sim} command line: {@code sim serve} (the bridge server), {@code sim render} (PNGs of
 * a seeded scene and its goal images) and {@code sim dataset} (the training-data generator). The
 * research subcommands ({@code oracle}, {@code reach-probes}, {@code grasp-probes}) live in the
 * bench module, which adds them to {@code sim} on its command line; they share {@link
 * dev.latentmpc.simharness.cli.CliSupport}, {@link dev.latentmpc.simharness.cli.TaskOption} and
 * {@link dev.latentmpc.simharness.cli.CameraOptions} with the commands here.
 *
 * <p>This package is a composition root for the simulator: it builds worlds, cameras and servers
 * from options and prints results. Bad options end with one line on stderr that names the fix, and
 * exit status 2.
 */
package dev.latentmpc.simharness.cli;
