package dev.latentmpc.deploy.soak;

import io.grpc.netty.shaded.io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's memory and threads at one moment of a soak run, read after a full GC so that heap
 * figures are what is still reachable.
 *
 * @param elapsedSeconds seconds since the run started
 * @param heapAfterGcBytes heap in use after {@code System.gc()} (MemoryMXBean)
 * @param heapCommittedBytes heap the JVM holds from the OS then (part of the RSS)
 * @param directBytes the JDK's direct and mapped buffer pools (BufferPoolMXBean), bytes
 * @param nettyDirectBytes direct memory the (shaded) Netty of gRPC allocated itself, bytes; -1 when
 *     Netty does not count it
 * @param rssBytes resident set size of the process (VmRSS of /proc/self/status): heap, metaspace,
 *     code, thread stacks and every native allocation (ONNX Runtime, TLS), bytes; -1 off Linux
 * @param threads live Java threads
 */
record ResourceSample(
    double elapsedSeconds,
    long heapAfterGcBytes,
    long heapCommittedBytes,
    long directBytes,
    long nettyDirectBytes,
    long rssBytes,
    int threads) {

  /** Collects garbage, then reads every figure. */
  static ResourceSample take(double elapsedSeconds) {
    // Two collections: the first may only queue finalizable and phantom-reachable objects
    // (cleaners of direct buffers) that the second then frees.
    System.gc();
    System.gc();
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long direct = 0;
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      direct += Math.max(0, pool.getMemoryUsed());
    }
    return new ResourceSample(
        elapsedSeconds,
        heap.getUsed(),
        heap.getCommitted(),
        direct,
        PlatformDependent.usedDirectMemory(),
        readRss(),
        ManagementFactory.getThreadMXBean().getThreadCount());
  }

  /** The process's resident set size now (no GC), bytes; -1 off Linux. */
  static long readRss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] f = line.substring("VmRSS:".length()).strip().split("\\s+");
          return Long.parseLong(f[0]) * 1024; // kB
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  static double mib(long bytes) {
    return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
  }
}
