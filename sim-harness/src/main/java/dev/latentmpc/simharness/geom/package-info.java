/**
 * Small immutable geometry for the simulator: vectors, rotations with V-JEPA 2-AC's extrinsic xyz
 * Euler convention, rigid poses.
 */
package dev.latentmpc.simharness.geom;
