package dev.runway.supabase.internal;

import dev.runway.supabase.SupabaseKey;
import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The project's HTTP endpoints: auth {@code /auth/v1/health}, REST {@code /rest/v1/}, storage
 * {@code /storage/v1/status}, realtime {@code /realtime/v1/api/ping}. Legacy JWT keys go in
 * {@code apikey} and {@code Authorization: Bearer}; {@code sb_} keys only in {@code apikey} (the
 * gateway rejects them as a bearer token). Supabase's own codes are reported as what they mean:
 * 540 paused, 544 gateway timeout, 402 over quota. Never throws; never shows the key.
 */
public final class HttpChecks {
  private final OkHttpClient http;
  private final HttpUrl base;
  private final SupabaseKey key;

  public HttpChecks(OkHttpClient http, HttpUrl base, SupabaseKey key) {
    this.http = http;
    this.base = base;
    this.key = key;
  }

  public Outcome auth() {
    return check("auth", "auth/v1/health");
  }

  public Outcome rest() {
    return check("rest", "rest/v1/");
  }

  public Outcome storage() {
    return check("storage", "storage/v1/status");
  }

  public Outcome realtime() {
    return check("realtime", "realtime/v1/api/ping");
  }

  /** {@code GET <base>/<path>} with the key, for the keep-alive job. */
  public Outcome check(String service, String path) {
    HttpUrl url = base.newBuilder().addPathSegments(path).build();
    Request.Builder rb = new Request.Builder().url(url).header("apikey", key.reveal()).header("Accept", "application/json");
    if (key.kind().isJwt()) rb.header("Authorization", "Bearer " + key.reveal());
    String what = service + " (GET " + url.encodedPath() + ")";
    long start = System.nanoTime();
    try (Response response = http.newCall(rb.build()).execute()) {
      int code = response.code();
      String body = response.body().string();
      long ms = (System.nanoTime() - start) / 1_000_000;
      return interpret(service, what, code, body).with("status", code).with("responseMs", ms);
    } catch (InterruptedIOException e) {
      return Outcome.fail(what + ": no answer within the timeout").with("status", 0);
    } catch (IOException e) {
      return Outcome.fail(what + ": cannot connect (" + e.getClass().getSimpleName() + "); check the project URL")
          .with("status", 0);
    }
  }

  static Outcome interpret(String service, String what, int code, String body) {
    if (code >= 200 && code < 300) return Outcome.pass(what + ": up (" + code + ")");
    if (code == 540) {
      return Outcome.fail(what + ": project is paused (540); restore it in the dashboard or with"
          + " POST /v1/projects/{ref}/restore, and run a keep-alive so a free project does not pause after 7 idle days");
    }
    if (code == 544) return Outcome.fail(what + ": gateway timeout (544): the project did not answer in time (overloaded, or still starting)");
    if (code == 402) {
      return Outcome.fail(what + ": over quota (402): the organization passed its plan's usage limits and requests are refused;"
          + " reduce usage or upgrade the plan in the dashboard's billing page");
    }
    if (service.equals("rest") && (code == 401 || code == 403) && body.contains("Access to schema is forbidden")) {
      return Outcome.pass(what + ": up (" + code + " 'Access to schema is forbidden' answers a public key as designed)");
    }
    if (code == 401 || code == 403) {
      return Outcome.fail(what + ": the key was refused (" + code + "); check that it belongs to this project"
          + " (Project Settings > API Keys) and has not been rotated");
    }
    if (code == 404) return Outcome.fail(what + ": not found (404); check the project URL (https://<ref>.supabase.co)");
    if (code == 429) return Outcome.warn(what + ": rate limited (429)");
    if (code >= 500) return Outcome.fail(what + ": service error (" + code + ")");
    return Outcome.fail(what + ": unexpected status " + code);
  }
}
