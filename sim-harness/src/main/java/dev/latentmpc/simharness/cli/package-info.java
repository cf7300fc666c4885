/**
 * The {@code sim} command line: {@code sim serve} (the bridge server), {@code sim render} (PNGs of
 * a seeded scene and its goal images), {@code sim oracle} (the scripted controller's success rate)
 * and {@code sim dataset} (the training-data generator).
 *
 * <p>This package is a composition root for the simulator: it builds worlds, cameras and servers
 * from options and prints results. Bad options end with one line on stderr that names the fix, and
 * exit status 2.
 */
package dev.latentmpc.simharness.cli;
