/**
 * Render, simulated locally: {@link dev.runway.dockersim.DockerSim} generates a docker-compose.yml
 * that mirrors the Render blueprint (same variables, {@code PORT}, health check and plan limits),
 * reports where a compose file and the blueprint disagree, checks a Dockerfile for what matters on
 * Render, drives the {@code docker} CLI, and runs a service as a plain child process with Render's
 * injected environment where no Docker engine runs ({@link dev.runway.dockersim.ProcessSimulation}).
 */
@NullMarked
package dev.runway.dockersim;

import org.jspecify.annotations.NullMarked;
