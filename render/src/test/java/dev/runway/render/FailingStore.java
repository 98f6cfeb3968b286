package dev.runway.render;

import dev.runway.RunwayException;
import dev.runway.sync.EnvSnapshot;
import dev.runway.sync.EnvStore;
import java.util.Map;
import java.util.Set;

/** Wraps a store and fails its n-th change (write or delete, from 0) once, before it reaches the platform. */
final class FailingStore implements EnvStore {
  private final EnvStore inner;
  private int failAt;
  private int changes;

  FailingStore(EnvStore inner, int failAt) {
    this.inner = inner;
    this.failAt = failAt;
  }

  /** No failure from now on. */
  void disarm() {
    failAt = -1;
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
  public void restore(EnvSnapshot snapshot) {
    inner.restore(snapshot); // the platform's own restore (Render: one replace-all call)
  }

  private void maybeFail(String name) {
    if (changes++ == failAt) {
      failAt = -1;
      throw new RunwayException.PlatformRejected("test", 503, null, "test: " + name + ": injected failure; try again", null);
    }
  }
}
