/**
 * The service configuration: immutable, validated settings records ({@link
 * dev.latentmpc.deploy.config.ServeConfig} and its sections) built once by {@link
 * dev.latentmpc.deploy.config.ConfigLoader} from the defaults, a YAML or JSON file and flags, with
 * every problem reported together before anything starts.
 *
 * <p>Jackson parses the files ({@link dev.latentmpc.deploy.config.ConfigFile}) and writes the
 * effective configuration ({@link dev.latentmpc.deploy.config.EffectiveConfig}); the typed,
 * range-checked reads are this package's own ({@code SettingsReader}), not record binding plus Bean
 * Validation: that route was prototyped and stops at the first coercion error (a fraction for an
 * integer), cannot name where a value came from (file, flag or {@code --set}) without the layers
 * kept here anyway, and would restate the modules' limits as annotation literals. The measured
 * figures are in deploy/README.md, "Why the configuration reader is written by hand".
 */
package dev.latentmpc.deploy.config;
