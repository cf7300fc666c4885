package dev.latentmpc.controller.service.goal;

/**
 * A goal image held by the {@link GoalStore}.
 *
 * @param goalId content hash (lowercase hex SHA-256 over width, height and pixels)
 * @param widthPx image width, pixels
 * @param heightPx image height, pixels
 * @param storedBytes bytes the pixels occupy (width × height × 3)
 * @param alreadyStored whether an identical image was already in the store
 */
public record StoredGoal(
    String goalId, int widthPx, int heightPx, long storedBytes, boolean alreadyStored) {}
