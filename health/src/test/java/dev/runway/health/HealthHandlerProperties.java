package dev.runway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

class HealthHandlerProperties {
  private static final String TOKEN = "property-token-0123456789";
  private static final HealthRegistry REGISTRY = Health.registry()
      .liveness("process", Probes.up())
      .deep("db", Probes.custom(() -> Result.fail("secret-bearing failure text")))
      .build();
  private static final HealthHandler HANDLER =
      HealthHandler.create(REGISTRY, Health.options().detailsToken(TOKEN).build());

  @AfterContainer
  static void close() {
    REGISTRY.close();
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.oneOf(Arbitraries.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "get"),
        Arbitraries.strings().ofMaxLength(12));
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.oneOf(
        Arbitraries.of("/api/health", "/api/health/", "/api/health/deep", "/api/health/ready", "/api/health/deep/x",
            "/", "", "/api/healthdeep", "/API/HEALTH"),
        Arbitraries.strings().ofMaxLength(10_000));
  }

  @Provide
  Arbitrary<String> queries() {
    return Arbitraries.oneOf(Arbitraries.of("format=ietf", "format=actuator", "format=microprofile", "format=",
        "format=xml&format=ietf", "&&=&"), Arbitraries.strings().ofMaxLength(200));
  }

  @Provide
  Arbitrary<String> authorizations() {
    return Arbitraries.oneOf(Arbitraries.of("", "Bearer", "Bearer ", "bearer " + TOKEN.substring(1), "Basic x"),
        Arbitraries.strings().ofMaxLength(100));
  }

  @Property(tries = 300)
  void anyRequestGetsAnAnswerAndNoDetailsLeakWithoutTheToken(
      @ForAll("methods") String method, @ForAll("paths") String path, @ForAll("queries") String query,
      @ForAll("authorizations") String authorization, @ForAll long contentLength) throws Exception {
    Map<String, String> headers = Map.of("Authorization", authorization);
    HealthHandler.Response r = HANDLER.handle(method, path, query, name -> Optional.ofNullable(headers.get(name)),
        contentLength).get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isIn(200, 400, 404, 405, 413, 414, 503);
    assertThat(r.headers()).containsKey("Content-Type");
    assertThat(r.bodyText()).doesNotContain("secret-bearing").doesNotContain("\"db\"");
  }
}
