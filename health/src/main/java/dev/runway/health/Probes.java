package dev.runway.health;

import dev.runway.base.Secret;
import dev.runway.health.internal.Checks;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Factories for the probe kinds: the process itself, TCP, JDBC, heap, disk, your own lambda, and
 * presets for the paid AI APIs that call their cheapest authenticated endpoint. HTTP probes of
 * your own are made with {@link HttpProbe}.
 *
 * <pre>{@code
 * Probes.tcp("db.internal", 5432)
 * Probes.jdbc(dataSource, "select 1")
 * Probes.heap(80, 95)
 * Probes.openAi(key).nonCritical().cacheFor(Duration.ofMinutes(1))
 * }</pre>
 */
public final class Probes {
  static final URI OPENAI = URI.create("https://api.openai.com");
  static final URI ANTHROPIC = URI.create("https://api.anthropic.com");
  static final URI LLAMA_CLOUD = URI.create("https://api.cloud.llamaindex.ai");

  private Probes() {}

  /** Always passes: proves the process answers HTTP. */
  public static Probe up() {
    return Probe.timed("process", "this process", "responseTime", timeout -> Result.pass());
  }

  /** Your own check, of kind {@code custom}. */
  public static Probe custom(Check check) {
    return Probe.of("custom", "custom check", check);
  }

  /** Passes when a TCP connection to {@code host:port} opens within the timeout. */
  public static Probe tcp(String host, int port) {
    if (port < 1 || port > 65535) throw new IllegalArgumentException("health: tcp probe: port " + port + " is not 1-65535");
    return Probe.timed("tcp", host + ":" + port, "connectTime", Checks.tcp(Objects.requireNonNull(host), port));
  }

  /** Passes when a connection is borrowed and {@code Connection.isValid} holds. */
  public static Probe jdbc(DataSource dataSource) {
    return Probe.timed("jdbc", "DataSource", "responseTime", Checks.jdbc(dataSource, null));
  }

  /** Passes when a connection is borrowed and {@code validityQuery} returns a row. */
  public static Probe jdbc(DataSource dataSource, String validityQuery) {
    return Probe.timed("jdbc", "DataSource: " + validityQuery, "responseTime",
        Checks.jdbc(dataSource, Objects.requireNonNull(validityQuery)));
  }

  /** Heap used in percent of max: warns at {@code warnPercent}, fails at {@code failPercent}. */
  public static Probe heap(double warnPercent, double failPercent) {
    return Probe.timed("memory", "heap", "utilization", Checks.heap(warnPercent, failPercent));
  }

  /** Fails when the file store holding {@code path} has fewer than {@code minFreeBytes} usable. */
  public static Probe diskFree(Path path, long minFreeBytes) {
    return Probe.timed("disk", path.toString(), "free", Checks.diskFree(path, minFreeBytes));
  }

  /** {@code GET https://api.openai.com/v1/models} with the key as bearer: lists models, costs nothing. */
  public static Probe openAi(String apiKey) {
    return openAi(apiKey, OPENAI);
  }

  /** As {@link #openAi(String)} against another base URL (a proxy, a sandbox, a test server). */
  public static Probe openAi(String apiKey, URI baseUrl) {
    return HttpProbe.get(join(baseUrl, "/v1/models")).bearer(apiKey).expectStatus(200).build();
  }

  /** As {@link #openAi(String)}, with the key from an env {@link Secret}; it stays out of every report. */
  public static Probe openAi(Secret apiKey) {
    return openAi(apiKey.reveal(), OPENAI);
  }

  /** As {@link #openAi(String, URI)}, with the key from an env {@link Secret}. */
  public static Probe openAi(Secret apiKey, URI baseUrl) {
    return openAi(apiKey.reveal(), baseUrl);
  }

  /** {@code GET https://api.anthropic.com/v1/models} with {@code x-api-key} and {@code anthropic-version}. */
  public static Probe anthropic(String apiKey) {
    return anthropic(apiKey, ANTHROPIC);
  }

  /** As {@link #anthropic(String)} against another base URL (a proxy, a sandbox, a test server). */
  public static Probe anthropic(String apiKey, URI baseUrl) {
    return HttpProbe.get(join(baseUrl, "/v1/models"))
        .apiKey("x-api-key", apiKey)
        .header("anthropic-version", "2023-06-01")
        .expectStatus(200)
        .build();
  }

  /** As {@link #anthropic(String)}, with the key from an env {@link Secret}; it stays out of every report. */
  public static Probe anthropic(Secret apiKey) {
    return anthropic(apiKey.reveal(), ANTHROPIC);
  }

  /** As {@link #anthropic(String, URI)}, with the key from an env {@link Secret}. */
  public static Probe anthropic(Secret apiKey, URI baseUrl) {
    return anthropic(apiKey.reveal(), baseUrl);
  }

  /** {@code GET https://api.cloud.llamaindex.ai/api/v1/projects} with the key as bearer. */
  public static Probe llamaCloud(String apiKey) {
    return llamaCloud(apiKey, LLAMA_CLOUD);
  }

  /** As {@link #llamaCloud(String)}, with the key from an env {@link Secret}; it stays out of every report. */
  public static Probe llamaCloud(Secret apiKey) {
    return llamaCloud(apiKey.reveal(), LLAMA_CLOUD);
  }

  /** As {@link #llamaCloud(String)} against another base URL (a proxy, a sandbox, a test server). */
  public static Probe llamaCloud(String apiKey, URI baseUrl) {
    return HttpProbe.get(join(baseUrl, "/api/v1/projects")).bearer(apiKey).expectStatus(200).build();
  }

  /** As {@link #llamaCloud(String, URI)}, with the key from an env {@link Secret}. */
  public static Probe llamaCloud(Secret apiKey, URI baseUrl) {
    return llamaCloud(apiKey.reveal(), baseUrl);
  }

  private static String join(URI base, String path) {
    String b = base.toString();
    return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path;
  }
}
