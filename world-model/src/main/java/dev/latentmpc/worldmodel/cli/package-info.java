/**
 * The {@code model} command line: {@code model info BUNDLE} describes a bundle and {@code model
 * bench BUNDLE} times encoding and batched energies against the machine's matrix-product peak.
 * Output goes to the command's writers, not to the log.
 */
package dev.latentmpc.worldmodel.cli;
