package dev.latentmpc.controller.testing;

import dev.latentmpc.worldmodel.StateConvention;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A TOML configuration of the Python bridge for tests (keys: franka-bridge/README.md): the driver,
 * the reported state convention, the safety box and bounds, the kinematic driver's start pose and
 * speed, and optionally TLS and a token. Immutable; the {@code with...} methods return changed
 * copies.
 *
 * @param driver {@code kinematic}, {@code franky} or {@code polymetis}
 * @param state the convention the bridge reports (and converts its driver's frame to)
 * @param maxSpeedMps the kinematic driver's Cartesian speed, m/s
 * @param startY the kinematic driver's start y, metres (x 0.45, z 0.30, hand pointing down)
 * @param driverToml further TOML for the driver (a {@code [driver.NAME]} section), or empty
 * @param securityToml the {@code [security]} section, or empty (plaintext, no token)
 */
public record PythonBridgeConfig(
    String driver,
    StateConvention state,
    double maxSpeedMps,
    double startY,
    String driverToml,
    String securityToml) {

  /** Checks the fields are present. */
  public PythonBridgeConfig {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(driverToml, "driverToml");
    Objects.requireNonNull(securityToml, "securityToml");
  }

  /** The kinematic driver reporting the Franka Hand's TCP (the simulator's convention). */
  public static PythonBridgeConfig kinematic() {
    return new PythonBridgeConfig("kinematic", StateConvention.FRANKA_HAND_TCP, 0.25, 0.0, "", "");
  }

  /**
   * The franky driver over franky's recording double (franka-bridge/tests/doubles), at the slowest
   * dynamics factor the bridge accepts (0.01: 3 cm/s), reporting the Franka Hand's TCP, the
   * end-effector frame the double's robot has configured.
   */
  public static PythonBridgeConfig frankyDouble() {
    return kinematic()
        .withDriver(
            "franky",
            """
            [driver.franky]
            host = "172.16.0.2"
            relative_dynamics_factor = 0.01
            realtime = "enforce"
            """);
  }

  /**
   * The polymetis driver over Polymetis' recording double at {@code speedMps}, reporting the flange
   * ({@code panda_link8}, the end-effector link DROID's Polymetis configuration names).
   */
  public static PythonBridgeConfig polymetisDouble(double speedMps) {
    return kinematic()
        .withState(StateConvention.FLANGE)
        .withDriver(
            "polymetis",
            String.format(
                Locale.ROOT,
                """
                [driver.polymetis]
                max_speed_mps = %s
                max_rotation_speed_radps = 0.5
                min_time_to_go_s = 0.5
                """,
                Double.toString(speedMps)));
  }

  /** This configuration reporting {@code convention}. */
  public PythonBridgeConfig withState(StateConvention convention) {
    return new PythonBridgeConfig(
        driver, convention, maxSpeedMps, startY, driverToml, securityToml);
  }

  /** This configuration with the kinematic driver moving at {@code speedMps}. */
  public PythonBridgeConfig withMaxSpeedMps(double speedMps) {
    return new PythonBridgeConfig(driver, state, speedMps, startY, driverToml, securityToml);
  }

  /** This configuration with another driver and its TOML section. */
  public PythonBridgeConfig withDriver(String name, String toml) {
    return new PythonBridgeConfig(name, state, maxSpeedMps, startY, toml, securityToml);
  }

  /**
   * This configuration serving TLS with {@code certChain}/{@code privateKey} (PEM) and requiring
   * one of the tokens in {@code tokenFile} (franka-bridge's {@code [security]} section).
   */
  public PythonBridgeConfig withSecurity(Path certChain, Path privateKey, Path tokenFile) {
    String toml =
        String.format(
            Locale.ROOT,
            """
            [security]
            tls_cert = %s
            tls_key = %s
            token_file = %s
            """,
            tomlString(certChain),
            tomlString(privateKey),
            tomlString(tokenFile));
    return new PythonBridgeConfig(driver, state, maxSpeedMps, startY, driverToml, toml);
  }

  private static String tomlString(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Whether the driver's robot library is replaced by the recording doubles. */
  public boolean usesDoubles() {
    return !driver.equals("kinematic");
  }

  /** The configuration file's text. */
  public String toml() {
    return String.format(
            Locale.ROOT,
            """
            [server]
            listen = "127.0.0.1:0"

            [robot]
            name = "franka-panda-test"
            driver = "%s"

            [state]
            frame_name = "%s"
            offset_from_flange_m = %s
            rotation_about_flange_z_rad = %s

            [safety]
            workspace_min_m = [0.25, -0.40, 0.01]
            workspace_max_m = [0.80, 0.40, 0.70]
            max_translation_delta_m = 0.25
            max_rotation_delta_rad = 0.7853981633974483
            table_guard = true
            table_z_m = 0.0
            table_margin_m = 0.0

            [driver.kinematic]
            start_pose = [0.45, %s, 0.30, 3.141592653589793, 0.0, 0.0]
            start_closedness = 0.0
            max_speed_mps = %s
            max_rotation_speed_radps = 1.0
            gripper_speed_mps = 0.1
            gripper_max_opening_m = 0.08

            [camera]
            source = "none"
            """,
            driver,
            state.frameName(),
            Double.toString(state.offsetFromFlangeM()),
            Double.toString(state.rotationAboutFlangeZRad()),
            Double.toString(startY),
            Double.toString(maxSpeedMps))
        + (driverToml.isEmpty() ? "" : "\n" + driverToml + "\n")
        + (securityToml.isEmpty() ? "" : "\n" + securityToml);
  }
}
