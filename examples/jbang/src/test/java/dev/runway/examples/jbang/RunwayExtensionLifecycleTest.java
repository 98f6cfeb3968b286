package dev.runway.examples.jbang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.runway.junit.RunwayExtension;
import dev.runway.junit.Sandbox;
import dev.runway.render.RenderSandbox;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** RunwayExtension's lifecycle seen from outside: test classes run through JUnit's engine test kit. */
class RunwayExtensionLifecycleTest {
  static final List<String> LOG = new CopyOnWriteArrayList<>();

  /** Logs its life. */
  static final class Tracked implements AutoCloseable {
    final String name;

    Tracked(String name) {
      this.name = name;
      LOG.add("start " + name);
    }

    public static Tracked start() {
      return new Tracked("static-start");
    }

    @Override
    public void close() {
      LOG.add("close " + name);
    }
  }

  static class TwoFieldsAndALambda {
    @Sandbox static Tracked first;
    @Sandbox static AutoCloseable second = new Tracked("assigned");

    @RegisterExtension
    static final RunwayExtension.Resource<Tracked> perClass = RunwayExtension.start(() -> new Tracked("lambda"));

    @Test
    void one() {
      LOG.add("test one");
    }

    @Test
    void two() {
      LOG.add("test two");
    }
  }

  static class InstanceLambda {
    @RegisterExtension
    final RunwayExtension.Resource<Tracked> perTest = RunwayExtension.start(() -> new Tracked("per-test"));

    @Test
    void one(Tracked t) {
      LOG.add("test one with " + t.name);
    }

    @Test
    void two(Tracked t) {
      LOG.add("test two with " + t.name);
    }
  }

  static class NonStaticField {
    @Sandbox RenderSandbox render;

    @Test
    void never() {}
  }

  static class NoStartMethod {
    @Sandbox static AutoCloseable thing;

    @Test
    void never() {}
  }

  static class TwoOfAType {
    @Sandbox static Tracked a = new Tracked("a");
    @Sandbox static Tracked b = new Tracked("b");

    @Test
    void ambiguous(Tracked t) {}
  }

  private static Events run(Class<?> testClass) {
    LOG.clear();
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
  }

  private static String failure(Events events) {
    Event failed = events.failed().stream().findFirst().orElseThrow(() -> new AssertionError("nothing failed"));
    return failed.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow().getMessage();
  }

  @Test
  void startsFieldsAndLambdasOnceForTheClassAndClosesThemAfterItInReverse() {
    Events events = run(TwoFieldsAndALambda.class);

    assertThat(events.failed().count()).as(() -> failure(events)).isZero();
    assertThat(LOG).containsExactly("start assigned", "start static-start", "start lambda",
        "test one", "test two", "close lambda", "close assigned", "close static-start");
    assertThat(TwoFieldsAndALambda.first).as("the field is cleared after the class").isNull();
  }

  @Test
  void startsAnInstanceFieldLambdaForEachTestAndResolvesItAsAParameter() {
    Events events = run(InstanceLambda.class);

    assertThat(events.failed().count()).as(() -> failure(events)).isZero();
    assertThat(LOG).containsExactlyInAnyOrder("start per-test", "test one with per-test", "close per-test",
        "start per-test", "test two with per-test", "close per-test");
  }

  @Test
  void rejectsANonStaticSandboxFieldSayingWhatToDo() {
    assertThat(failure(run(NonStaticField.class))).isEqualTo("RunwayExtension: field NonStaticField.render: @Sandbox"
        + " fields must be static (one per test class); declare it 'static', or use @RegisterExtension"
        + " RunwayExtension.start(...) for one per test");
  }

  @Test
  void asksForAnAssignmentWhenTheTypeCannotStartItself() {
    assertThat(failure(run(NoStartMethod.class))).isEqualTo("RunwayExtension: field NoStartMethod.thing:"
        + " AutoCloseable has no public static start() method; declare it as a sandbox type that starts itself,"
        + " RenderSandbox (dev.runway:runway-render), VercelSandbox (dev.runway:runway-vercel) or SupabaseSandbox"
        + " (dev.runway:runway-supabase), or assign the field yourself (@Sandbox static AutoCloseable thing = ...;)");
  }

  @Test
  void refusesToGuessBetweenTwoSandboxesOfTheParametersType() {
    Events events = run(TwoOfAType.class);

    assertThat(failure(events)).isEqualTo("RunwayExtension: parameter 't' of type Tracked: matches 2 @Sandbox fields"
        + " (a, b); read the field you mean instead");
    assertThat(LOG).contains("close a", "close b");
  }
}
