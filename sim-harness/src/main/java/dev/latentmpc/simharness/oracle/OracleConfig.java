package dev.latentmpc.simharness.oracle;

/**
 * Settings of the oracle, validated once. Steps are bounded like the planner's actions and sized so
 * one step is about 0.25 s of motion at the default arm speed (4 fps).
 *
 * <p>Noise for demonstrations: each step, with probability {@code randomActionProbability}, the
 * scripted action is replaced by a uniformly random one (per axis within ±maxStepM, gripper within
 * ±maxGripperStep half of the time); otherwise Gaussian noise with {@code noiseStdM} per axis, and
 * {@code noiseStdRad} per rotation axis, is added to it. The noisy action is bounded again. With
 * noise some episodes fail, which is what a dataset of successes and failures needs; the noise
 * comes from the {@code RandomGenerator} handed to the {@link Oracle}, so it is reproducible.
 *
 * @param maxStepM largest Euclidean translation per step, metres
 * @param maxStepL1M largest L1 norm of the translation per step (the planner's 0.075 ball)
 * @param maxGripperStep largest |Δgripper| per step
 * @param positionToleranceM how close the TCP must be to a waypoint before the next phase
 * @param approachHeightM height above the grasp point from which the hand descends
 * @param noiseStdM Gaussian translation noise per axis, metres (0 = none)
 * @param noiseStdRad Gaussian rotation noise per axis, radians (0 = none)
 * @param randomActionProbability chance per step of a random action instead (0 = never)
 */
public record OracleConfig(
    double maxStepM,
    double maxStepL1M,
    double maxGripperStep,
    double positionToleranceM,
    double approachHeightM,
    double noiseStdM,
    double noiseStdRad,
    double randomActionProbability) {

  /** Validates the values. */
  public OracleConfig {
    boolean ok =
        maxStepM > 0
            && maxStepM <= 0.2
            && maxStepL1M > 0
            && maxStepL1M <= 0.3
            && maxGripperStep > 0
            && maxGripperStep <= 1
            && positionToleranceM > 0
            && positionToleranceM < 0.05
            && approachHeightM >= 0.03
            && approachHeightM <= 0.3
            && noiseStdM >= 0
            && noiseStdM <= 0.1
            && noiseStdRad >= 0
            && noiseStdRad <= 0.5
            && randomActionProbability >= 0
            && randomActionProbability <= 1;
    if (!ok) {
      throw new IllegalArgumentException(
          String.format(
              "invalid oracle config: maxStepM %s (0, 0.2], maxStepL1M %s (0, 0.3], maxGripperStep"
                  + " %s (0, 1], positionToleranceM %s (0, 0.05), approachHeightM %s [0.03, 0.3],"
                  + " noiseStdM %s [0, 0.1], noiseStdRad %s [0, 0.5], randomActionProbability %s"
                  + " [0, 1]",
              maxStepM,
              maxStepL1M,
              maxGripperStep,
              positionToleranceM,
              approachHeightM,
              noiseStdM,
              noiseStdRad,
              randomActionProbability));
    }
  }

  /** Noise-free: 5 cm and 7.5 cm L1 per step, gripper 0.75 per step, 1 cm tolerance. */
  public static OracleConfig defaults() {
    return new OracleConfig(0.05, 0.075, 0.75, 0.01, 0.08, 0, 0, 0);
  }

  /**
   * The defaults with demonstration noise.
   *
   * @param noiseStdM Gaussian translation noise per axis (e.g. 0.01)
   * @param randomActionProbability chance of a random action per step (e.g. 0.1)
   * @return the config
   */
  public static OracleConfig noisy(double noiseStdM, double randomActionProbability) {
    OracleConfig d = defaults();
    return new OracleConfig(
        d.maxStepM,
        d.maxStepL1M,
        d.maxGripperStep,
        d.positionToleranceM,
        d.approachHeightM,
        noiseStdM,
        0,
        randomActionProbability);
  }

  /** True when any noise is configured. */
  public boolean isNoisy() {
    return noiseStdM > 0 || noiseStdRad > 0 || randomActionProbability > 0;
  }
}
