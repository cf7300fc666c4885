package dev.latentmpc.worldmodel.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Open/closed state of one {@link OnnxWorldModel}: calls run under the read lock and fail once the
 * model is closed; closing takes the write lock, so it waits for running calls, then closes the
 * energy bindings still open and the model's own resources. Thread-safe.
 */
final class Lifecycle {
  private final String modelName;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<EnergyBinding> bindings = ConcurrentHashMap.newKeySet();
  private boolean closed; // guarded by lock

  Lifecycle(String modelName) {
    this.modelName = modelName;
  }

  /** Runs {@code call} unless the model is closed; closing waits for it. */
  <T> T guarded(Supplier<T> call) {
    Lock read = lock.readLock();
    read.lock();
    try {
      ensureOpen();
      return call.get();
    } finally {
      read.unlock();
    }
  }

  /** The read lock, for a hot path that holds it without allocating a call object. */
  Lock readLock() {
    return lock.readLock();
  }

  /** Throws {@link IllegalStateException} when closed; call under {@link #readLock()}. */
  void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("world model '" + modelName + "' is closed");
    }
  }

  /** Records an open binding, so that closing the model closes it. */
  EnergyBinding register(EnergyBinding binding) {
    bindings.add(binding);
    return binding;
  }

  /** Closes {@code binding} now, unless the model's close already did. */
  void release(EnergyBinding binding) {
    Lock read = lock.readLock();
    read.lock();
    try {
      if (bindings.remove(binding)) {
        binding.closeNow();
      }
    } finally {
      read.unlock();
    }
  }

  /**
   * Marks the model closed after running calls finish, closes its open bindings, then runs {@code
   * resources}; returns false (running nothing) when it was closed already.
   */
  boolean close(Runnable resources) {
    Lock write = lock.writeLock();
    write.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      List<EnergyBinding> open = new ArrayList<>(bindings);
      bindings.clear();
      open.forEach(EnergyBinding::closeNow);
      resources.run();
      return true;
    } finally {
      write.unlock();
    }
  }

  /** Returns the number of bindings not closed yet. */
  int openBindings() {
    return bindings.size();
  }
}
