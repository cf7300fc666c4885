/**
 * Result files of the commands that run episodes ({@code bench}, {@code demo}): CSV tables and PNG
 * line plots drawn with Java2D (headless) and written with ImageIO, no chart library.
 */
package dev.latentmpc.bench.report;
