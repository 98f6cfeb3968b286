package dev.runway.sync;

import dev.runway.RunwayException;
import java.util.Map;

/** Wraps a store and fails its n-th change (write or delete, counted from 0) once, as a platform would. */
final class FaultyStore implements EnvStore {
  private final EnvStore inner;
  private int failAt;
  private int changes;

  FaultyStore(EnvStore inner, int failAt) {
    this.inner = inner;
    this.failAt = failAt;
  }

  /** No failure from now on (the platform is back). */
  void disarm() {
    failAt = -1;
  }

  int changes() {
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
  public java.util.Set<String> writeOnly() {
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

  private void maybeFail(String name) {
    if (changes++ == failAt) {
      failAt = -1;
      throw new RunwayException.PlatformRejected("sandbox", 503, "unavailable",
          "sandbox: " + name + ": the platform answered 503; try again later", null);
    }
  }
}
