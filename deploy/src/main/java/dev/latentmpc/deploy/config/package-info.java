/**
 * The service configuration: immutable, validated settings records ({@link
 * dev.latentmpc.deploy.config.ServeConfig} and its sections) built once by {@link
 * dev.latentmpc.deploy.config.ConfigLoader} from the defaults, a YAML or JSON file and flags, with
 * every problem reported together before anything starts.
 */
package dev.latentmpc.deploy.config;
