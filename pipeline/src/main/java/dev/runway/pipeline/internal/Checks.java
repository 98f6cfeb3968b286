package dev.runway.pipeline.internal;

import dev.runway.pipeline.StepContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The built-in HTTP smoke check. */
public final class Checks {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private Checks() {}

  /** The URL without user info, query or fragment (they may carry tokens). */
  public static String safe(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme() + "://";
    String host = url.getHost() == null ? "" : url.getHost();
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    return scheme + host + port + path + (url.getRawQuery() == null ? "" : "?…");
  }

  public static void http(StepContext ctx, URI url, int expected) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofSeconds(10)).build();
    HttpResponse<Void> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      throw new StepFailed("GET " + safe(url) + " got no answer (" + e.getClass().getSimpleName() + ")");
    }
    if (response.statusCode() != expected) {
      throw new StepFailed("GET " + safe(url) + " answered " + response.statusCode() + ", expected " + expected);
    }
    ctx.log("GET " + safe(url) + " answered " + response.statusCode());
  }
}
