package dev.latentmpc.worldmodel.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Direct, native-order float buffers for graph inputs, one per input name, grown on demand and
 * reused across calls so the hot path allocates no native memory.
 *
 * <p>A set is used by one call at a time: {@link Pool#take()} hands a set to the calling thread and
 * {@link Pool#give(InputBuffers)} returns it after the call's tensors are closed. Concurrent calls
 * therefore each have their own set, and the pool holds at most as many sets as calls ever ran at
 * once.
 */
final class InputBuffers {
  private final Map<String, FloatBuffer> buffers = new HashMap<>();

  /** Copies {@code parts} back to back into the buffer for {@code name}; returns it, flipped. */
  FloatBuffer load(String name, List<float[]> parts) {
    int floats = 0;
    for (float[] part : parts) {
      floats = Math.addExact(floats, part.length);
    }
    FloatBuffer buffer = reserve(name, floats);
    for (float[] part : parts) {
      buffer.put(part);
    }
    return buffer.flip();
  }

  private FloatBuffer reserve(String name, int floats) {
    FloatBuffer buffer = buffers.get(name);
    if (buffer == null || buffer.capacity() < floats) {
      buffer =
          ByteBuffer.allocateDirect(Math.multiplyExact(floats, Float.BYTES))
              .order(ByteOrder.nativeOrder())
              .asFloatBuffer();
      buffers.put(name, buffer);
    }
    buffer.clear();
    buffer.limit(floats);
    return buffer;
  }

  /** A free list of buffer sets shared by the calls of one model. */
  static final class Pool {
    private final ConcurrentLinkedQueue<InputBuffers> free = new ConcurrentLinkedQueue<>();

    InputBuffers take() {
      InputBuffers buffers = free.poll();
      return buffers != null ? buffers : new InputBuffers();
    }

    void give(InputBuffers buffers) {
      free.offer(buffers);
    }

    void clear() {
      free.clear();
    }
  }
}
