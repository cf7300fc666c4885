package dev.latentmpc.worldmodel.onnx;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Native float buffers for graph inputs and outputs, one per name, grown on demand and reused
 * across calls so the hot path allocates no native memory.
 *
 * <p>The memory comes from JavaCPP's {@link FloatPointer} rather than {@code
 * ByteBuffer.allocateDirect}, because a direct ByteBuffer is freed only when the garbage collector
 * gets to it, while {@link #close()} here frees every buffer at once. The views handed out are
 * direct, native-order {@link FloatBuffer}s that ONNX Runtime wraps without copying; none may be
 * used after the set is closed.
 *
 * <p>A set is used by one call (or one energy binding) at a time: {@link Pool#take()} hands a set
 * to its user and {@link Pool#give(InputBuffers)} takes it back once the user's tensors are closed.
 * Concurrent calls therefore each have their own set, and the pool holds at most as many sets as
 * calls ever ran at once.
 */
final class InputBuffers implements AutoCloseable {
  private final Map<String, FloatPointer> memory = new HashMap<>();
  private final Map<String, FloatBuffer> views = new HashMap<>();

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

  /** Copies {@code values} into the buffer for {@code name}; returns it, flipped. */
  FloatBuffer load(String name, float[] values) {
    return reserve(name, values.length).put(values).flip();
  }

  /**
   * Returns the buffer for {@code name} with position 0 and limit {@code floats}, growing it when
   * it is smaller. Growing frees the old memory, so a view returned earlier must no longer be in
   * use (no tensor may still wrap it).
   */
  FloatBuffer reserve(String name, int floats) {
    FloatBuffer view = views.get(name);
    if (view == null || view.capacity() < floats) {
      FloatPointer old = memory.remove(name);
      if (old != null) {
        old.close();
      }
      FloatPointer grown = new FloatPointer(Math.max(1, floats));
      memory.put(name, grown);
      view = grown.asBuffer();
      views.put(name, view);
    }
    view.clear();
    view.limit(floats);
    return view;
  }

  /** Returns the native bytes this set holds. */
  long bytes() {
    long bytes = 0;
    for (FloatBuffer view : views.values()) {
      bytes += (long) view.capacity() * Float.BYTES;
    }
    return bytes;
  }

  /** Frees every buffer now; the set may be reused afterwards (it allocates again on demand). */
  @Override
  public void close() {
    memory.values().forEach(FloatPointer::close);
    memory.clear();
    views.clear();
  }

  /**
   * A free list of buffer sets shared by the calls of one model. After {@link #close()} the free
   * sets are freed, and a set given back later is freed instead of kept.
   */
  static final class Pool implements AutoCloseable {
    private final ArrayDeque<InputBuffers> free = new ArrayDeque<>();
    private boolean closed;

    synchronized InputBuffers take() {
      InputBuffers buffers = free.poll();
      return buffers != null ? buffers : new InputBuffers();
    }

    synchronized void give(InputBuffers buffers) {
      if (closed) {
        buffers.close();
      } else {
        free.push(buffers);
      }
    }

    /** Returns the native bytes held by the sets now in the pool (not those taken). */
    synchronized long pooledBytes() {
      long bytes = 0;
      for (InputBuffers buffers : free) {
        bytes += buffers.bytes();
      }
      return bytes;
    }

    /** Frees the pooled sets now; idempotent. */
    @Override
    public synchronized void close() {
      closed = true;
      free.forEach(InputBuffers::close);
      free.clear();
    }
  }
}
