package dev.latentmpc.controller.service;

import dev.latentmpc.proto.control.v1.Outcome;
import dev.latentmpc.proto.control.v1.TaskUpdate;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a StartTask stream on the client side; tests wait on it with a timeout. */
final class UpdateQueue implements StreamObserver<TaskUpdate> {

  private static final long TIMEOUT_SECONDS = 20;

  private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();

  @Override
  public void onNext(TaskUpdate update) {
    items.add(update);
  }

  @Override
  public void onError(Throwable error) {
    items.add(error);
  }

  @Override
  public void onCompleted() {
    items.add("completed");
  }

  /** Returns the next update; fails on an error, the end of the stream or a timeout. */
  TaskUpdate next() throws InterruptedException {
    Object item = items.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (item instanceof TaskUpdate update) {
      return update;
    }
    throw new AssertionError("expected an update, got " + item);
  }

  /** Skips steps until the outcome and returns it. */
  Outcome outcome() throws InterruptedException {
    while (true) {
      TaskUpdate update = next();
      if (update.hasOutcome()) {
        return update.getOutcome();
      }
    }
  }
}
