package dev.runway.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension used the way users use it: on this class's own fields and parameters. */
class RunwayExtensionTest {
  /** A stand-in for a sandbox: starts through a static start(), remembers being closed. */
  static final class FakeSandbox implements AutoCloseable {
    final String name;
    boolean closed;

    private FakeSandbox(String name) {
      this.name = name;
    }

    public static FakeSandbox start() {
      return new FakeSandbox("started by the extension");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Another type, so that parameters of each type resolve unambiguously. */
  static final class FakeSimulation implements AutoCloseable {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  @Sandbox static FakeSandbox sandbox;
  @Sandbox static FakeSimulation simulation = new FakeSimulation();

  @RegisterExtension
  static final RunwayExtension.Resource<FakeSandbox> lambda = RunwayExtension.start(() -> new FakeSandbox("lambda"));

  static FakeSimulation seenInBeforeAll;

  @BeforeAll
  static void receivesStartedResourcesInLifecycleMethods(FakeSimulation resolved) {
    seenInBeforeAll = resolved;
  }

  @Test
  void startsANullSandboxFieldThroughItsTypesStaticStart() {
    assertThat(sandbox).isNotNull();
    assertThat(sandbox.name).isEqualTo("started by the extension");
    assertThat(sandbox.closed).isFalse();
  }

  @Test
  void keepsAnAssignedSandboxFieldAndResolvesItAsAParameter(FakeSimulation resolved) {
    assertThat(resolved).isSameAs(simulation);
    assertThat(seenInBeforeAll).isSameAs(simulation);
    assertThat(simulation.closed).isFalse();
  }

  @Test
  void startsALambdaResourceForTheClass() {
    assertThat(lambda.get().name).isEqualTo("lambda");
    assertThat(lambda.get().closed).isFalse();
    assertThat(lambda).hasToString("RunwayExtension.Resource[" + lambda.get() + "]");
  }

  @Test
  void aResourceReadOutsideARunSaysHowToRegisterIt() {
    RunwayExtension.Resource<FakeSandbox> unregistered = RunwayExtension.start(FakeSandbox::start);

    assertThatThrownBy(unregistered::get).isInstanceOf(IllegalStateException.class).hasMessage(
        "RunwayExtension: resource: not started; register it with @RegisterExtension and read it inside a test or"
            + " a lifecycle method");
    assertThat(unregistered).hasToString("RunwayExtension.Resource[not started]");
  }

  @Test
  void closesEveryResourceAndThrowsTheFirstFailureWithTheOthersSuppressed() {
    List<String> closed = new ArrayList<>();
    IllegalStateException first = new IllegalStateException("first");
    IllegalStateException second = new IllegalStateException("second");
    List<AutoCloseable> resources = List.of(
        () -> { closed.add("a"); throw first; },
        () -> closed.add("b"),
        () -> { closed.add("c"); throw second; });

    assertThatThrownBy(() -> RunwayExtension.closeAll(resources)).isSameAs(first);
    assertThat(closed).containsExactly("a", "b", "c");
    assertThat(first.getSuppressed()).containsExactly(second);
  }
}
