/**
 * Network faults under test control: {@link dev.latentmpc.simharness.net.FaultProxy}, a loopback
 * TCP proxy that stalls, drops, delays or stops reading a link (shipped in this module's test-jar
 * for the service's fault tests).
 */
package dev.latentmpc.simharness.net;
