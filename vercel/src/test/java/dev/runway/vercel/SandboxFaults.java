package dev.runway.vercel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * Counts the env-var changes a client sends (POST, PATCH, DELETE under {@code /env}) and has the
 * {@link VercelSandbox} itself fail the chosen ones ({@code failNext(1, 503)} armed just before them).
 */
final class SandboxFaults {
  private final VercelSandbox sandbox;
  private final AtomicInteger changes = new AtomicInteger();
  private final Set<Integer> failing = ConcurrentHashMap.newKeySet();

  SandboxFaults(VercelSandbox sandbox) {
    this.sandbox = sandbox;
  }

  /** From now on, fail the changes numbered {@code indexes} (0 is the next one). */
  void failChanges(Integer... indexes) {
    changes.set(0);
    failing.clear();
    failing.addAll(Set.of(indexes));
  }

  void disarm() {
    failing.clear();
  }

  Interceptor interceptor() {
    return chain -> {
      Request r = chain.request();
      if (!r.method().equals("GET") && r.url().encodedPath().matches("/v\\d+/projects/[^/]+/env(/[^/]+)?")
          && failing.remove(changes.getAndIncrement())) {
        sandbox.failNext(1, 503);
      }
      return chain.proceed(r);
    };
  }
}
