/**
 * Result files of the commands that run episodes ({@code bench}, {@code demo}): CSV tables and PNG
 * line plots drawn by XChart (headless, its bitmap encoder only) and written with ImageIO.
 */
package dev.latentmpc.bench.report;
