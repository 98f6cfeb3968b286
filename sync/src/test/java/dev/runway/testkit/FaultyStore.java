package dev.runway.testkit;

import dev.runway.base.RunwayException;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import java.util.Map;
import java.util.Set;

/**
 * Wraps an env store and fails its n-th change (write or delete, counted from 0) once, before it
 * reaches the store, as a platform answering 503 would. Snapshots and restores go to the wrapped
 * store's own implementation (Render's replace-all call, Vercel's key-by-key default).
 */
public final class FaultyStore implements EnvStore {
  private final EnvStore inner;
  private int failAt;
  private int changes;

  public FaultyStore(EnvStore inner, int failAt) {
    this.inner = inner;
    this.failAt = failAt;
  }

  /** No failure from now on (the platform is back). */
  public void disarm() {
    failAt = -1;
  }

  /** The changes attempted so far, the failed one included. */
  public int changes() {
    return changes;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Map<String, String> readAll() {
    return inner.readAll();
  }

  @Override
  public Set<String> writeOnly() {
    return inner.writeOnly();
  }

  @Override
  public void write(String name, String value) {
    maybeFail(name);
    inner.write(name, value);
  }

  @Override
  public void delete(String name) {
    maybeFail(name);
    inner.delete(name);
  }

  @Override
  public EnvSnapshot snapshot() {
    return inner.snapshot();
  }

  @Override
  public void restore(EnvSnapshot snapshot) {
    inner.restore(snapshot);
  }

  private void maybeFail(String name) {
    if (changes++ == failAt) {
      failAt = -1;
      throw new RunwayException.PlatformRejected("sandbox", 503, "unavailable",
          "sandbox: " + name + ": injected failure, the platform answered 503; try again later", null);
    }
  }
}
