package dev.latentmpc.controller.arm;

import dev.latentmpc.worldmodel.StateConvention;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The Franka arm as the controller sees it: one read method and a few blocking commands.
 *
 * <p>Implementations: {@code ArmIOBridge} (a robot or sim bridge over gRPC) and {@code ArmIOSim}
 * (the simulated arm in-process). No default methods: a forgotten {@link #stop()} on a real arm is
 * a safety bug.
 */
public interface ArmIO extends AutoCloseable {
  /**
   * Reads the current end-effector state.
   *
   * @return the state now
   * @throws ArmUnavailableException when the arm cannot be reached
   */
  ArmState read() throws ArmUnavailableException;

  /**
   * Moves the end effector by {@code delta} and blocks until the motion ends.
   *
   * @param delta the change to apply (finite; the safety envelope has already bounded it)
   * @param timeout the longest the call may block
   * @return the reached state and whether limits clamped the target
   * @throws ArmUnavailableException when the arm cannot be reached or refuses the command
   * @throws TimeoutException when the motion did not finish within {@code timeout}; the arm is
   *     stopped before this is thrown
   */
  MoveResult moveDelta(Delta delta, Duration timeout)
      throws ArmUnavailableException, TimeoutException;

  /**
   * Says what this arm's states mean: which point of the hand {@link #read()} reports, the Euler
   * convention of its angles and the scale of its gripper value. Asked when a task starts (a robot
   * bridge may have been restarted with another configuration since the last one), and compared
   * with the model's before anything moves ({@link StateConventionCheck}).
   *
   * @return the arm's convention
   * @throws ArmUnavailableException when the arm cannot be reached
   * @throws StateConventionException when the arm reports no convention or an unusable one; the
   *     message names the field
   */
  StateConvention stateConvention() throws ArmUnavailableException, StateConventionException;

  /**
   * Stops any motion now and holds position.
   *
   * @throws ArmUnavailableException when the stop could not be delivered
   */
  void stop() throws ArmUnavailableException;

  /** Releases the connection; the arm is stopped first where the implementation can. */
  @Override
  void close();
}
